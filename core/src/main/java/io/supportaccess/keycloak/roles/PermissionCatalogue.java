package io.supportaccess.keycloak.roles;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.jpa.entities.RoleEntity;


/**
 * Gives a realm the permission roles of every {@link PermissionCategory} and the {@link GlobalRole}s.
 * Only missing roles are created; an existing role, changed or not, stays as it is (seed: new
 * permissions are not added to existing roles).
 */
public final class PermissionCatalogue {

    private PermissionCatalogue() {
    }

    /** Creates what is missing; returns how many roles it created. */
    public static int ensure(KeycloakSession session, RealmModel realm) {
        RoleBatch batch = new RoleBatch(session, realm);
        for (PermissionCategory category : PermissionCategory.values()) {
            for (PermissionCategory.Level level : category.levels()) {
                String name = category.roleName(level);
                if (!batch.exists(name)) {
                    RoleEntity role = batch.add(name, category.roleDescription(level));
                    category.keycloakRoles(level).forEach(keycloakRole -> batch.includeManagementRole(role, keycloakRole));
                }
            }
        }
        for (GlobalRole global : GlobalRole.catalogue()) {
            if (!batch.exists(global.name())) {
                RoleEntity role = batch.add(global.name(), global.description());
                global.permissionRoles().forEach(permission -> batch.includeRealmRole(role, permission));
                global.keycloakRoles().forEach(keycloakRole -> batch.includeManagementRole(role, keycloakRole));
            }
        }
        return batch.write();
    }
}

package io.supportaccess.keycloak.roles;

import java.util.Set;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.jpa.entities.RoleEntity;


/**
 * Gives a realm the permission roles of every {@link PermissionCategory} and the {@link GlobalRole}s.
 * Only missing roles are created; an existing role, changed or not, stays as it is (seed: new
 * permissions are not added to existing roles).
 */
public final class PermissionCatalogue {

    private PermissionCatalogue() {
    }

    /** Creates what is missing; returns the names of the roles it created. */
    public static Set<String> ensure(KeycloakSession session, RealmModel realm) {
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
        giveApprovalToExistingAdmins(realm, batch);
        return batch.write();
    }

    /**
     * Support approval came after the catalogue: a realm whose {@code admins} role predates it gets the
     * new roles into {@code admins} once, when they are created, so tenant administrators approve by default
     * (only the catalogue's own {@code admins}, recognised by its description).
     */
    private static void giveApprovalToExistingAdmins(RealmModel realm, RoleBatch batch) {
        String admins = GlobalRole.catalogue().get(0).name();
        if (!batch.existedBefore(admins)) {
            return;
        }
        RoleModel existing = realm.getRole(admins);
        if (existing == null || !GlobalRole.catalogue().get(0).description().equals(existing.getDescription())) {
            // an operator's own role called admins is theirs: left as it is
            return;
        }
        for (String name : PermissionCategory.SUPPORT_APPROVAL.allRoleNames()) {
            if (batch.isNew(name)) {
                batch.includeInExistingRole(admins, name);
            }
        }
    }
}

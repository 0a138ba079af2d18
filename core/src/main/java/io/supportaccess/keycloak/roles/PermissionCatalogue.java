package io.supportaccess.keycloak.roles;

import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

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
        // Keycloak's addRole flushes after its insert; its name check would flush once more before it:
        // in a realm's creation transaction (thousands of entities) each flush costs milliseconds
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        FlushModeType flushMode = em.getFlushMode();
        em.setFlushMode(FlushModeType.COMMIT);
        try {
            return create(realm);
        } finally {
            em.setFlushMode(flushMode);
        }
    }

    private static int create(RealmModel realm) {
        // one query for the realm's role names instead of one per role
        Set<String> existing = realm.getRolesStream().map(RoleModel::getName).collect(Collectors.toSet());
        ClientModel realmManagement = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        Map<String, RoleModel> created = new HashMap<>();
        for (PermissionCategory category : PermissionCategory.values()) {
            for (PermissionCategory.Level level : category.levels()) {
                String name = category.roleName(level);
                if (existing.contains(name)) {
                    continue;
                }
                RoleModel role = realm.addRole(name);
                role.setDescription(category.roleDescription(level));
                category.keycloakRoles(level).forEach(keycloakRole -> include(role, realmManagement, keycloakRole));
                created.put(name, role);
            }
        }
        for (GlobalRole global : GlobalRole.catalogue()) {
            if (existing.contains(global.name())) {
                continue;
            }
            RoleModel role = realm.addRole(global.name());
            role.setDescription(global.description());
            for (String permission : global.permissionRoles()) {
                RoleModel part = created.containsKey(permission) ? created.get(permission) : realm.getRole(permission);
                if (part != null) {
                    role.addCompositeRole(part);
                }
            }
            global.keycloakRoles().forEach(keycloakRole -> include(role, realmManagement, keycloakRole));
            created.put(global.name(), role);
        }
        giveApprovalToExistingAdmins(realm, existing, created);
        return created.size();
    }

    /**
     * Support approval came after the catalogue: a realm whose {@code admins} role predates it gets the
     * new role into {@code admins} once, when the role is created, so tenant administrators approve by default.
     */
    private static void giveApprovalToExistingAdmins(RealmModel realm, Set<String> existing, Map<String, RoleModel> created) {
        if (!existing.contains("admins")) {
            return;
        }
        RoleModel admins = realm.getRole("admins");
        for (String name : PermissionCategory.SUPPORT_APPROVAL.allRoleNames()) {
            RoleModel approval = created.get(name);
            if (approval != null && admins != null) {
                admins.addCompositeRole(approval);
            }
        }
    }

    private static void include(RoleModel role, ClientModel realmManagement, String keycloakRole) {
        RoleModel part = realmManagement == null ? null : realmManagement.getRole(keycloakRole);
        if (part != null) {
            role.addCompositeRole(part);
        }
    }
}

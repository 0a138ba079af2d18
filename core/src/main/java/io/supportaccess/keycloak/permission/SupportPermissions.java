package io.supportaccess.keycloak.permission;

import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/**
 * Sets up the Support permission of the management realm: one realm role per level, and the global
 * role "Support" composed of both (names and checks: {@link SupportAccessAuth}).
 */
public final class SupportPermissions {

    private SupportPermissions() {
    }

    /** Creates the permission roles and the global role where missing; leaves existing ones as they are. */
    public static void ensureRoles(RealmModel managementRealm) {
        RoleModel read = ensureRole(managementRealm, SupportAccessAuth.ROLE_SUPPORT_READ, "Support permission, level READ");
        RoleModel admin = ensureRole(managementRealm, SupportAccessAuth.ROLE_SUPPORT_ADMIN, "Support permission, level ADMIN");
        if (managementRealm.getRole(SupportAccessAuth.GLOBAL_ROLE_SUPPORT) == null) {
            RoleModel global = managementRealm.addRole(SupportAccessAuth.GLOBAL_ROLE_SUPPORT);
            global.setDescription("Global role: may log in to every open tenant as any of its users (support$user)");
            global.addCompositeRole(read);
            global.addCompositeRole(admin);
        }
    }

    private static RoleModel ensureRole(RealmModel realm, String name, String description) {
        RoleModel role = realm.getRole(name);
        if (role == null) {
            role = realm.addRole(name);
            role.setDescription(description);
        }
        return role;
    }
}

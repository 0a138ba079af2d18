package io.supportaccess.keycloak.permission;

import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * The Support permission of the management realm: one realm role per level, and the global role
 * "Support" composed of both. A support user needs both levels, directly, through composites or
 * through groups.
 */
public final class SupportPermissions {

    public static final String ROLE_SUPPORT_READ = "ROLE_SUPPORT_READ";
    public static final String ROLE_SUPPORT_ADMIN = "ROLE_SUPPORT_ADMIN";
    public static final String GLOBAL_ROLE_SUPPORT = "Support";

    private SupportPermissions() {
    }

    /** Creates the permission roles and the global role where missing; leaves existing ones as they are. */
    public static void ensureRoles(RealmModel managementRealm) {
        RoleModel read = ensureRole(managementRealm, ROLE_SUPPORT_READ, "Support permission, level READ");
        RoleModel admin = ensureRole(managementRealm, ROLE_SUPPORT_ADMIN, "Support permission, level ADMIN");
        if (managementRealm.getRole(GLOBAL_ROLE_SUPPORT) == null) {
            RoleModel global = managementRealm.addRole(GLOBAL_ROLE_SUPPORT);
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

    /** Global Support permission: both levels held. */
    public static boolean hasGlobalSupport(RealmModel managementRealm, UserModel supportUser) {
        RoleModel read = managementRealm.getRole(ROLE_SUPPORT_READ);
        RoleModel admin = managementRealm.getRole(ROLE_SUPPORT_ADMIN);
        return read != null && admin != null && supportUser.hasRole(read) && supportUser.hasRole(admin);
    }
}

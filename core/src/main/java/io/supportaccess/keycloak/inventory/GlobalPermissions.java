package io.supportaccess.keycloak.inventory;

import java.util.ArrayList;
import java.util.List;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Inventory permissions held through global roles: realm roles {@code ROLE_<SCOPE>_READ} and
 * {@code ROLE_<SCOPE>_ADMIN} (e.g. {@code ROLE_INVENTORY_READ}). They apply to every object and win
 * over inventory roles, as in the seed.
 */
public final class GlobalPermissions {

    private GlobalPermissions() {
    }

    public static boolean grants(RealmModel realm, UserModel user, Permission wanted) {
        return wanted.isGrantedBy(held(realm, user, wanted.scope()));
    }

    /** The levels of a scope the user holds through global roles, as permissions on every type. */
    public static List<Permission> held(RealmModel realm, UserModel user, Permission.Scope scope) {
        if (scope == Permission.Scope.FULL_ACCESS) {
            return List.of();
        }
        String prefix = "ROLE_" + switch (scope) {
            case ALARMS -> "ALARM";
            case AUDITS -> "AUDIT";
            case EVENTS -> "EVENT";
            case MEASUREMENTS -> "MEASUREMENT";
            default -> scope.name();
        };
        List<Permission> held = new ArrayList<>();
        for (Permission.Level level : List.of(Permission.Level.READ, Permission.Level.ADMIN)) {
            RoleModel role = realm.getRole(prefix + "_" + level.name());
            if (role != null && user.hasRole(role)) {
                held.add(new Permission(scope, Permission.ANY_TYPE, level));
            }
        }
        return held;
    }
}

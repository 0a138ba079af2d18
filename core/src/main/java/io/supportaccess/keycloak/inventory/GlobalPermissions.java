package io.supportaccess.keycloak.inventory;

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
        if (wanted.scope() == Permission.Scope.FULL_ACCESS) {
            return false;
        }
        String prefix = "ROLE_" + switch (wanted.scope()) {
            case ALARMS -> "ALARM";
            case AUDITS -> "AUDIT";
            case EVENTS -> "EVENT";
            case MEASUREMENTS -> "MEASUREMENT";
            default -> wanted.scope().name();
        };
        List<String> needed = switch (wanted.level()) {
            case READ -> List.of(prefix + "_READ");
            case ADMIN -> List.of(prefix + "_ADMIN");
            case ALL -> List.of(prefix + "_READ", prefix + "_ADMIN");
        };
        for (String name : needed) {
            RoleModel role = realm.getRole(name);
            if (role == null || !user.hasRole(role)) {
                return false;
            }
        }
        return true;
    }
}

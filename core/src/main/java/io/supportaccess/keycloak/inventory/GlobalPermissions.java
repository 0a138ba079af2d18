package io.supportaccess.keycloak.inventory;

import io.supportaccess.keycloak.permission.SupportAccessAuth;
import java.util.List;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Kept only until the inventory REST resources call {@link SupportAccessAuth} directly; remove then.
 */
@Deprecated(forRemoval = true)
public final class GlobalPermissions {

    private GlobalPermissions() {
    }

    public static boolean grants(RealmModel realm, UserModel user, Permission wanted) {
        return SupportAccessAuth.grantsThroughGlobalRoles(realm, user, wanted);
    }

    public static List<Permission> held(RealmModel realm, UserModel user, Permission.Scope scope) {
        return SupportAccessAuth.heldThroughGlobalRoles(realm, user, scope);
    }
}

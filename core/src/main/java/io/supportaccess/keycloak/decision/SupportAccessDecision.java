package io.supportaccess.keycloak.decision;

import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.inventory.Inventory;
import io.supportaccess.keycloak.inventory.Permission;
import io.supportaccess.keycloak.permission.SupportPermissions;
import io.supportaccess.keycloak.requests.SupportRequests;
import io.supportaccess.keycloak.settings.PlatformSettings;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The one place that decides whether an authenticated support user may enter a tenant. Later
 * sources of permission (inventory roles) and of openness (support requests) plug in here.
 */
public final class SupportAccessDecision {

    public enum Outcome {
        GRANTED,
        NOT_A_TENANT,
        TENANT_DISABLED,
        NOT_PERMITTED,
        TENANT_CLOSED
    }

    static final Permission SUPPORT_ALL = new Permission(Permission.Scope.SUPPORT, Permission.ANY_TYPE, Permission.Level.ALL);

    private SupportAccessDecision() {
    }

    public static Outcome decide(KeycloakSession session, RealmModel managementRealm, UserModel supportUser, RealmModel tenant) {
        if (!SupportAccess.isTenantRealmName(tenant.getName()) || tenant.getId().equals(managementRealm.getId())) {
            return Outcome.NOT_A_TENANT;
        }
        if (!tenant.isEnabled()) {
            return Outcome.TENANT_DISABLED;
        }
        if (!isPermitted(session, managementRealm, supportUser, tenant)) {
            return Outcome.NOT_PERMITTED;
        }
        if (!isTenantOpen(session, managementRealm, tenant)) {
            return Outcome.TENANT_CLOSED;
        }
        return Outcome.GRANTED;
    }

    /**
     * The global Support permission (both levels), or an inventory role granting Support (or Full
     * access) at level ALL on a group that holds the tenant's management object, directly or
     * through subgroups.
     */
    static boolean isPermitted(KeycloakSession session, RealmModel managementRealm, UserModel supportUser, RealmModel tenant) {
        if (SupportPermissions.hasGlobalSupport(managementRealm, supportUser)) {
            return true;
        }
        Inventory inventory = new Inventory(session);
        return inventory.tenantObject(managementRealm.getId(), tenant.getName())
                .map(object -> inventory.grants(supportUser.getId(), object.getId(), SUPPORT_ALL))
                .orElse(false);
    }

    /** Open to support: by the platform setting, or by an unexpired support request of one of its users. */
    public static boolean isTenantOpen(KeycloakSession session, RealmModel managementRealm, RealmModel tenant) {
        return PlatformSettings.read(managementRealm).activation().opens(tenant.getName())
                || new SupportRequests(session).openUntil(tenant.getId(), Time.currentTimeMillis()).isPresent();
    }
}

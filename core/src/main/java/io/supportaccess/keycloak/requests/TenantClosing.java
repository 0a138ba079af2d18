package io.supportaccess.keycloak.requests;

import io.supportaccess.keycloak.decision.SupportAccessDecision;
import io.supportaccess.keycloak.sessions.SupportSessionGuard;
import io.supportaccess.keycloak.settings.SupportMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** When a tenant stops being open to support, its live support sessions end; when it lowers to read-only, its full ones. */
public final class TenantClosing {

    private TenantClosing() {
    }

    /**
     * Checks the tenant's live support sessions if it closed, or if it now grants read-only support
     * only (full sessions end then). Returns how many ended.
     */
    public static int endSessionsIfClosed(KeycloakSession session, RealmModel management, RealmModel tenant) {
        if (tenant == null || (management != null && SupportAccessDecision.isTenantOpen(session, management, tenant)
                && SupportAccessDecision.mode(session, management, tenant) == SupportMode.FULL)) {
            return 0;
        }
        return new SupportSessionGuard(session).checkRealm(tenant.getId());
    }

    /** After a platform setting change: every live support session is checked again. */
    public static int endSessionsOfClosedTenants(KeycloakSession session) {
        return new SupportSessionGuard(session).checkAll();
    }
}

package io.supportaccess.keycloak.requests;

import io.supportaccess.keycloak.decision.SupportAccessDecision;
import io.supportaccess.keycloak.sessions.SupportSessionGuard;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** When a tenant stops being open to support, its live support sessions end. */
public final class TenantClosing {

    private TenantClosing() {
    }

    /** Checks the tenant's live support sessions if it closed (they end then). Returns how many ended. */
    public static int endSessionsIfClosed(KeycloakSession session, RealmModel management, RealmModel tenant) {
        if (tenant == null || (management != null && SupportAccessDecision.isTenantOpen(session, management, tenant))) {
            return 0;
        }
        return new SupportSessionGuard(session).checkRealm(tenant.getId());
    }

    /** After a platform setting change: every live support session is checked again. */
    public static int endSessionsOfClosedTenants(KeycloakSession session) {
        return new SupportSessionGuard(session).checkAll();
    }
}

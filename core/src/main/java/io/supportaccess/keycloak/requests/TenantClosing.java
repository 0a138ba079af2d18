package io.supportaccess.keycloak.requests;

import io.supportaccess.keycloak.sessions.SupportSessionGuard;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** When a tenant stops being open to support, its live support sessions end. */
public final class TenantClosing {

    private TenantClosing() {
    }

    /** Checks the tenant's live support sessions (they end if it closed). Returns how many ended. */
    public static int endSessionsIfClosed(KeycloakSession session, RealmModel management, RealmModel tenant) {
        return tenant == null ? 0 : new SupportSessionGuard(session).checkRealm(tenant.getId());
    }

    /** After a platform setting change: every live support session is checked again. */
    public static int endSessionsOfClosedTenants(KeycloakSession session) {
        return new SupportSessionGuard(session).checkAll();
    }
}

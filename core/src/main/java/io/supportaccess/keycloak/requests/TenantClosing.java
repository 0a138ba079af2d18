package io.supportaccess.keycloak.requests;

import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.decision.SupportAccessDecision;
import io.supportaccess.keycloak.settings.SupportActivation;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** When a tenant stops being open to support, its live support sessions end. */
public final class TenantClosing {

    private TenantClosing() {
    }

    /** Ends the support sessions of the tenant if it is no longer open. Returns how many ended. */
    public static int endSessionsIfClosed(KeycloakSession session, RealmModel management, RealmModel tenant) {
        if (tenant == null || SupportAccessDecision.isTenantOpen(session, management, tenant)) {
            return 0;
        }
        return SupportSessions.endAll(session, tenant);
    }

    public static void endSessionsIfClosed(KeycloakSession session, RealmModel management, Collection<String> realmIds) {
        for (String realmId : realmIds) {
            endSessionsIfClosed(session, management, session.realms().getRealm(realmId));
        }
    }

    /** After a platform setting change: the tenants that the old setting opened and the new one does not. */
    public static void endSessionsOfClosedTenants(KeycloakSession session, RealmModel management,
                                                  SupportActivation before, SupportActivation after) {
        List<RealmModel> candidates;
        if (before.allTenants()) {
            candidates = session.realms().getRealmsStream()
                    .filter(r -> SupportAccess.isTenantRealmName(r.getName()))
                    .collect(Collectors.toList());
        } else {
            candidates = before.tenants().stream().map(name -> session.realms().getRealmByName(name))
                    .filter(r -> r != null && SupportAccess.isTenantRealmName(r.getName()))
                    .collect(Collectors.toList());
        }
        for (RealmModel tenant : candidates) {
            if (!after.opens(tenant.getName())) {
                endSessionsIfClosed(session, management, tenant);
            }
        }
    }
}

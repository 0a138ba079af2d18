package io.supportaccess.keycloak.requests;

import io.supportaccess.keycloak.SupportAccess;
import java.util.Set;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.timer.ScheduledTask;

/**
 * Marks support requests whose time is up as expired (recording the event) and ends the live
 * support sessions of tenants that closed. Runs on one node of a cluster per interval
 * (Keycloak's cluster-aware task runner). Logins are refused at expiry regardless: the access
 * decision compares the expiry with the clock itself.
 */
public class RequestExpiryTask implements ScheduledTask {

    public static final String NAME = "support-access-request-expiry";
    private static final int BATCH = 1000;

    @Override
    public void run(KeycloakSession session) {
        RealmModel management = session.realms().getRealmByName(SupportAccess.managementRealmName());
        if (management == null) {
            return;
        }
        Set<String> realms = new SupportRequests(session).expireDue(Time.currentTimeMillis(), BATCH);
        TenantClosing.endSessionsIfClosed(session, management, realms);
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}

package io.supportaccess.keycloak.requests;

import io.supportaccess.keycloak.sessions.SupportSessionGuard;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

/**
 * Marks support requests and access requests (pending or approved) whose time is up as expired (recording the event) and ends the live
 * support sessions of tenants that closed. Each tenant is handled in a transaction of its own, so
 * that one tenant's failure never holds back another's. Runs on one node of a cluster per interval
 * (Keycloak's cluster-aware task runner). Logins are refused at expiry regardless: the access
 * decision compares the expiry with the clock itself.
 */
public class RequestExpiryTask implements ScheduledTask {

    public static final String NAME = "support-access-request-expiry";
    private static final Logger LOG = Logger.getLogger(RequestExpiryTask.class);
    private static final int MAX_TENANTS_PER_RUN = 1000;

    @Override
    public void run(KeycloakSession session) {
        long now = Time.currentTimeMillis();
        Set<String> realmIds = new java.util.LinkedHashSet<>(new SupportRequests(session).realmsWithDueRequests(now, MAX_TENANTS_PER_RUN));
        realmIds.addAll(new io.supportaccess.keycloak.approval.AccessRequests(session).realmsWithDue(now, MAX_TENANTS_PER_RUN));
        for (String realmId : realmIds) {
            try {
                KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> expire(s, realmId, now));
            } catch (RuntimeException e) {
                RealmModel realm = session.realms().getRealm(realmId);
                LOG.errorf(e, "Could not expire the support requests of tenant '%s'", realm == null ? realmId : realm.getName());
            }
        }
    }

    private static void expire(KeycloakSession session, String realmId, long now) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm != null) {
            session.getContext().setRealm(realm);
        }
        new SupportRequests(session).expireDue(realmId, now);
        new io.supportaccess.keycloak.approval.AccessApproval(session).expireDue(realmId, now);
        new SupportSessionGuard(session).checkRealm(realmId);
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}

package io.supportaccess.keycloak.sessions;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

/**
 * Checks every live support session (the support sessions record, not every session of every
 * realm): ends those past the platform's lifespan or idle timeout, and those that a change made
 * outside the extension's sight (e.g. a role taken away through a user federation) no longer allows.
 * Each session in a transaction of its own; runs on one node of a cluster per interval.
 */
public class SupportSessionSweepTask implements ScheduledTask {

    public static final String NAME = "support-access-session-sweep";
    private static final Logger LOG = Logger.getLogger(SupportSessionSweepTask.class);

    @Override
    public void run(KeycloakSession session) {
        for (String id : new SupportSessionGuard(session).liveIds()) {
            try {
                KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> new SupportSessionGuard(s).checkOne(id));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not check support session %s", id);
            }
        }
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}

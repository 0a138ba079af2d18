package io.supportaccess.keycloak.audit;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

/**
 * Removes audit records older than the maximum age. Runs on one node of a cluster per interval
 * (Keycloak's cluster-aware task runner) and removes everything due in batches of {@link #BATCH}
 * records, each batch in a transaction of its own: no transaction holds locks on more than one
 * batch, and what was removed stays removed if the node stops half-way.
 */
public class AuditRetentionTask implements ScheduledTask {

    public static final String NAME = "support-access-audit-retention";
    public static final int BATCH = 10_000;
    private static final Logger LOG = Logger.getLogger(AuditRetentionTask.class);

    private final long maxAgeMillis;

    public AuditRetentionTask(int maxAgeDays) {
        this.maxAgeMillis = maxAgeDays * 86_400_000L;
    }

    @Override
    public void run(KeycloakSession session) {
        long cutoff = Time.currentTimeMillis() - maxAgeMillis;
        long removed = removeOlderThan(session.getKeycloakSessionFactory(), cutoff, BATCH);
        if (removed > 0) {
            LOG.infof("Removed %d audit records older than %d days", removed, maxAgeMillis / 86_400_000L);
        }
    }

    /** Removes every record older than the cutoff, {@code batch} at a time, each batch committed on its own; returns how many. */
    public static long removeOlderThan(KeycloakSessionFactory factory, long cutoff, int batch) {
        long removed = 0;
        int removedNow;
        do {
            removedNow = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> new AuditLog(s).deleteOlderThan(cutoff, batch));
            removed += removedNow;
            if (removedNow > 0) {
                LOG.debugf("Audit retention: removed a batch of %d records (committed)", removedNow);
            }
        } while (removedNow == batch);
        return removed;
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}

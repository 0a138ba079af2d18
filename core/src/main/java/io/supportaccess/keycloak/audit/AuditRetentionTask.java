package io.supportaccess.keycloak.audit;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * Removes audit records older than the maximum age. Runs on one node of a cluster per interval
 * (Keycloak's cluster-aware task runner); each run removes at most {@link #MAX_PER_RUN} records in
 * batches, so a large backlog is worked off over several runs without long transactions.
 */
public class AuditRetentionTask implements ScheduledTask {

    public static final String NAME = "support-access-audit-retention";
    static final int BATCH = 5_000;
    static final int MAX_PER_RUN = 200_000;
    private static final Logger LOG = Logger.getLogger(AuditRetentionTask.class);

    private final long maxAgeMillis;

    public AuditRetentionTask(int maxAgeDays) {
        this.maxAgeMillis = maxAgeDays * 86_400_000L;
    }

    @Override
    public void run(KeycloakSession session) {
        long cutoff = Time.currentTimeMillis() - maxAgeMillis;
        AuditLog log = new AuditLog(session);
        int removed = 0;
        int batch;
        do {
            batch = log.deleteOlderThan(cutoff, BATCH);
            removed += batch;
        } while (batch == BATCH && removed < MAX_PER_RUN);
        if (removed > 0) {
            LOG.infof("Removed %d audit records older than %d days", removed, maxAgeMillis / 86_400_000L);
        }
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}

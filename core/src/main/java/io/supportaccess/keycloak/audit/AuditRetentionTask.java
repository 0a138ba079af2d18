package io.supportaccess.keycloak.audit;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * batch, and what was removed stays removed if the node stops half-way. Between batches it rests
 * ({@link RetentionPacing}), and it works on a thread of its own: Keycloak runs every scheduled task
 * on one timer thread, and the request expiry and the session sweep must not wait for minutes of deleting.
 */
public class AuditRetentionTask implements ScheduledTask {

    public static final String NAME = "support-access-audit-retention";
    public static final int BATCH = 10_000;
    private static final Logger LOG = Logger.getLogger(AuditRetentionTask.class);

    private final long maxAgeMillis;
    private final RetentionPacing pacing;
    private final Executor worker;
    private final AtomicBoolean running = new AtomicBoolean();

    public AuditRetentionTask(int maxAgeDays, RetentionPacing pacing, Executor worker) {
        this.maxAgeMillis = maxAgeDays * 86_400_000L;
        this.pacing = pacing;
        this.worker = worker;
    }

    @Override
    public void run(KeycloakSession session) {
        if (!running.compareAndSet(false, true)) {
            LOG.debug("Audit retention: the previous run is still removing records");
            return;
        }
        long cutoff = Time.currentTimeMillis() - maxAgeMillis;
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        try {
            worker.execute(() -> {
                try {
                    long removed = removeOlderThan(factory, cutoff, BATCH, pacing);
                    if (removed > 0) {
                        LOG.infof("Removed %d audit records older than %d days", removed, maxAgeMillis / 86_400_000L);
                    }
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Audit retention failed; the next run continues");
                } finally {
                    running.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            // the server is stopping
            running.set(false);
        }
    }

    /**
     * Removes every record older than the cutoff, {@code batch} at a time, each batch committed on its own and followed by
     * the pacing's rest; returns how many. An interrupt stops it after the batch in hand.
     */
    public static long removeOlderThan(KeycloakSessionFactory factory, long cutoff, int batch, RetentionPacing pacing) {
        long removed = 0;
        int removedNow;
        do {
            long started = System.nanoTime();
            removedNow = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> new AuditLog(s).deleteOlderThan(cutoff, batch));
            removed += removedNow;
            if (removedNow > 0) {
                LOG.debugf("Audit retention: removed a batch of %d records (committed)", removedNow);
            }
            if (removedNow == batch && !rest(pacing.pauseMillis((System.nanoTime() - started) / 1_000_000))) {
                break;
            }
        } while (removedNow == batch);
        return removed;
    }

    private static boolean rest(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}

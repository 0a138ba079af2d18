package io.supportaccess.keycloak.audit;

/**
 * How long the audit retention rests after a batch so that it works at most {@code loadPercent} % of the
 * time: deleting at full speed took half of a two-core server's logins while it ran, at 10 % it costs a
 * few percent and three million due records take minutes instead of seconds.
 */
public record RetentionPacing(int loadPercent) {

    public static final RetentionPacing FULL_SPEED = new RetentionPacing(100);

    public RetentionPacing {
        if (loadPercent < 1 || loadPercent > 100) {
            throw new IllegalArgumentException("loadPercent must be from 1 to 100, was " + loadPercent);
        }
    }

    /** The rest after a batch that took {@code batchMillis}. */
    public long pauseMillis(long batchMillis) {
        return Math.max(0, batchMillis) * (100 - loadPercent) / loadPercent;
    }
}

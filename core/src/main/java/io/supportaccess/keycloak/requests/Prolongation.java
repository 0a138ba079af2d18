package io.supportaccess.keycloak.requests;

/** The seed's rule: a new request adds the validity limit to the current expiry if that is still ahead, else to now. */
public final class Prolongation {

    public static final int MIN_HOURS = 1;
    public static final int MAX_HOURS = 8760;

    private Prolongation() {
    }

    public static long newExpiry(Long currentExpiry, long now, int validityLimitHours) {
        if (validityLimitHours < MIN_HOURS || validityLimitHours > MAX_HOURS) {
            throw new IllegalArgumentException("validity limit must be between " + MIN_HOURS + " and " + MAX_HOURS + " hours");
        }
        long base = currentExpiry != null && currentExpiry > now ? currentExpiry : now;
        return base + validityLimitHours * 3_600_000L;
    }
}

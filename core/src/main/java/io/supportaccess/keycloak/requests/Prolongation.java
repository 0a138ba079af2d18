package io.supportaccess.keycloak.requests;

import io.supportaccess.keycloak.InvalidInput;
import java.util.OptionalLong;

/** Prolongation: a new request adds the validity limit to the current expiry if that is still ahead, else to now. */
public final class Prolongation {

    public static final int MIN_HOURS = 1;
    public static final int MAX_HOURS = 8760;

    private Prolongation() {
    }

    public static long newExpiry(Long currentExpiry, long now, int validityLimitHours) {
        if (validityLimitHours < MIN_HOURS || validityLimitHours > MAX_HOURS) {
            throw new InvalidInput("validity limit must be between " + MIN_HOURS + " and " + MAX_HOURS + " hours");
        }
        long base = currentExpiry != null && currentExpiry > now ? currentExpiry : now;
        return base + validityLimitHours * 3_600_000L;
    }

    /**
     * The same rule, bounded: empty when the new expiry would lie more than
     * {@code maxOpenAheadHours} after now (the request is refused whole rather than cut, so that
     * each accepted request adds exactly the validity limit). A first request always passes, even
     * if stored settings put the validity limit above the bound.
     */
    public static OptionalLong boundedExpiry(Long currentExpiry, long now, int validityLimitHours, int maxOpenAheadHours) {
        long expiry = newExpiry(currentExpiry, now, validityLimitHours);
        long bound = now + Math.max(maxOpenAheadHours, validityLimitHours) * 3_600_000L;
        return expiry <= bound ? OptionalLong.of(expiry) : OptionalLong.empty();
    }

    /** When a request refused by {@link #boundedExpiry} would pass, the current expiry staying as it is. */
    public static long acceptedFrom(long currentExpiry, int validityLimitHours, int maxOpenAheadHours) {
        return currentExpiry + (validityLimitHours - (long) Math.max(maxOpenAheadHours, validityLimitHours)) * 3_600_000L;
    }
}

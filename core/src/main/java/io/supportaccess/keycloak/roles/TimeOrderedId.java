package io.supportaccess.keycloak.roles;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (version 7 of RFC 9562: milliseconds since the epoch, then random bits). The
 * permission catalogue's roles get them: a realm's ~60 catalogue roles then sit together in the role
 * table's primary key index instead of between Keycloak's own roles, which Keycloak looks up by id after
 * every realm creation (an administrator's composite roles). The tenants benchmark could not tell its
 * effect apart from run-to-run noise (docs/benchmarks.md).
 */
final class TimeOrderedId {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedId() {
    }

    static String next() {
        return at(System.currentTimeMillis());
    }

    static String at(long epochMillis) {
        long mostSignificant = (epochMillis << 16) | 0x7000L | RANDOM.nextInt(1 << 12);
        long leastSignificant = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}

package io.supportaccess.keycloak.roles;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (version 7 of RFC 9562: milliseconds since the epoch, then random bits). The
 * permission catalogue's roles get them: a realm's ~60 catalogue roles then sit together in the role
 * table's primary key instead of spread between Keycloak's own roles, whose look-ups by id (an
 * administrator's composite roles, read again after every realm creation) touch as few database pages as
 * on a server without the extension.
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

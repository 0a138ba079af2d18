package io.supportaccess.keycloak.storage;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (version 7 of RFC 9562: milliseconds since the epoch, then random bits), for rows that are
 * written over time and looked up by id. The permission catalogue's roles get them, so a realm's ~60 catalogue roles
 * sit together in the role table's primary key index instead of between Keycloak's own roles (the tenants benchmark
 * could not tell that effect apart from run-to-run noise, docs/benchmarks.md); the audit log's records get them, so
 * that on a database whose primary key is a B-tree (PostgreSQL) a new record goes to the index's newest end instead
 * of a random page of an index that grows by millions of records (not measured here).
 */
public final class TimeOrderedId {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedId() {
    }

    public static String next() {
        return at(System.currentTimeMillis());
    }

    public static String at(long epochMillis) {
        long mostSignificant = (epochMillis << 16) | 0x7000L | RANDOM.nextInt(1 << 12);
        long leastSignificant = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}

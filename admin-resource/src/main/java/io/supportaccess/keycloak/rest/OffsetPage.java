package io.supportaccess.keycloak.rest;

import io.supportaccess.keycloak.InvalidInput;
import java.util.stream.Stream;

/**
 * A page of a list addressed by position: query parameters {@code first} (0 or more, default 0)
 * and {@code max} (1 to a limit). The answer is the bare JSON array of the page; the next page
 * starts at {@code first + max}, and a page shorter than {@code max} is the last.
 */
public record OffsetPage(int first, int max) {

    public static final int DEFAULT_MAX = 100;
    public static final int LIMIT = 1000;

    /** {@code first} and {@code max} as sent (null when absent), with the defaults above. */
    public static OffsetPage of(String first, String max) {
        return of(first, max, DEFAULT_MAX, LIMIT);
    }

    public static OffsetPage of(String first, String max, int defaultMax, int limit) {
        int offset = number(first, 0);
        int size = number(max, defaultMax);
        if (offset < 0 || size < 1 || size > limit) {
            throw new InvalidInput("'first' must be 0 or more and 'max' from 1 to " + limit);
        }
        return new OffsetPage(offset, size);
    }

    public <T> Stream<T> of(Stream<T> all) {
        return all.skip(first).limit(max);
    }

    private static int number(String value, int absent) {
        if (value == null) {
            return absent;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInput("'first' and 'max' must be whole numbers");
        }
    }
}

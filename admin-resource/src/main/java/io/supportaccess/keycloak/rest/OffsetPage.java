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
        if (offset < 0) {
            throw new InvalidInput("'first' must be a whole number, 0 or more");
        }
        int size = number(max, defaultMax);
        if (size < 1 || size > limit) {
            throw new InvalidInput("'max' must be a whole number from 1 to " + limit);
        }
        return new OffsetPage(offset, size);
    }

    public <T> Stream<T> of(Stream<T> all) {
        return all.skip(first).limit(max);
    }

    /** The parameter's number; -1 (refused above) when it is not a whole number. */
    private static int number(String value, int absent) {
        if (value == null) {
            return absent;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

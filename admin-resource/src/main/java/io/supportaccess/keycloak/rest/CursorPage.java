package io.supportaccess.keycloak.rest;

import io.supportaccess.keycloak.InvalidInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A page of a list read newest first from a cursor: query parameters {@code pageSize} and
 * {@code after}; the answer is {@code {"records": [...], "next": "<cursor>"}}, where {@code next}
 * is there only when more records follow and goes back as {@code after} for the next page.
 */
public final class CursorPage {

    private CursorPage() {
    }

    /** {@code pageSize} as sent (absent: {@code absent}); from 1 to {@code limit}. */
    public static int pageSize(String value, int absent, int limit) {
        if (value == null) {
            return absent;
        }
        try {
            int size = Integer.parseInt(value.trim());
            if (size >= 1 && size <= limit) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidInput("pageSize must be from 1 to " + limit);
    }

    /**
     * The answer for records read with one more than {@code pageSize} (so that one query tells whether
     * more follow); {@code cursor} gives the cursor after a record.
     */
    public static <T> Map<String, Object> of(List<T> readOneMore, int pageSize, Function<T, Object> json, Function<T, String> cursor) {
        boolean more = readOneMore.size() > pageSize;
        List<T> page = more ? readOneMore.subList(0, pageSize) : readOneMore;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("records", page.stream().map(json).toList());
        if (more) {
            body.put("next", cursor.apply(page.get(page.size() - 1)));
        }
        return body;
    }
}

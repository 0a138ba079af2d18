package io.supportaccess.keycloak.audit;

import io.supportaccess.keycloak.InvalidInput;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A query of the audit log: exact filters (each optional), a time range, and a page of newest
 * records first. {@code after} is the cursor of the last record of the previous page ("Load more").
 */
public record AuditQuery(AuditType type, String who, String supportUser, String activity, String source,
                         Long from, Long to, Cursor after, int pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;

    public AuditQuery {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new InvalidInput("pageSize must be from 1 to " + MAX_PAGE_SIZE);
        }
        if (from != null && to != null && from > to) {
            throw new InvalidInput("'from' must not be after 'to'");
        }
    }

    /** Position in newest-first order: records older than (time, id) come next. */
    public record Cursor(long time, String id) {

        private static final Pattern FORMAT = Pattern.compile("(\\d{1,19})\\.([A-Za-z0-9-]{1,36})");

        public static Optional<Cursor> parse(String value) {
            if (value == null || value.isEmpty()) {
                return Optional.empty();
            }
            var matcher = FORMAT.matcher(value);
            if (!matcher.matches()) {
                throw new InvalidInput("'after' must be the 'next' value of a previous page");
            }
            try {
                return Optional.of(new Cursor(Long.parseLong(matcher.group(1)), matcher.group(2)));
            } catch (NumberFormatException e) {
                throw new InvalidInput("'after' must be the 'next' value of a previous page");
            }
        }

        @Override
        public String toString() {
            return time + "." + id;
        }
    }
}

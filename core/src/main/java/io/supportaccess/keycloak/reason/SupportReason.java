package io.supportaccess.keycloak.reason;

/**
 * The reason or ticket reference a support user gives for a support access: 1 to
 * {@value #MAX_LENGTH} printable characters after surrounding white space is removed. Control,
 * format (bidirectional overrides, zero-width characters), private-use, unassigned characters and
 * line breaks are refused: the reason is shown to operators and tenant administrators, and must
 * read as what it is.
 */
public final class SupportReason {

    /** The password grant's parameter and the login page's form field. */
    public static final String PARAMETER = "support_reason";
    public static final int MAX_LENGTH = 200;

    /** Why a reason was refused. */
    public enum Problem {
        MISSING,
        TOO_LONG,
        NOT_PRINTABLE
    }

    private SupportReason() {
    }

    /** The reason as stored: without surrounding white space (check {@link #problemOf} first). */
    public static String normalise(String raw) {
        return raw.strip();
    }

    /**
     * A refused reason as the form offers it again for correction: cut to twice the limit, each
     * unprintable character shown as U+FFFD, so the support user sees where the problem was.
     */
    public static String forCorrection(String raw) {
        if (raw == null) {
            return "";
        }
        String cut = raw.length() > 2 * MAX_LENGTH ? raw.substring(0, 2 * MAX_LENGTH) : raw;
        StringBuilder shown = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> shown.appendCodePoint(isPrintable(c) ? c : 0xFFFD));
        return shown.toString();
    }

    /** What is wrong with a reason, or null when it is acceptable. */
    public static Problem problemOf(String raw) {
        String reason = raw == null ? "" : raw.strip();
        if (reason.isEmpty()) {
            return Problem.MISSING;
        }
        if (reason.codePointCount(0, reason.length()) > MAX_LENGTH) {
            return Problem.TOO_LONG;
        }
        return reason.codePoints().allMatch(SupportReason::isPrintable) ? null : Problem.NOT_PRINTABLE;
    }

    private static boolean isPrintable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}

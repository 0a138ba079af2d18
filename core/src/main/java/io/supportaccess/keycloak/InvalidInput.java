package io.supportaccess.keycloak;

/**
 * Input from outside (a request body, a query parameter, a stored setting read back) that the
 * extension refuses; the message says what is wrong and may be shown to the caller. The REST layer
 * answers it with 400; any other {@link IllegalArgumentException} stays a programming error (500).
 */
public class InvalidInput extends IllegalArgumentException {

    public InvalidInput(String message) {
        super(message);
    }

    /** Cuts a caller's value for a message: at most 64 characters, control characters replaced. */
    public static String shorten(String value) {
        if (value == null) {
            return "null";
        }
        String cut = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}

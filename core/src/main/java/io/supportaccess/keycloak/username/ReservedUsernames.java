package io.supportaccess.keycloak.username;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one username rule of tenant realms: a name that reads like a support login
 * ({@code support$user}) is reserved. A name is reserved when its NFKC form contains {@code $}
 * (so fullwidth U+FF04, small form U+FE69 and every other compatibility variant count), or when
 * it contains any character Unicode names a dollar sign (U+1F4B2 HEAVY DOLLAR SIGN has no NFKC
 * mapping but looks the same).
 */
public final class ReservedUsernames {

    /** Message key of the refusal (login theme and admin messages). */
    public static final String MESSAGE = "supportAccessUsernameSeparatorMessage";
    public static final String EXPLANATION = "Usernames in tenant realms must not contain '$' or a character that looks like it:"
            + " 'support$user' is the support login syntax";

    private ReservedUsernames() {
    }

    public static boolean isReserved(String username) {
        if (username == null) {
            return false;
        }
        String normalised = Normalizer.normalize(username, Normalizer.Form.NFKC);
        return normalised.indexOf('$') >= 0 || hasDollarLookAlike(username) || hasDollarLookAlike(normalised);
    }

    /** Why a name is reserved, for operators: the characters that make it look like a support login. */
    public static String reason(String username) {
        StringBuilder found = new StringBuilder();
        username.codePoints().distinct().forEach(cp -> {
            String single = new String(Character.toChars(cp));
            if (cp == '$' || Normalizer.normalize(single, Normalizer.Form.NFKC).indexOf('$') >= 0 || namesDollar(cp)) {
                if (found.length() > 0) {
                    found.append(", ");
                }
                found.append(String.format(Locale.ROOT, "U+%04X", cp));
                String name = Character.getName(cp);
                if (name != null) {
                    found.append(' ').append(name);
                }
            }
        });
        return found.length() == 0 ? "NFKC form contains '$'" : found.toString();
    }

    private static boolean hasDollarLookAlike(String value) {
        return value.codePoints().anyMatch(cp -> cp > 0x7F && namesDollar(cp));
    }

    private static boolean namesDollar(int codePoint) {
        String name = Character.getName(codePoint);
        return name != null && name.contains("DOLLAR SIGN");
    }
}

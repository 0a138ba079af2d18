package io.supportaccess.keycloak.login;

import java.util.Optional;

/**
 * Recognises the support login syntaxes {@code support$user}, {@code support$} and
 * {@code tenant/support$user}. Anything else, including hostile input, is "not a support login".
 */
public final class SupportUsernameParser {

    /** Longer input is never a valid name; Keycloak itself caps usernames at 255 characters. */
    public static final int MAX_LENGTH = 512;
    private static final int MAX_PART_LENGTH = 255;

    private SupportUsernameParser() {
    }

    /** Whether the raw login name uses the support syntax at all (and so must never reach the tenant's user lookup). */
    public static boolean looksLikeSupportLogin(String raw) {
        return raw != null && raw.indexOf('$') >= 0;
    }

    public static Optional<SupportUsername> parse(String raw) {
        if (raw == null || raw.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String name = raw.strip();
        int dollar = name.indexOf('$');
        if (dollar < 0 || dollar != name.lastIndexOf('$')) {
            return Optional.empty();
        }
        String left = name.substring(0, dollar);
        String target = name.substring(dollar + 1);

        Optional<String> tenant = Optional.empty();
        int slash = left.indexOf('/');
        if (slash >= 0) {
            if (slash != left.lastIndexOf('/')) {
                return Optional.empty();
            }
            String tenantPart = left.substring(0, slash);
            if (!isValidPart(tenantPart)) {
                return Optional.empty();
            }
            tenant = Optional.of(tenantPart);
            left = left.substring(slash + 1);
        }
        if (!isValidPart(left)) {
            return Optional.empty();
        }
        if (target.isEmpty()) {
            return Optional.of(new SupportUsername(tenant, left, Optional.empty()));
        }
        if (!isValidPart(target)) {
            return Optional.empty();
        }
        return Optional.of(new SupportUsername(tenant, left, Optional.of(target)));
    }

    private static boolean isValidPart(String part) {
        if (part.isEmpty() || part.length() > MAX_PART_LENGTH) {
            return false;
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c) || c == '/') {
                return false;
            }
        }
        return true;
    }
}

package io.supportaccess.keycloak.settings;

import io.supportaccess.keycloak.InvalidInput;
import java.util.Locale;

/**
 * Whether support users may ask a tenant's approvers for access (issue 20): not at all ({@code off}),
 * next to the platform setting and the tenant users' own support requests ({@code available}), or
 * as the only way in ({@code only}: the platform setting and support requests no longer open the tenant).
 */
public enum ApprovalMode {
    OFF, AVAILABLE, ONLY;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A caller's value: "off", "available" or "only". */
    public static ApprovalMode parse(String value, String field) {
        for (ApprovalMode mode : values()) {
            if (mode.json().equals(value)) {
                return mode;
            }
        }
        throw new InvalidInput("'" + field + "' must be \"off\", \"available\" or \"only\"");
    }

    /** A stored value; null or anything unknown is {@code fallback}. */
    public static ApprovalMode stored(String value, ApprovalMode fallback) {
        for (ApprovalMode mode : values()) {
            if (mode.json().equals(value)) {
                return mode;
            }
        }
        return fallback;
    }
}

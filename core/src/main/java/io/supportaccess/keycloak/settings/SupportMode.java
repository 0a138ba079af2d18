package io.supportaccess.keycloak.settings;

import io.supportaccess.keycloak.InvalidInput;

/**
 * What a support session may do: everything the target may ({@code full}), or only read
 * ({@code read-only}): no write permission roles in its tokens, no change through Keycloak's admin or
 * account API or the extension's own. A tenant user chooses it with their support request; while
 * several are active, the strongest wins.
 */
public enum SupportMode {
    FULL("full"), READ_ONLY("read-only");

    private final String json;

    SupportMode(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    /** The mode a caller sent ("full" or "read-only"). */
    public static SupportMode parse(String value, String field) {
        for (SupportMode mode : values()) {
            if (mode.json.equals(value)) {
                return mode;
            }
        }
        throw new InvalidInput("'" + field + "' must be \"full\" or \"read-only\"");
    }

    /** A stored mode; anything else (rows and sessions from before modes existed) is full. */
    public static SupportMode stored(String value) {
        return READ_ONLY.name().equals(value) ? READ_ONLY : FULL;
    }

    public SupportMode strongest(SupportMode other) {
        return this == FULL || other == FULL ? FULL : READ_ONLY;
    }
}

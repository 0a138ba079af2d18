package io.supportaccess.keycloak.audit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The audit types of the audit log, as shown and filtered by their display name. */
public enum AuditType {
    USER("User"),
    USER_LOGIN("User login"),
    TENANT("Tenant"),
    APPLICATION("Application"),
    INVENTORY("Inventory"),
    INVENTORY_ROLE("Inventory role"),
    GLOBAL_ROLE("Global role"),
    OPTION("Option"),
    SUPPORT("Support"),
    /** The audit log itself: its exports. */
    AUDIT("Audit");

    private final String displayName;

    AuditType(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Accepts the display name ("User login") or the constant ("USER_LOGIN"), in any case. */
    public static Optional<AuditType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim();
        return Arrays.stream(values())
                .filter(t -> t.displayName.equalsIgnoreCase(wanted) || t.name().equals(wanted.toUpperCase(Locale.ROOT)))
                .findFirst();
    }
}

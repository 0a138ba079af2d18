package io.supportaccess.keycloak.settings;

import io.supportaccess.keycloak.InvalidInput;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The platform setting "support access activated": every tenant ({@code true}), none
 * ({@code false}), or the listed tenant IDs.
 */
public final class SupportActivation {

    public static final int MAX_TENANTS = 10_000;
    private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9._-]{1,255}");

    public static final SupportActivation ALL = new SupportActivation(true, Set.of());
    public static final SupportActivation NONE = new SupportActivation(false, Set.of());

    private final boolean allTenants;
    private final Set<String> tenants;

    private SupportActivation(boolean allTenants, Set<String> tenants) {
        this.allTenants = allTenants;
        this.tenants = tenants;
    }

    public static SupportActivation of(Collection<String> tenantIds) {
        if (tenantIds.size() > MAX_TENANTS) {
            throw new InvalidInput("at most " + MAX_TENANTS + " tenant IDs may be listed");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : tenantIds) {
            if (id == null || !TENANT_ID.matcher(id).matches()) {
                throw new InvalidInput("not a tenant ID: " + printable(id));
            }
            ids.add(id);
        }
        return ids.isEmpty() ? NONE : new SupportActivation(false, Set.copyOf(ids));
    }

    /** Reads the stored form: {@code true}, {@code false} or comma-separated tenant IDs; absent or unreadable means none. */
    public static SupportActivation fromStored(String stored) {
        if (stored == null || stored.isBlank() || "false".equalsIgnoreCase(stored.strip())) {
            return NONE;
        }
        if ("true".equalsIgnoreCase(stored.strip())) {
            return ALL;
        }
        try {
            return of(java.util.Arrays.stream(stored.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
        } catch (InvalidInput e) {
            return NONE;
        }
    }

    public String toStored() {
        if (allTenants) {
            return "true";
        }
        return tenants.isEmpty() ? "false" : String.join(",", new java.util.TreeSet<>(tenants));
    }

    public boolean opens(String tenantId) {
        return allTenants || tenants.contains(tenantId);
    }

    public boolean allTenants() {
        return allTenants;
    }

    public Set<String> tenants() {
        return tenants;
    }

    private static String printable(String s) {
        if (s == null) {
            return "null";
        }
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return '"' + cut.replaceAll("\\p{Cntrl}", "?") + '"';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SupportActivation other && other.allTenants == allTenants && other.tenants.equals(tenants);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(allTenants) * 31 + tenants.hashCode();
    }

    @Override
    public String toString() {
        return toStored();
    }
}

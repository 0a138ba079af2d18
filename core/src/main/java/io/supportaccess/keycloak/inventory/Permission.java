package io.supportaccess.keycloak.inventory;

import io.supportaccess.keycloak.InvalidInput;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;

/**
 * An inventory permission: a scope, a fragment type ({@code *} for all) and a level. ALL covers
 * READ and ADMIN; the scope "Full access" covers every scope.
 */
public record Permission(Scope scope, String type, Level level) {

    public static final String ANY_TYPE = "*";

    public enum Scope { ALARMS, AUDITS, EVENTS, INVENTORY, MEASUREMENTS, DEVICE_CONTROL, FULL_ACCESS, SUPPORT }

    public enum Level {
        READ, ADMIN, ALL;

        boolean covers(Level other) {
            return this == ALL || this == other;
        }
    }

    public Permission {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(level, "level");
        if (type == null || type.isBlank() || type.length() > 255) {
            throw new InvalidInput("type must be a fragment type or *");
        }
    }

    public static Permission parse(String scope, String type, String level) {
        try {
            return new Permission(Scope.valueOf(scope.trim().toUpperCase(Locale.ROOT).replace(' ', '_')), type == null ? ANY_TYPE : type.trim(),
                    Level.valueOf(level.trim().toUpperCase(Locale.ROOT)));
        } catch (RuntimeException e) {
            throw new InvalidInput("not a permission: scope " + scope + ", type " + type + ", level " + level
                    + " (scopes: " + java.util.Arrays.toString(Scope.values()) + ", levels: READ, ADMIN, ALL)");
        }
    }

    /** Whether holding this permission allows what {@code wanted} asks for. */
    public boolean covers(Permission wanted) {
        boolean scopeOk = scope == wanted.scope || scope == Scope.FULL_ACCESS;
        boolean typeOk = ANY_TYPE.equals(type) || type.equals(wanted.type);
        return scopeOk && typeOk && level.covers(wanted.level);
    }

    /**
     * Whether a set of held permissions together allows what this one asks for: ALL is READ and
     * ADMIN, which may come from different permissions ("both Read and Change").
     */
    public boolean isGrantedBy(Collection<Permission> held) {
        if (level == Level.ALL) {
            return new Permission(scope, type, Level.READ).isGrantedBy(held) && new Permission(scope, type, Level.ADMIN).isGrantedBy(held);
        }
        return held.stream().anyMatch(p -> p.covers(this));
    }

    /** Shown with an exclamation mark ("not effective"): a permission that another one of the set already covers. */
    public boolean isShadowedBy(Collection<Permission> others) {
        return others.stream().anyMatch(other -> other != this && !other.equals(this) && other.covers(this));
    }
}

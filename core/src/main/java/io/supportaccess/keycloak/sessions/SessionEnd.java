package io.supportaccess.keycloak.sessions;

/** Why a support session ended; the lower-case name is what the API and the audit show. */
public enum SessionEnd {
    /** The support user logged out. */
    LOGOUT("logout"),
    /** The platform's maximum support session lifespan was reached. */
    LIFESPAN("lifespan"),
    /** Idle longer than the platform's support session idle timeout. */
    IDLE("idle"),
    /** Keycloak ended the user session itself (the tenant realm's own limits, or a logout elsewhere). */
    SESSION_GONE("session gone"),
    /** The tenant closed: its last support request expired or was disabled, or the platform setting no longer opens it. */
    EXPIRY("expiry"),
    /** A full support session while the tenant now grants read-only support only (its full request ended, or the platform's mode changed). */
    READ_ONLY_NOW("read-only now"),
    /** The support user lost the permission, or their account was disabled, removed or is no longer fully set up. */
    WITHDRAWAL("withdrawal"),
    /** The tenant was excluded from support, disabled or removed. */
    TENANT_UNAVAILABLE("tenant unavailable"),
    /** The supported user was disabled or removed. */
    TARGET_UNAVAILABLE("user unavailable"),
    /** An operator ended it through the sessions API. */
    OPERATOR("ended by an operator");

    private final String label;

    SessionEnd(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package io.supportaccess.keycloak.audit;

import java.util.List;

/**
 * One audit record before it is stored. {@code who} is the acting user's name, or
 * {@code support$user} for anything done in a support session; {@code supportUser} is then the
 * support user alone. {@code changes} names the attributes an update touched. {@code supportReason}
 * is the reason the support user gave for the support access the record belongs to, if any.
 */
public record AuditEntry(AuditType type, String activity, String text, String who, String supportUser,
                         String source, String application, List<String> changes, String supportReason) {

    public AuditEntry {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** A record without a support reason. */
    public AuditEntry(AuditType type, String activity, String text, String who, String supportUser,
                      String source, String application, List<String> changes) {
        this(type, activity, text, who, supportUser, source, application, changes, null);
    }
}

package io.supportaccess.keycloak.audit;

import java.util.Arrays;
import java.util.Optional;

/**
 * The resource types of the extension's own admin events ({@code AdminEventBuilder.resource(String)}),
 * each with the audit type and subject its audit records get. The event's resource path is the
 * request's path below the realm, e.g. {@code support-access/settings}.
 */
public enum AdminEventResource {
    PLATFORM_SETTINGS(AuditType.OPTION, "Platform setting"),
    SUPPORT_SESSION(AuditType.TENANT, "Tenant setting"),
    CONSENT_MARK(AuditType.TENANT, "Tenant setting"),
    /** A subtenant created, edited, suspended, activated or removed through the tenant lifecycle API. */
    TENANT(AuditType.TENANT, "Tenant"),
    MANAGED_OBJECT(AuditType.INVENTORY, "Managed object"),
    INVENTORY_GROUP(AuditType.INVENTORY, "Group"),
    INVENTORY_GROUP_MEMBER(AuditType.INVENTORY, "Group member"),
    INVENTORY_ROLE(AuditType.INVENTORY_ROLE, "Inventory role"),
    INVENTORY_ROLE_ASSIGNMENT(AuditType.INVENTORY_ROLE, "Inventory role assignment"),
    /** User hierarchies: a user's owner, the user who delegated to them, their global roles set by a manager. */
    USER_OWNER(AuditType.USER, "User owner"),
    USER_DELEGATION(AuditType.USER, "User delegation"),
    USER_ROLES(AuditType.USER, "User roles");

    /** Admin event detail: the fields an update changed, comma-separated. */
    public static final String DETAIL_CHANGED = "changed";
    /** Admin event detail of an {@code ACTION}: the verb its audit activity names, e.g. "suspended" in "Tenant suspended". */
    public static final String DETAIL_ACTIVITY = "activity";

    private static final String PREFIX = "SUPPORT_ACCESS_";

    private final AuditType auditType;
    private final String subject;

    AdminEventResource(AuditType auditType, String subject) {
        this.auditType = auditType;
        this.subject = subject;
    }

    /** The admin event's resource type, e.g. {@code SUPPORT_ACCESS_PLATFORM_SETTINGS}. */
    public String type() {
        return PREFIX + name();
    }

    public AuditType auditType() {
        return auditType;
    }

    /** What the audit record's activity names, e.g. "Platform setting" in "Platform setting updated". */
    public String subject() {
        return subject;
    }

    public static Optional<AdminEventResource> ofType(String resourceType) {
        return Arrays.stream(values()).filter(r -> r.type().equals(resourceType)).findFirst();
    }
}

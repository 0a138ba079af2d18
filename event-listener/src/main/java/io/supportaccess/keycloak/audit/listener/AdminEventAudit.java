package io.supportaccess.keycloak.audit.listener;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.supportaccess.keycloak.audit.AdminEventResource;
import io.supportaccess.keycloak.audit.AuditEntry;
import io.supportaccess.keycloak.audit.AuditType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;

/** Maps Keycloak's admin events and the extension's own ({@link AdminEventResource}) to audit records. */
final class AdminEventAudit {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AdminEventAudit() {
    }

    static AuditEntry toEntry(AdminEvent event, Actor actor, String application) {
        return toEntry(event, actor, application, null);
    }

    /** As {@link #toEntry(AdminEvent, Actor, String)}, with the changes of an update when they are known from the model. */
    static AuditEntry toEntry(AdminEvent event, Actor actor, String application, List<String> knownChanges) {
        String path = event.getResourcePath() == null ? "" : event.getResourcePath();
        Subject subject = subject(event.getResourceTypeAsString(), path);
        String activity = subject.name() + " " + verb(event, path);
        if (event.getError() != null) {
            activity += " failed";
        }
        String name = nameFrom(event.getRepresentation());
        String text = activity + (name != null ? ": " + name : "") + " (" + path + ")"
                + (event.getError() != null ? ": " + event.getError() : "");
        return new AuditEntry(subject.type(), activity, text, actor.who(), actor.supportUser(), path, application,
                changes(event, knownChanges), actor.supportReason());
    }

    record Subject(AuditType type, String name) {
    }

    static Subject subject(String resourceType, String path) {
        var own = AdminEventResource.ofType(resourceType);
        if (own.isPresent()) {
            return new Subject(own.get().auditType(), own.get().subject());
        }
        if (resourceType == null) {
            return new Subject(AuditType.TENANT, "Tenant");
        }
        return switch (resourceType) {
            case "USER", "CREDENTIAL", "USER_SESSION", "USER_LOGIN_FAILURE", "USER_FEDERATION_PROVIDER" -> new Subject(AuditType.USER, "User");
            case "GROUP" -> new Subject(AuditType.GLOBAL_ROLE, "Group");
            case "GROUP_MEMBERSHIP" -> new Subject(AuditType.GLOBAL_ROLE, "Group membership");
            case "REALM_ROLE", "CLIENT_ROLE" -> new Subject(AuditType.GLOBAL_ROLE, "Role");
            case "REALM_ROLE_MAPPING", "CLIENT_ROLE_MAPPING" -> new Subject(AuditType.GLOBAL_ROLE, "Role assignment");
            case "CLIENT", "CLIENT_SCOPE", "CLIENT_SCOPE_MAPPING", "CLIENT_SCOPE_CLIENT_MAPPING", "PROTOCOL_MAPPER",
                 "CLIENT_INITIAL_ACCESS_MODEL", "AUTHORIZATION_RESOURCE_SERVER", "AUTHORIZATION_RESOURCE",
                 "AUTHORIZATION_SCOPE", "AUTHORIZATION_POLICY", "CLUSTER_NODE" -> new Subject(AuditType.APPLICATION, "Application");
            default -> new Subject(AuditType.TENANT, "Tenant " + words(resourceType));
        };
    }

    private static String verb(AdminEvent event, String path) {
        OperationType operation = event.getOperationType();
        String named = event.getDetails() == null ? null : event.getDetails().get(AdminEventResource.DETAIL_ACTIVITY);
        if (operation == OperationType.ACTION && named != null && !named.isBlank()) {
            return named;
        }
        if (operation == null) {
            return "changed";
        }
        return switch (operation) {
            case CREATE -> "created";
            case UPDATE -> "updated";
            case DELETE -> "deleted";
            case ACTION -> "action " + path.substring(path.lastIndexOf('/') + 1);
        };
    }

    static List<String> changes(AdminEvent event) {
        return changes(event, null);
    }

    /**
     * The attributes an update changed: the event's own list (the extension's events), the changes
     * found by comparing the model before and after (users, groups, roles, clients, the realm; see {@link UpdateChanges}), or else the keys
     * of the representation sent.
     */
    static List<String> changes(AdminEvent event, List<String> knownChanges) {
        if (event.getOperationType() != OperationType.UPDATE) {
            return List.of();
        }
        Map<String, String> details = event.getDetails();
        if (details != null && details.get(AdminEventResource.DETAIL_CHANGED) != null) {
            return Arrays.stream(details.get(AdminEventResource.DETAIL_CHANGED).split(",")).filter(s -> !s.isBlank()).toList();
        }
        if (knownChanges != null) {
            return List.copyOf(knownChanges);
        }
        JsonNode representation = parse(event.getRepresentation());
        if (representation == null || !representation.isObject()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        representation.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static String nameFrom(String representation) {
        JsonNode json = parse(representation);
        if (json == null || !json.isObject()) {
            return null;
        }
        for (String field : List.of("username", "name", "clientId", "realm", "alias")) {
            JsonNode value = json.get(field);
            if (value != null && value.isTextual()) {
                return value.textValue();
            }
        }
        return null;
    }

    private static JsonNode parse(String representation) {
        if (representation == null || representation.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(representation);
        } catch (Exception e) {
            return null;
        }
    }

    private static String words(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}

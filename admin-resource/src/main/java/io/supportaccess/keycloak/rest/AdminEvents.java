package io.supportaccess.keycloak.rest;

import io.supportaccess.keycloak.audit.AdminEventResource;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * The extension's admin events: resource type from {@link AdminEventResource}, resource path the
 * request's path below the realm (e.g. {@code support-access/settings}). Add a representation or
 * details as needed and call {@code success()}.
 */
public final class AdminEvents {

    private AdminEvents() {
    }

    /** An event about what the request's URL names. */
    public static AdminEventBuilder of(KeycloakSession session, AdminEventBuilder adminEvent, AdminEventResource resource,
                                       OperationType operation) {
        return adminEvent.clone(session).operation(operation).resource(resource.type())
                .resourcePath(session.getContext().getUri());
    }

    /** An event about something the request created below its URL (a POST), by the new id. */
    public static AdminEventBuilder created(KeycloakSession session, AdminEventBuilder adminEvent, AdminEventResource resource,
                                            String id) {
        return adminEvent.clone(session).operation(OperationType.CREATE).resource(resource.type())
                .resourcePath(session.getContext().getUri(), id);
    }
}

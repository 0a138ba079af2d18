package io.supportaccess.keycloak.rest;

import io.supportaccess.keycloak.InvalidInput;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error body of the extension's REST API: {@code {"error": "...", "error_description": "..."}}
 * (the OAuth 2 error shape Keycloak's own endpoints answer). Resources throw {@link ApiException};
 * the {@link Response} factories here remain only for resources that still return their errors.
 */
public final class ApiError {

    private ApiError() {
    }

    /** The body of an error answer with this status. */
    public static Map<String, String> body(Response.StatusType status, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code(status));
        body.put("error_description", description);
        return body;
    }

    public static Response of(Response.StatusType status, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body(status, description)).build();
    }

    public static Response badRequest(String description) {
        return of(Response.Status.BAD_REQUEST, description);
    }

    /** A caller's value cut for a message (at most 64 characters, control characters replaced). */
    public static String shorten(String value) {
        return InvalidInput.shorten(value);
    }

    static String code(Response.StatusType status) {
        return switch (status.getStatusCode()) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 409 -> "conflict";
            case 413 -> "request_entity_too_large";
            case 429 -> "too_many_requests";
            default -> status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '_');
        };
    }
}

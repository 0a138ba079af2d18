package io.supportaccess.keycloak.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON error bodies of the extension's REST API: {@code {"error": "...", "error_description": "..."}}. */
public final class ApiError {

    private ApiError() {
    }

    public static Response badRequest(String description) {
        return of(Response.Status.BAD_REQUEST, description);
    }

    public static Response of(Response.Status status, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", switch (status) {
            case BAD_REQUEST -> "invalid_request";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not_found";
            case CONFLICT -> "conflict";
            default -> status.name().toLowerCase();
        });
        body.put("error_description", description);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    public static String shorten(String value) {
        String cut = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}

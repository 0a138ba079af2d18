package io.supportaccess.keycloak.admin;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON error bodies of the extension's REST API: {@code {"error": "...", "error_description": "..."}}. */
final class ApiError {

    private ApiError() {
    }

    static Response badRequest(String description) {
        return of(Response.Status.BAD_REQUEST, description);
    }

    static Response of(Response.Status status, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", status == Response.Status.BAD_REQUEST ? "invalid_request" : status.name().toLowerCase());
        body.put("error_description", description);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    static String shorten(String value) {
        String cut = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}

package io.supportaccess.keycloak.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * A refusal of the extension's REST API, thrown from anywhere in a resource. It carries its whole
 * answer ({@link ApiError}'s body), and JAX-RS sends a {@link WebApplicationException} whose response
 * has an entity as it is, without exception mappers (Jakarta REST 3.1, section 3.3.4): Keycloak's
 * {@code KeycloakErrorHandler} would otherwise replace the body with {@code {"error": <message>}}.
 */
public final class ApiException extends WebApplicationException {

    private ApiException(Response response) {
        super(response);
    }

    public static ApiException of(Response.StatusType status, String description) {
        return new ApiException(ApiError.of(status, description));
    }

    public static ApiException badRequest(String description) {
        return of(Response.Status.BAD_REQUEST, description);
    }

    public static ApiException unauthorized(String description) {
        return of(Response.Status.UNAUTHORIZED, description);
    }

    public static ApiException forbidden(String description) {
        return of(Response.Status.FORBIDDEN, description);
    }

    public static ApiException notFound(String description) {
        return of(Response.Status.NOT_FOUND, description);
    }

    public static ApiException conflict(String description) {
        return of(Response.Status.CONFLICT, description);
    }

    /** The same answer with one more header (e.g. {@code Retry-After}, {@code WWW-Authenticate}). */
    public ApiException withHeader(String name, Object value) {
        return new ApiException(Response.fromResponse(getResponse()).header(name, value).build());
    }
}

package io.supportaccess.keycloak.rest;

import io.supportaccess.keycloak.permission.NotPermitted;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A check of {@code SupportAccessAuth} that fails is a 403 with the extension's error body. */
@Provider
public class NotPermittedMapper implements ExceptionMapper<NotPermitted> {

    @Override
    public Response toResponse(NotPermitted e) {
        return ApiError.of(Response.Status.FORBIDDEN, e.getMessage());
    }
}

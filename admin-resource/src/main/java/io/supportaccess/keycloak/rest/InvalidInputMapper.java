package io.supportaccess.keycloak.rest;

import io.supportaccess.keycloak.InvalidInput;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Input the extension refuses ({@link InvalidInput}, thrown by the REST layer and by core
 * validation) is a 400 with its message. Only this type: any other {@link IllegalArgumentException}
 * is a programming error and stays Keycloak's 500.
 */
@Provider
public class InvalidInputMapper implements ExceptionMapper<InvalidInput> {

    @Override
    public Response toResponse(InvalidInput e) {
        return ApiError.of(Response.Status.BAD_REQUEST, e.getMessage());
    }
}

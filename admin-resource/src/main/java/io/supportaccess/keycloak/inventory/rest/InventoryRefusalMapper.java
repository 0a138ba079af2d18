package io.supportaccess.keycloak.inventory.rest;

import io.supportaccess.keycloak.inventory.InventoryException;
import io.supportaccess.keycloak.rest.ApiException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused inventory call: an unknown id is a 404, a change against the inventory's rules a 409, with the extension's error body. */
@Provider
public class InventoryRefusalMapper implements ExceptionMapper<InventoryException> {

    @Override
    public Response toResponse(InventoryException e) {
        return (switch (e.kind()) {
            case NOT_FOUND -> ApiException.notFound(e.getMessage());
            case CONFLICT -> ApiException.conflict(e.getMessage());
        }).getResponse();
    }
}

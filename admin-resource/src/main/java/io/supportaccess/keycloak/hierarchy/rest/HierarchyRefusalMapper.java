package io.supportaccess.keycloak.hierarchy.rest;

import io.supportaccess.keycloak.hierarchy.HierarchyRefusal;
import io.supportaccess.keycloak.rest.ApiException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A hierarchy change against its rules (a cycle, roles the owner does not hold) is a 409 with the extension's error body. */
@Provider
public class HierarchyRefusalMapper implements ExceptionMapper<HierarchyRefusal> {

    @Override
    public Response toResponse(HierarchyRefusal e) {
        return ApiException.conflict(e.getMessage()).getResponse();
    }
}

package io.supportaccess.keycloak.inventory.rest;

import static io.supportaccess.keycloak.inventory.rest.InventoryBodies.permissions;
import static io.supportaccess.keycloak.inventory.rest.InventoryBodies.text;

import io.supportaccess.keycloak.inventory.InventoryRole;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;

/** {@code .../inventory/roles}: the realm's inventory roles and their permissions. */
public class InventoryRolesResource {

    private final InventoryRequest request;

    InventoryRolesResource(InventoryRequest request) {
        this.request = request;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        return Response.ok(request.inventory.roles(request.realm).stream().map(InventoryRepresentations::role).toList()).build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        request.access.requireCreate();
        return InventoryBodies.handle(body, json -> {
            InventoryRole role = request.inventory.createRole(request.realm, text(json, "name", true),
                    text(json, "description", false), permissions(json));
            request.event(OperationType.CREATE, "inventory/roles/" + role.id(), InventoryRepresentations.role(role));
            return Response.status(Response.Status.CREATED).entity(InventoryRepresentations.role(role)).build();
        });
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, String body) {
        request.access.requireManage();
        return InventoryBodies.handle(body, json -> {
            InventoryRole role = request.inventory.updateRole(request.realm, id, text(json, "name", true),
                    text(json, "description", false), permissions(json));
            request.event(OperationType.UPDATE, "inventory/roles/" + id, InventoryRepresentations.role(role));
            return Response.ok(InventoryRepresentations.role(role)).build();
        });
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        request.access.requireManage();
        return InventoryRequest.answer(() -> {
            request.inventory.deleteRole(request.realm, id);
            request.event(OperationType.DELETE, "inventory/roles/" + id, null);
            return Response.noContent().build();
        });
    }
}

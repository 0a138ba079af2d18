package io.supportaccess.keycloak.inventory.rest;

import static io.supportaccess.keycloak.inventory.rest.InventoryBodies.text;

import io.supportaccess.keycloak.inventory.ManagedObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;

/** {@code .../inventory/groups}: groups created, and their subgroups and members added and removed. */
public class GroupsResource {

    private final InventoryRequest request;

    GroupsResource(InventoryRequest request) {
        this.request = request;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        request.access.requireCreate();
        return InventoryBodies.handle(body, json -> {
            String name = text(json, "name", true);
            String parentId = text(json, "parentId", false);
            ManagedObject group = request.inventory.createGroup(request.realm, name, text(json, "description", false));
            if (parentId != null) {
                request.inventory.addChild(request.realm, parentId, group.id());
            }
            request.event(OperationType.CREATE, "inventory/groups/" + group.id(), request.representations.object(group));
            return Response.status(Response.Status.CREATED).entity(request.representations.object(group)).build();
        });
    }

    @PUT
    @Path("{groupId}/children/{childId}")
    public Response addChild(@PathParam("groupId") String groupId, @PathParam("childId") String childId) {
        request.access.requireManage();
        return InventoryRequest.answer(() -> {
            request.inventory.addChild(request.realm, groupId, childId);
            request.event(OperationType.CREATE, "inventory/groups/" + groupId + "/children/" + childId, null);
            return Response.noContent().build();
        });
    }

    @DELETE
    @Path("{groupId}/children/{childId}")
    public Response removeChild(@PathParam("groupId") String groupId, @PathParam("childId") String childId) {
        request.access.requireManage();
        return InventoryRequest.answer(() -> {
            request.inventory.removeChild(request.realm, groupId, childId);
            request.event(OperationType.DELETE, "inventory/groups/" + groupId + "/children/" + childId, null);
            return Response.noContent().build();
        });
    }
}

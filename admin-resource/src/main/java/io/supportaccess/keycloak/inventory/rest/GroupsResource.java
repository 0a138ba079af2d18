package io.supportaccess.keycloak.inventory.rest;

import io.supportaccess.keycloak.audit.AdminEventResource;
import io.supportaccess.keycloak.inventory.ManagedObject;
import io.supportaccess.keycloak.rest.JsonBody;
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
        request.auth.requireInventoryCreate();
        var json = JsonBody.object(body);
        ManagedObject group = request.inventory.createGroup(request.realm, JsonBody.text(json, "name", true),
                JsonBody.text(json, "description", false), JsonBody.text(json, "parentId", false));
        return request.created(AdminEventResource.INVENTORY_GROUP, group.id(), request.representations.object(group));
    }

    /** Puts a subgroup or any object into the group (409 when that would make a cycle); putting it twice keeps one membership. */
    @PUT
    @Path("{groupId}/children/{childId}")
    public Response addChild(@PathParam("groupId") String groupId, @PathParam("childId") String childId) {
        request.auth.requireInventoryManage();
        request.inventory.addChild(request.realm, groupId, childId);
        return request.done(AdminEventResource.INVENTORY_GROUP_MEMBER, OperationType.CREATE);
    }

    @DELETE
    @Path("{groupId}/children/{childId}")
    public Response removeChild(@PathParam("groupId") String groupId, @PathParam("childId") String childId) {
        request.auth.requireInventoryManage();
        request.inventory.removeChild(request.realm, groupId, childId);
        return request.done(AdminEventResource.INVENTORY_GROUP_MEMBER, OperationType.DELETE);
    }
}

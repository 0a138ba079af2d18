package io.supportaccess.keycloak.inventory.rest;

import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.audit.AdminEventResource;
import io.supportaccess.keycloak.inventory.ManagedObject;
import io.supportaccess.keycloak.rest.ApiException;
import io.supportaccess.keycloak.rest.JsonBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.keycloak.events.admin.OperationType;

/** {@code .../inventory/managed-objects}: the realm's managed objects (groups included), read, created and removed. */
public class ManagedObjectsResource {

    private final InventoryRequest request;

    ManagedObjectsResource(InventoryRequest request) {
        this.request = request;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> list(@QueryParam("type") String type, @QueryParam("name") String name) {
        return request.inventory.objects(request.realm, type, name).stream().map(request.representations::object).toList();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> get(@PathParam("id") String id) {
        return request.inventory.object(request.realm, id).map(request.representations::object)
                .orElseThrow(() -> ApiException.notFound("No managed object " + InvalidInput.shorten(id)));
    }

    /** A managed object that is not a group (a device, an asset); tenant objects are made by their realms. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        request.auth.requireInventoryCreate();
        var json = JsonBody.object(body);
        ManagedObject object = request.inventory.createObject(request.realm, JsonBody.text(json, "name", true),
                JsonBody.text(json, "type", true), JsonBody.text(json, "parentId", false));
        return request.created(AdminEventResource.MANAGED_OBJECT, object.id(), request.representations.object(object));
    }

    /** Moves the object (a subgroup or a member) from one group to another: {@code {"from": groupId|null, "to": groupId|null}}. */
    @POST
    @Path("{id}/move")
    @Consumes(MediaType.WILDCARD)
    public Response move(@PathParam("id") String id, String body) {
        request.auth.requireInventoryManage();
        var json = JsonBody.object(body);
        request.inventory.moveChild(request.realm, id, JsonBody.text(json, "from", false), JsonBody.text(json, "to", false));
        return request.done(AdminEventResource.INVENTORY_GROUP_MEMBER, OperationType.UPDATE);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        request.auth.requireInventoryManage();
        request.inventory.deleteObject(request.realm, id);
        return request.done(AdminEventResource.MANAGED_OBJECT, OperationType.DELETE);
    }
}

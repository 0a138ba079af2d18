package io.supportaccess.keycloak.inventory.rest;

import static io.supportaccess.keycloak.inventory.rest.InventoryBodies.text;

import io.supportaccess.keycloak.inventory.ManagedObject;
import io.supportaccess.keycloak.rest.ApiError;
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
import org.keycloak.events.admin.OperationType;

/** {@code .../inventory/managed-objects}: the realm's managed objects (groups included), read, created and removed. */
public class ManagedObjectsResource {

    private final InventoryRequest request;

    ManagedObjectsResource(InventoryRequest request) {
        this.request = request;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("type") String type, @QueryParam("name") String name) {
        return Response.ok(request.inventory.objects(request.realm, type, name).stream().map(request.representations::object).toList()).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id) {
        return request.inventory.object(request.realm, id).map(o -> Response.ok(request.representations.object(o)).build())
                .orElseGet(() -> ApiError.of(Response.Status.NOT_FOUND, "No managed object " + ApiError.shorten(id)));
    }

    /** A managed object that is not a group (a device, an asset); tenant objects are made by their realms. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        request.access.requireCreate();
        return InventoryBodies.handle(body, json -> {
            ManagedObject object = request.inventory.createObject(request.realm, text(json, "name", true), text(json, "type", true));
            String parentId = text(json, "parentId", false);
            if (parentId != null) {
                request.inventory.addChild(request.realm, parentId, object.id());
            }
            request.event(OperationType.CREATE, "inventory/managed-objects/" + object.id(), request.representations.object(object));
            return Response.status(Response.Status.CREATED).entity(request.representations.object(object)).build();
        });
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        request.access.requireManage();
        return InventoryRequest.answer(() -> {
            request.inventory.deleteObject(request.realm, id);
            request.event(OperationType.DELETE, "inventory/managed-objects/" + id, null);
            return Response.noContent().build();
        });
    }
}

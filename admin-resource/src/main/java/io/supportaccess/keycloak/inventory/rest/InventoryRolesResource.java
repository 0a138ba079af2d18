package io.supportaccess.keycloak.inventory.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.audit.AdminEventResource;
import io.supportaccess.keycloak.inventory.InventoryRole;
import io.supportaccess.keycloak.inventory.Permission;
import io.supportaccess.keycloak.rest.JsonBody;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.events.admin.OperationType;

/** {@code .../inventory/roles}: the realm's inventory roles and their permissions. */
public class InventoryRolesResource {

    private static final int MAX_PERMISSIONS = 200;

    private final InventoryRequest request;

    InventoryRolesResource(InventoryRequest request) {
        this.request = request;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> list() {
        return request.inventory.roles(request.realm).stream().map(InventoryRepresentations::role).toList();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        request.auth.requireInventoryCreate();
        var json = JsonBody.object(body);
        InventoryRole role = request.inventory.createRole(request.realm, JsonBody.text(json, "name", true),
                JsonBody.text(json, "description", false), permissions(json));
        return request.created(AdminEventResource.INVENTORY_ROLE, role.id(), InventoryRepresentations.role(role));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@PathParam("id") String id, String body) {
        request.auth.requireInventoryManage();
        var json = JsonBody.object(body);
        InventoryRole role = request.inventory.updateRole(request.realm, id, JsonBody.text(json, "name", true),
                JsonBody.text(json, "description", false), permissions(json));
        Map<String, Object> representation = InventoryRepresentations.role(role);
        request.changed(AdminEventResource.INVENTORY_ROLE, OperationType.UPDATE, representation);
        return representation;
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        request.auth.requireInventoryManage();
        request.inventory.deleteRole(request.realm, id);
        return request.done(AdminEventResource.INVENTORY_ROLE, OperationType.DELETE);
    }

    /** {@code "permissions": [{"scope": ..., "type": ..., "level": ...}]}; none when absent. */
    private static List<Permission> permissions(JsonNode json) {
        JsonNode list = json.get("permissions");
        List<Permission> permissions = new ArrayList<>();
        if (list == null || list.isNull()) {
            return permissions;
        }
        if (!list.isArray() || list.size() > MAX_PERMISSIONS) {
            throw new InvalidInput("'permissions' must be a list of at most " + MAX_PERMISSIONS + " {scope, type, level}");
        }
        for (JsonNode p : list) {
            if (!p.isObject() || !p.path("scope").isTextual() || !p.path("level").isTextual()
                    || (p.has("type") && !p.get("type").isTextual())) {
                throw new InvalidInput("each permission is {\"scope\": ..., \"type\": ..., \"level\": ...}");
            }
            permissions.add(Permission.parse(p.get("scope").textValue(), p.has("type") ? p.get("type").textValue() : null,
                    p.get("level").textValue()));
        }
        return permissions;
    }
}

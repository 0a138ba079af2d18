package io.supportaccess.keycloak.inventory.rest;

import static io.supportaccess.keycloak.inventory.rest.InventoryBodies.invalid;
import static io.supportaccess.keycloak.inventory.rest.InventoryBodies.text;

import io.supportaccess.keycloak.inventory.GlobalPermissions;
import io.supportaccess.keycloak.inventory.InventoryException;
import io.supportaccess.keycloak.inventory.Permission;
import io.supportaccess.keycloak.rest.ApiError;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.UserModel;

/** {@code .../inventory/users/{userId}}: one user's assignments (set, copied) and what they are granted on an object. */
public class UserAssignmentsResource {

    private static final String MERGE = "MERGE";
    private static final String REPLACE = "REPLACE";

    private final InventoryRequest request;
    private final String userId;

    UserAssignmentsResource(InventoryRequest request, String userId) {
        this.request = request;
        this.userId = userId;
    }

    @GET
    @Path("assignments")
    @Produces(MediaType.APPLICATION_JSON)
    public Response assignments() {
        return InventoryRequest.answer(() -> Response.ok(assignmentsOfUser()).build());
    }

    @PUT
    @Path("assignments/{groupId}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response assign(@PathParam("groupId") String groupId, String body) {
        request.access.requireManage();
        return InventoryBodies.handle(body, json -> {
            List<String> roleIds = InventoryBodies.roleIds(json);
            request.inventory.assign(request.realm, userId, groupId, roleIds);
            request.event(OperationType.UPDATE, "inventory/users/" + userId + "/assignments/" + groupId, Map.of("roles", roleIds));
            return Response.ok(assignmentsOfUser()).build();
        });
    }

    @POST
    @Path("assignments/copy")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response copy(String body) {
        request.access.requireManage();
        return InventoryBodies.handle(body, json -> {
            String from = text(json, "fromUserId", true);
            String mode = json.has("mode") ? text(json, "mode", true) : MERGE;
            if (!MERGE.equals(mode) && !REPLACE.equals(mode)) {
                throw invalid("'mode' must be MERGE or REPLACE");
            }
            request.inventory.copyAssignments(request.realm, from, userId, REPLACE.equals(mode));
            request.event(OperationType.UPDATE, "inventory/users/" + userId + "/assignments", Map.of("copiedFrom", from, "mode", mode));
            return Response.ok(assignmentsOfUser()).build();
        });
    }

    /** Whether the user holds a permission on an object, and through what: global roles win over inventory roles. */
    @GET
    @Path("effective-permission")
    @Produces(MediaType.APPLICATION_JSON)
    public Response effective(@QueryParam("object") String objectId, @QueryParam("scope") String scope,
                              @QueryParam("type") String type, @QueryParam("level") String level) {
        return InventoryRequest.answer(() -> {
            UserModel user = request.session.users().getUserById(request.realm, userId);
            if (user == null) {
                throw new InventoryException(InventoryException.Kind.NOT_FOUND, "No user " + ApiError.shorten(userId));
            }
            if (scope == null || level == null || objectId == null) {
                throw invalid("Query parameters 'object', 'scope' and 'level' are required");
            }
            Permission wanted = InventoryBodies.permission(scope, type, level);
            if (request.inventory.object(request.realm, objectId).isEmpty()) {
                throw new InventoryException(InventoryException.Kind.NOT_FOUND, "No managed object " + ApiError.shorten(objectId));
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            if (GlobalPermissions.grants(request.realm, user, wanted)) {
                answer.put("granted", true);
                answer.put("via", "global role");
            } else {
                boolean byInventory = request.inventory.grants(request.realm, userId, objectId, wanted);
                boolean granted = byInventory || request.inventory.grants(request.realm, userId, objectId, wanted,
                        GlobalPermissions.held(request.realm, user, wanted.scope()));
                answer.put("granted", granted);
                answer.put("via", byInventory ? "inventory role" : granted ? "global and inventory roles" : null);
            }
            return Response.ok(answer).build();
        });
    }

    private List<Map<String, Object>> assignmentsOfUser() {
        return InventoryRepresentations.assignments(request.inventory.assignments(request.realm, userId));
    }
}

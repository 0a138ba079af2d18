package io.supportaccess.keycloak.inventory.rest;

import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.audit.AdminEventResource;
import io.supportaccess.keycloak.inventory.Permission;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import io.supportaccess.keycloak.rest.ApiException;
import io.supportaccess.keycloak.rest.JsonBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.UserModel;

/** {@code .../inventory/users/{userId}}: one user's assignments (set, copied) and what they are granted on an object. */
public class UserAssignmentsResource {

    private static final String MERGE = "MERGE";
    private static final String REPLACE = "REPLACE";
    /** More ids than a body of {@link JsonBody#MAX_CHARS} can hold: the body's size is the limit. */
    private static final int MAX_ROLES = 10_000;

    private final InventoryRequest request;
    private final String userId;

    UserAssignmentsResource(InventoryRequest request, String userId) {
        this.request = request;
        this.userId = userId;
    }

    @GET
    @Path("assignments")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> assignments() {
        return assignmentsOfUser();
    }

    @PUT
    @Path("assignments/{groupId}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> assign(@PathParam("groupId") String groupId, String body) {
        request.auth.requireInventoryManage();
        List<String> roleIds = JsonBody.strings(JsonBody.object(body), "roles", MAX_ROLES, "inventory role ids");
        request.inventory.assign(request.realm, userId, groupId, roleIds);
        request.changed(AdminEventResource.INVENTORY_ROLE_ASSIGNMENT, OperationType.UPDATE, Map.of("roles", roleIds));
        return assignmentsOfUser();
    }

    @POST
    @Path("assignments/copy")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> copy(String body) {
        request.auth.requireInventoryManage();
        var json = JsonBody.object(body);
        String from = JsonBody.text(json, "fromUserId", true);
        String mode = json.has("mode") ? JsonBody.text(json, "mode", true) : MERGE;
        if (!MERGE.equals(mode) && !REPLACE.equals(mode)) {
            throw new InvalidInput("'mode' must be MERGE or REPLACE");
        }
        request.inventory.copyAssignments(request.realm, from, userId, REPLACE.equals(mode));
        request.changed(AdminEventResource.INVENTORY_ROLE_ASSIGNMENT, OperationType.UPDATE, Map.of("copiedFrom", from, "mode", mode));
        return assignmentsOfUser();
    }

    /** Whether the user holds a permission on an object, and through what: global roles win over inventory roles. */
    @GET
    @Path("effective-permission")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> effective(@QueryParam("object") String objectId, @QueryParam("scope") String scope,
                                         @QueryParam("type") String type, @QueryParam("level") String level) {
        UserModel user = request.session.users().getUserById(request.realm, userId);
        if (user == null) {
            throw ApiException.notFound("No user " + InvalidInput.shorten(userId));
        }
        if (scope == null || level == null || objectId == null) {
            throw new InvalidInput("Query parameters 'object', 'scope' and 'level' are required");
        }
        Permission wanted = Permission.parse(scope, type, level);
        if (request.inventory.object(request.realm, objectId).isEmpty()) {
            throw ApiException.notFound("No managed object " + InvalidInput.shorten(objectId));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        if (SupportAccessAuth.grantsThroughGlobalRoles(request.realm, user, wanted)) {
            answer.put("granted", true);
            answer.put("via", "global role");
        } else {
            boolean byInventory = request.inventory.grants(request.realm, userId, objectId, wanted);
            boolean granted = byInventory || request.inventory.grants(request.realm, userId, objectId, wanted,
                    SupportAccessAuth.heldThroughGlobalRoles(request.realm, user, wanted.scope()));
            answer.put("granted", granted);
            answer.put("via", byInventory ? "inventory role" : granted ? "global and inventory roles" : null);
        }
        return answer;
    }

    private List<Map<String, Object>> assignmentsOfUser() {
        return InventoryRepresentations.assignments(request.inventory.assignments(request.realm, userId));
    }
}

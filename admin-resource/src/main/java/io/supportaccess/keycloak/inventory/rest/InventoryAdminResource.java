package io.supportaccess.keycloak.inventory.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.supportaccess.keycloak.inventory.GlobalPermissions;
import io.supportaccess.keycloak.inventory.Inventory;
import io.supportaccess.keycloak.inventory.InventoryAssignmentEntity;
import io.supportaccess.keycloak.inventory.InventoryException;
import io.supportaccess.keycloak.inventory.InventoryRoleEntity;
import io.supportaccess.keycloak.inventory.ManagedObjectEntity;
import io.supportaccess.keycloak.inventory.Permission;
import io.supportaccess.keycloak.inventory.TenantProperties;
import io.supportaccess.keycloak.rest.ApiError;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/support-access/inventory}: managed-object groups, inventory roles,
 * assignments and the effective-permission query of a realm. Reading needs Keycloak's view-users
 * permission on the realm (or the realm role ROLE_USER_MANAGEMENT_READ / _ADMIN), changing needs
 * manage-users (or ROLE_USER_MANAGEMENT_ADMIN; ROLE_USER_MANAGEMENT_CREATE may create groups,
 * objects and roles only). Changes are recorded as admin events.
 */
public class InventoryAdminResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 256 * 1024;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final Inventory inventory;

    public InventoryAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.CUSTOM);
        this.inventory = new Inventory(session);
    }

    // --- managed objects and groups

    @GET
    @Path("managed-objects")
    @Produces(MediaType.APPLICATION_JSON)
    public Response objects(@QueryParam("type") String type, @QueryParam("name") String name) {
        requireView();
        List<ManagedObjectEntity> objects = name == null ? inventory.objects(realm.getId(), type)
                : inventory.objects(realm.getId(), type).stream().filter(o -> name.equals(o.getName())).collect(Collectors.toList());
        if (name != null && Inventory.TENANT_TYPE.equals(type)) {
            objects = inventory.tenantObject(realm.getId(), name).map(List::of).orElse(List.of());
        }
        return Response.ok(objects.stream().map(this::object).collect(Collectors.toList())).build();
    }

    @GET
    @Path("managed-objects/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response object(@PathParam("id") String id) {
        requireView();
        return inventory.object(realm.getId(), id).map(o -> Response.ok(object(o)).build())
                .orElseGet(() -> ApiError.of(Response.Status.NOT_FOUND, "No managed object " + ApiError.shorten(id)));
    }

    /** A managed object that is not a group (a device, an asset); tenant objects are made by their realms. */
    @POST
    @Path("managed-objects")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response createObject(String body) {
        requireCreate();
        return handle(body, json -> {
            String type = text(json, "type", true);
            if (Inventory.TENANT_TYPE.equals(type) || Inventory.GROUP_TYPE.equals(type)) {
                throw new InventoryException(InventoryException.Kind.INVALID,
                        "Type " + type + " is reserved: tenant objects follow their realms, groups are made through /groups");
            }
            ManagedObjectEntity object = inventory.createObject(realm.getId(), text(json, "name", true), type);
            String parentId = text(json, "parentId", false);
            if (parentId != null) {
                inventory.addChild(realm.getId(), parentId, object.getId());
            }
            event(OperationType.CREATE, "inventory/managed-objects/" + object.getId(), object(object));
            return Response.status(Response.Status.CREATED).entity(object(object)).build();
        });
    }

    @POST
    @Path("groups")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response createGroup(String body) {
        requireCreate();
        return handle(body, json -> {
            String name = text(json, "name", true);
            String parentId = text(json, "parentId", false);
            ManagedObjectEntity group = inventory.createGroup(realm.getId(), name, text(json, "description", false));
            if (parentId != null) {
                inventory.addChild(realm.getId(), parentId, group.getId());
            }
            event(OperationType.CREATE, "inventory/groups/" + group.getId(), object(group));
            return Response.status(Response.Status.CREATED).entity(object(group)).build();
        });
    }

    @DELETE
    @Path("managed-objects/{id}")
    public Response deleteObject(@PathParam("id") String id) {
        requireManage();
        return guarded(() -> {
            ManagedObjectEntity object = inventory.object(realm.getId(), id)
                    .orElseThrow(() -> new InventoryException(InventoryException.Kind.NOT_FOUND, "No managed object " + ApiError.shorten(id)));
            if (Inventory.TENANT_TYPE.equals(object.getType())) {
                throw new InventoryException(InventoryException.Kind.CONFLICT, "Tenant management objects follow their realms; remove the realm instead");
            }
            inventory.deleteObject(id);
            event(OperationType.DELETE, "inventory/managed-objects/" + id, null);
            return Response.noContent().build();
        });
    }

    @PUT
    @Path("groups/{groupId}/children/{childId}")
    public Response addChild(@PathParam("groupId") String groupId, @PathParam("childId") String childId) {
        requireManage();
        return guarded(() -> {
            inventory.addChild(realm.getId(), groupId, childId);
            event(OperationType.CREATE, "inventory/groups/" + groupId + "/children/" + childId, null);
            return Response.noContent().build();
        });
    }

    @DELETE
    @Path("groups/{groupId}/children/{childId}")
    public Response removeChild(@PathParam("groupId") String groupId, @PathParam("childId") String childId) {
        requireManage();
        if (inventory.object(realm.getId(), groupId).isEmpty() || !inventory.removeChild(groupId, childId)) {
            return ApiError.of(Response.Status.NOT_FOUND, "Not a child of that group");
        }
        event(OperationType.DELETE, "inventory/groups/" + groupId + "/children/" + childId, null);
        return Response.noContent().build();
    }

    // --- inventory roles

    @GET
    @Path("roles")
    @Produces(MediaType.APPLICATION_JSON)
    public Response roles() {
        requireView();
        return Response.ok(inventory.roles(realm.getId()).stream().map(InventoryAdminResource::role).collect(Collectors.toList())).build();
    }

    @POST
    @Path("roles")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response createRole(String body) {
        requireCreate();
        return handle(body, json -> {
            InventoryRoleEntity role = inventory.saveRole(realm.getId(), null, text(json, "name", true),
                    text(json, "description", false), permissions(json));
            event(OperationType.CREATE, "inventory/roles/" + role.getId(), role(role));
            return Response.status(Response.Status.CREATED).entity(role(role)).build();
        });
    }

    @PUT
    @Path("roles/{id}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response updateRole(@PathParam("id") String id, String body) {
        requireManage();
        return handle(body, json -> {
            InventoryRoleEntity existing = inventory.role(realm.getId(), id)
                    .orElseThrow(() -> new InventoryException(InventoryException.Kind.NOT_FOUND, "No inventory role " + ApiError.shorten(id)));
            InventoryRoleEntity role = inventory.saveRole(realm.getId(), existing, text(json, "name", true),
                    text(json, "description", false), permissions(json));
            event(OperationType.UPDATE, "inventory/roles/" + id, role(role));
            return Response.ok(role(role)).build();
        });
    }

    @DELETE
    @Path("roles/{id}")
    public Response deleteRole(@PathParam("id") String id) {
        requireManage();
        return guarded(() -> {
            InventoryRoleEntity role = inventory.role(realm.getId(), id)
                    .orElseThrow(() -> new InventoryException(InventoryException.Kind.NOT_FOUND, "No inventory role " + ApiError.shorten(id)));
            inventory.deleteRole(role);
            event(OperationType.DELETE, "inventory/roles/" + id, null);
            return Response.noContent().build();
        });
    }

    // --- assignments

    @GET
    @Path("users/{userId}/assignments")
    @Produces(MediaType.APPLICATION_JSON)
    public Response assignments(@PathParam("userId") String userId) {
        requireView();
        return guarded(() -> {
            user(userId);
            return Response.ok(assignmentsOf(userId)).build();
        });
    }

    @PUT
    @Path("users/{userId}/assignments/{groupId}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response assign(@PathParam("userId") String userId, @PathParam("groupId") String groupId, String body) {
        requireManage();
        return handle(body, json -> {
            user(userId);
            JsonNode roles = json.get("roles");
            if (roles == null || !roles.isArray()) {
                throw new InventoryException(InventoryException.Kind.INVALID, "'roles' must be a list of inventory role ids");
            }
            List<String> roleIds = new ArrayList<>();
            for (JsonNode role : roles) {
                if (!role.isTextual()) {
                    throw new InventoryException(InventoryException.Kind.INVALID, "'roles' must be a list of inventory role ids");
                }
                roleIds.add(role.textValue());
            }
            inventory.assign(realm.getId(), userId, groupId, roleIds);
            event(OperationType.UPDATE, "inventory/users/" + userId + "/assignments/" + groupId, Map.of("roles", roleIds));
            return Response.ok(assignmentsOf(userId)).build();
        });
    }

    @POST
    @Path("users/{userId}/assignments/copy")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response copy(@PathParam("userId") String userId, String body) {
        requireManage();
        return handle(body, json -> {
            user(userId);
            String from = text(json, "fromUserId", true);
            user(from);
            if (from.equals(userId)) {
                throw new InventoryException(InventoryException.Kind.INVALID, "A user's assignments cannot be copied onto the same user");
            }
            String mode = json.has("mode") ? text(json, "mode", true) : "MERGE";
            if (!"MERGE".equals(mode) && !"REPLACE".equals(mode)) {
                throw new InventoryException(InventoryException.Kind.INVALID, "'mode' must be MERGE or REPLACE");
            }
            inventory.copyAssignments(realm.getId(), from, userId, "REPLACE".equals(mode));
            event(OperationType.UPDATE, "inventory/users/" + userId + "/assignments", Map.of("copiedFrom", from, "mode", mode));
            return Response.ok(assignmentsOf(userId)).build();
        });
    }

    @GET
    @Path("users/{userId}/effective-permission")
    @Produces(MediaType.APPLICATION_JSON)
    public Response effective(@PathParam("userId") String userId, @QueryParam("object") String objectId,
                              @QueryParam("scope") String scope, @QueryParam("type") String type, @QueryParam("level") String level) {
        requireView();
        return guarded(() -> {
            UserModel user = user(userId);
            if (scope == null || level == null || objectId == null) {
                throw new InventoryException(InventoryException.Kind.INVALID, "Query parameters 'object', 'scope' and 'level' are required");
            }
            Permission wanted;
            try {
                wanted = Permission.parse(scope, type, level);
            } catch (IllegalArgumentException e) {
                throw new InventoryException(InventoryException.Kind.INVALID, e.getMessage());
            }
            inventory.object(realm.getId(), objectId)
                    .orElseThrow(() -> new InventoryException(InventoryException.Kind.NOT_FOUND, "No managed object " + ApiError.shorten(objectId)));
            Map<String, Object> answer = new LinkedHashMap<>();
            if (GlobalPermissions.grants(realm, user, wanted)) {
                answer.put("granted", true);
                answer.put("via", "global role");
            } else {
                boolean byInventory = inventory.grants(userId, objectId, wanted);
                boolean granted = byInventory || inventory.grants(userId, objectId, wanted, GlobalPermissions.held(realm, user, wanted.scope()));
                answer.put("granted", granted);
                answer.put("via", byInventory ? "inventory role" : granted ? "global and inventory roles" : null);
            }
            return Response.ok(answer).build();
        });
    }

    // --- helpers

    /** Keycloak's view-users, or the seed's "User management" READ, CREATE or ADMIN permission role of this realm. */
    private void requireView() {
        if (!auth.users().canView() && !holdsOwnRealmRole("ROLE_USER_MANAGEMENT_READ")
                && !holdsOwnRealmRole("ROLE_USER_MANAGEMENT_CREATE") && !holdsOwnRealmRole("ROLE_USER_MANAGEMENT_ADMIN")) {
            throw new ForbiddenException();
        }
    }

    /**
     * Creating objects (groups, managed objects, roles): manage-users, ROLE_USER_MANAGEMENT_ADMIN, or
     * ROLE_USER_MANAGEMENT_CREATE. Object ownership is not tracked, so CREATE does not extend to
     * changing or removing anything afterwards.
     */
    private void requireCreate() {
        if (!auth.users().canManage() && !holdsOwnRealmRole("ROLE_USER_MANAGEMENT_ADMIN")
                && !holdsOwnRealmRole("ROLE_USER_MANAGEMENT_CREATE")) {
            throw new ForbiddenException();
        }
    }

    /** Keycloak's manage-users, or the seed's "User management" ADMIN permission role of this realm. */
    private void requireManage() {
        if (!auth.users().canManage() && !holdsOwnRealmRole("ROLE_USER_MANAGEMENT_ADMIN")) {
            throw new ForbiddenException();
        }
    }

    private boolean holdsOwnRealmRole(String roleName) {
        if (auth.adminAuth() == null || !realm.getId().equals(auth.adminAuth().getRealm().getId())) {
            return false;
        }
        RoleModel role = realm.getRole(roleName);
        return role != null && auth.adminAuth().getUser().hasRole(role);
    }

    private interface JsonHandler {
        Response handle(JsonNode json);
    }

    private Response handle(String body, JsonHandler handler) {
        if (body == null || body.isBlank()) {
            return ApiError.badRequest("The request body must be a JSON object");
        }
        if (body.length() > MAX_BODY) {
            return ApiError.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "The request body exceeds " + MAX_BODY + " characters");
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return ApiError.badRequest("The request body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            return ApiError.badRequest("The request body must be a JSON object");
        }
        return guarded(() -> handler.handle(json));
    }

    private static Response guarded(Supplier<Response> action) {
        try {
            return action.get();
        } catch (InventoryException e) {
            return switch (e.kind()) {
                case NOT_FOUND -> ApiError.of(Response.Status.NOT_FOUND, e.getMessage());
                case CONFLICT -> ApiError.of(Response.Status.CONFLICT, e.getMessage());
                case INVALID -> ApiError.badRequest(e.getMessage());
            };
        }
    }

    private UserModel user(String userId) {
        UserModel user = userId == null ? null : session.users().getUserById(realm, userId);
        if (user == null) {
            throw new InventoryException(InventoryException.Kind.NOT_FOUND, "No user " + ApiError.shorten(String.valueOf(userId)));
        }
        return user;
    }

    private static String text(JsonNode json, String field, boolean required) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InventoryException(InventoryException.Kind.INVALID, "'" + field + "' is required");
            }
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank() || value.textValue().length() > 255) {
            throw new InventoryException(InventoryException.Kind.INVALID, "'" + field + "' must be a non-empty string of at most 255 characters");
        }
        return value.textValue().strip();
    }

    private static List<Permission> permissions(JsonNode json) {
        JsonNode list = json.get("permissions");
        List<Permission> permissions = new ArrayList<>();
        if (list == null || list.isNull()) {
            return permissions;
        }
        if (!list.isArray() || list.size() > 200) {
            throw new InventoryException(InventoryException.Kind.INVALID, "'permissions' must be a list of at most 200 {scope, type, level}");
        }
        for (JsonNode p : list) {
            if (!p.isObject() || !p.path("scope").isTextual() || !p.path("level").isTextual()
                    || (p.has("type") && !p.get("type").isTextual())) {
                throw new InventoryException(InventoryException.Kind.INVALID, "each permission is {\"scope\": ..., \"type\": ..., \"level\": ...}");
            }
            try {
                permissions.add(Permission.parse(p.get("scope").textValue(), p.has("type") ? p.get("type").textValue() : null,
                        p.get("level").textValue()));
            } catch (IllegalArgumentException e) {
                throw new InventoryException(InventoryException.Kind.INVALID, e.getMessage());
            }
        }
        return permissions;
    }

    private Map<String, Object> object(ManagedObjectEntity o) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", o.getId());
        json.put("name", o.getName());
        json.put("type", o.getType());
        json.put("group", o.isGroup());
        RealmModel tenant = Inventory.TENANT_TYPE.equals(o.getType()) ? session.realms().getRealmByName(o.getName()) : null;
        if (tenant != null) {
            json.put("properties", TenantProperties.map(tenant, Map.of()));
        } else {
            try {
                json.put("properties", o.getProperties() == null ? Map.of() : JSON.readValue(o.getProperties(), Map.class));
            } catch (JsonProcessingException e) {
                json.put("properties", Map.of());
            }
        }
        if (o.isGroup()) {
            json.put("children", inventory.children(o.getId()));
        }
        return json;
    }

    static Map<String, Object> role(InventoryRoleEntity role) {
        List<Permission> all = role.getPermissions().stream().map(p -> p.toPermission()).collect(Collectors.toList());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", role.getId());
        json.put("name", role.getName());
        json.put("description", role.getDescription());
        json.put("permissions", all.stream().map(p -> {
            Map<String, Object> permission = new LinkedHashMap<>();
            permission.put("scope", p.scope().name());
            permission.put("type", p.type());
            permission.put("level", p.level().name());
            permission.put("effective", !p.isShadowedBy(all));
            return permission;
        }).collect(Collectors.toList()));
        return json;
    }

    private List<Map<String, Object>> assignmentsOf(String userId) {
        Map<String, List<Map<String, Object>>> byGroup = new LinkedHashMap<>();
        for (InventoryAssignmentEntity a : inventory.assignments(realm.getId(), userId)) {
            InventoryRoleEntity role = inventory.role(realm.getId(), a.getRoleId()).orElse(null);
            if (role != null) {
                byGroup.computeIfAbsent(a.getGroupId(), g -> new ArrayList<>()).add(Map.of("id", role.getId(), "name", role.getName()));
            }
        }
        List<Map<String, Object>> result = new ArrayList<>();
        byGroup.forEach((groupId, roles) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("groupId", groupId);
            entry.put("groupName", inventory.object(realm.getId(), groupId).map(ManagedObjectEntity::getName).orElse(null));
            entry.put("roles", roles);
            result.add(entry);
        });
        return result;
    }

    private void event(OperationType operation, String path, Object representation) {
        AdminEventBuilder event = adminEvent.clone(session).operation(operation).resourcePath(path);
        if (representation != null) {
            event.representation(representation);
        }
        event.success();
    }
}

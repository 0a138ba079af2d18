package io.supportaccess.keycloak.inventory.decision;

import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.inventory.Assignment;
import io.supportaccess.keycloak.inventory.Inventory;
import io.supportaccess.keycloak.inventory.InventoryDecision;
import io.supportaccess.keycloak.inventory.InventoryRole;
import io.supportaccess.keycloak.inventory.Permission;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import io.supportaccess.keycloak.rest.ApiException;
import io.supportaccess.keycloak.rest.JsonBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * {@code /realms/{realm}/support-access/permissions}: the inventory decision for applications, called
 * with a bearer token of the realm. A user asks about themselves; a caller with User management READ
 * (e.g. a resource server's service account) may ask about any user of the realm ({@code user}).
 */
public class PermissionDecisionResource {

    /** Objects per batch call. */
    static final int MAX_OBJECTS = 100;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Inventory inventory;

    public PermissionDecisionResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.inventory = new Inventory(session);
    }

    /** One object: {@code ?object=&scope=&type=&level=[&user=]}. */
    @GET
    @Path("decision")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> decision(@QueryParam("object") String objectId, @QueryParam("scope") String scope,
                                        @QueryParam("type") String type, @QueryParam("level") String level,
                                        @QueryParam("user") String userId) {
        UserModel user = subject(userId);
        if (objectId == null || scope == null || level == null) {
            throw new InvalidInput("Query parameters 'object', 'scope' and 'level' are required");
        }
        Permission wanted = Permission.parse(scope, type, level);
        if (inventory.object(realm, objectId).isEmpty()) {
            throw ApiException.notFound("No managed object " + InvalidInput.shorten(objectId));
        }
        return decide(user, objectId, wanted);
    }

    /** Several objects, one permission: {@code {"objects": [...], "scope", "type", "level", "user"}}. */
    @POST
    @Path("decisions")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> decisions(String body) {
        var json = JsonBody.object(body);
        UserModel user = subject(JsonBody.text(json, "user", false));
        Permission wanted = Permission.parse(JsonBody.text(json, "scope", true), JsonBody.text(json, "type", false),
                JsonBody.text(json, "level", true));
        var objects = json.get("objects");
        if (objects == null || !objects.isArray() || objects.isEmpty() || objects.size() > MAX_OBJECTS) {
            throw new InvalidInput("'objects' must be a list of 1 to " + MAX_OBJECTS + " managed object ids");
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        objects.forEach(id -> {
            if (!id.isTextual() || id.textValue().isBlank() || id.textValue().length() > 255) {
                throw new InvalidInput("'objects' must hold managed object ids");
            }
            ids.add(id.textValue());
        });
        List<Map<String, Object>> answers = new ArrayList<>();
        for (String id : ids) {
            if (inventory.object(realm, id).isEmpty()) {
                Map<String, Object> unknown = new LinkedHashMap<>();
                unknown.put("object", id);
                unknown.put("found", false);
                unknown.put("granted", false);
                answers.add(unknown);
            } else {
                answers.add(decide(user, id, wanted));
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("user", user.getId());
        answer.put("permission", permission(wanted));
        answer.put("decisions", answers);
        return answer;
    }

    /** The caller's own inventory roles per group and the permissions they hold through global roles. */
    @GET
    @Path("mine")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> mine() {
        UserModel user = subject(null);
        Map<String, Map<String, Object>> byGroup = new LinkedHashMap<>();
        for (Assignment a : inventory.assignments(realm, user.getId())) {
            Map<String, Object> group = byGroup.computeIfAbsent(a.groupId(), id -> {
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("groupId", id);
                g.put("group", a.groupName());
                g.put("roles", new ArrayList<Map<String, Object>>());
                return g;
            });
            InventoryRole role = inventory.role(realm, a.roleId()).orElse(null);
            if (role != null) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("id", role.id());
                r.put("name", role.name());
                r.put("permissions", role.permissions().stream().map(PermissionDecisionResource::permission).toList());
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> roles = (List<Map<String, Object>>) group.get("roles");
                roles.add(r);
            }
        }
        List<Map<String, Object>> global = new ArrayList<>();
        for (Permission.Scope scope : Permission.Scope.values()) {
            SupportAccessAuth.heldThroughGlobalRoles(realm, user, scope).forEach(p -> {
                Map<String, Object> held = permission(p);
                held.put("role", SupportAccessAuth.globalRoleName(p.scope(), p.level()));
                global.add(held);
            });
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("user", user.getId());
        answer.put("username", user.getUsername());
        answer.put("globalPermissions", global);
        answer.put("assignments", new ArrayList<>(byGroup.values()));
        return answer;
    }

    private Map<String, Object> decide(UserModel user, String objectId, Permission wanted) {
        List<Permission> global = SupportAccessAuth.heldThroughGlobalRoles(realm, user, wanted.scope());
        List<Map<String, Object>> via = new ArrayList<>();
        boolean granted;
        if (wanted.isGrantedBy(global)) {
            granted = true;
            global.forEach(p -> via.add(globalReason(p)));
        } else {
            InventoryDecision decision = inventory.decide(realm, user.getId(), objectId, wanted, global);
            granted = decision.granted();
            if (granted) {
                global.forEach(p -> via.add(globalReason(p)));
                decision.via().forEach(a -> {
                    Map<String, Object> reason = new LinkedHashMap<>();
                    reason.put("kind", "INVENTORY_ROLE");
                    reason.put("role", a.roleName());
                    reason.put("roleId", a.roleId());
                    reason.put("group", a.groupName());
                    reason.put("groupId", a.groupId());
                    via.add(reason);
                });
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("object", objectId);
        answer.put("found", true);
        answer.put("granted", granted);
        answer.put("via", via);
        return answer;
    }

    private static Map<String, Object> globalReason(Permission held) {
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("kind", "GLOBAL_ROLE");
        reason.put("role", SupportAccessAuth.globalRoleName(held.scope(), held.level()));
        return reason;
    }

    private static Map<String, Object> permission(Permission p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scope", p.scope().name());
        json.put("type", p.type());
        json.put("level", p.level().name());
        return json;
    }

    /** The user the decision is about: the caller, or {@code userId} when the caller may read users' permissions. */
    private UserModel subject(String userId) {
        AuthResult auth = session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.AUTHORIZATION) == null ? null
                : new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null || auth.getUser() == null) {
            throw ApiException.unauthorized("A valid bearer token of this realm is required")
                    .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realm.getName() + "\"");
        }
        UserModel caller = auth.getUser();
        if (userId == null || userId.equals(caller.getId())) {
            return caller;
        }
        if (!SupportAccessAuth.canReadUsersPermissions(realm, caller)) {
            throw ApiException.forbidden("Deciding for another user needs User management READ (or view-users)");
        }
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            throw ApiException.notFound("No user " + InvalidInput.shorten(userId));
        }
        return user;
    }
}

package io.supportaccess.keycloak.hierarchy.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.audit.AdminEventResource;
import io.supportaccess.keycloak.hierarchy.GlobalRoles;
import io.supportaccess.keycloak.hierarchy.HierarchyRefusal;
import io.supportaccess.keycloak.hierarchy.UserHierarchy;
import io.supportaccess.keycloak.permission.NotPermitted;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import io.supportaccess.keycloak.rest.AdminEvents;
import io.supportaccess.keycloak.rest.ApiException;
import io.supportaccess.keycloak.rest.JsonBody;
import io.supportaccess.keycloak.rest.OffsetPage;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserManager;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * {@code /admin/realms/{realm}/support-access/users}: the realm's users in their hierarchy (seeds
 * "Managing user hierarchies"): owners, sub-users, delegation and the global roles a manager may
 * give. Enforced here for every caller; Keycloak's own user API is unchanged and stays what
 * Keycloak administrators (manage-users) use.
 */
public class HierarchyUsersResource {

    /** Enough for any tenant's tree of a non-administrator; a bigger one is cut off and said so in the log. */
    private static final int MAX_VISIBLE = 10_000;
    private static final Set<String> CREATE_FIELDS = Set.of("username", "email", "firstName", "lastName", "enabled", "owner", "roles",
            "password", "passwordTemporary", "sendPasswordResetEmail");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminEventBuilder adminEvent;
    private final UserHierarchy hierarchy;
    private final HierarchyCaller caller;
    private final UserRows rows;
    private final UserCreation creation;

    public HierarchyUsersResource(KeycloakSession session, RealmModel realm, SupportAccessAuth auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.adminEvent = adminEvent;
        this.hierarchy = new UserHierarchy(session);
        this.caller = HierarchyCaller.of(session, realm, auth, hierarchy);
        this.rows = new UserRows(session, realm, hierarchy, caller);
        this.creation = new UserCreation(session, realm);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> list(@QueryParam("search") String search, @QueryParam("owner") String ownerId,
                                          @QueryParam("first") String first, @QueryParam("max") String max) {
        OffsetPage page = OffsetPage.of(first, max);
        if (ownerId != null) {
            UserModel owner = readable(ownerId);
            List<UserModel> subUsers = hierarchy.subUsers(realm, owner.getId()).stream().map(this::user).filter(Objects::nonNull)
                    .sorted(Comparator.comparing(UserModel::getUsername)).toList();
            return rows.rows(page.of(subUsers.stream()).toList());
        }
        if (caller.readsAll()) {
            Map<String, String> query = search == null || search.isBlank() ? Map.of() : Map.of(UserModel.SEARCH, "*" + search.strip() + "*");
            return rows.rows(session.users().searchForUserStream(realm, query, page.first(), page.max()).toList());
        }
        String needle = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        Stream<UserModel> visible = visibleIds().stream().map(this::user).filter(Objects::nonNull)
                .filter(u -> needle.isEmpty() || matches(u, needle)).sorted(Comparator.comparing(UserModel::getUsername));
        return rows.rows(page.of(visible).toList());
    }

    @GET
    @Path("me")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> me() {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("user", caller.user() == null ? null : rows.row(caller.user()));
        me.put("manageAll", caller.managesAll());
        me.put("mayCreate", caller.createsUsers());
        me.put("delegators", caller.delegator() == null ? List.of() : List.of(UserRows.ref(caller.delegator())));
        return me;
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> get(@PathParam("id") String id) {
        return rows.row(readable(id));
    }

    @GET
    @Path("{id}/assignable-roles")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> assignableRoles(@PathParam("id") String id) {
        UserModel target = readable(id);
        HierarchyCaller.Manager manager = caller.requireManagerOf(target);
        String ownerId = hierarchy.ownerOf(realm, target.getId()).orElse(null);
        return assignable(manager, ownerId == null ? null : user(ownerId)).stream().sorted(Comparator.comparing(RoleModel::getName))
                .map(role -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", role.getName());
                    row.put("description", role.getDescription());
                    return row;
                }).toList();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        if (!caller.createsUsers()) {
            throw new NotPermitted("Creating users needs User management CREATE or ADMIN on realm " + realm.getName());
        }
        JsonNode json = JsonBody.object(body);
        JsonBody.requireKnownFields(json, CREATE_FIELDS);
        String ownerId = JsonBody.text(json, "owner", false);
        UserModel owner;
        if (caller.managesAll()) {
            owner = ownerId == null ? null : existing(ownerId, "owner");
        } else {
            if (ownerId != null && !ownerId.equals(caller.user().getId())) {
                throw new NotPermitted("With User management CREATE the users you create are your own sub-users; only ADMIN chooses another owner");
            }
            owner = caller.user();
        }
        List<RoleModel> roles = roles(json.has("roles") ? JsonBody.strings(json, "roles", 200, "role names") : List.of());
        HierarchyCaller.Manager manager = new HierarchyCaller.Manager(caller.user(), caller.managesAll());
        requireAssignable(manager, owner, roles);
        InitialPassword.check(json, realm);
        UserModel created = creation.create(json);
        roles.forEach(created::grantRole);
        new InitialPassword(session, realm).apply(created, json);
        if (owner != null) {
            hierarchy.setOwner(realm, created.getId(), owner.getId());
        }
        Map<String, Object> row = rows.row(created);
        adminEvent.clone(session).operation(OperationType.CREATE).resource(ResourceType.USER)
                .resourcePath("users", created.getId()).representation(row).success();
        return Response.status(Response.Status.CREATED).entity(row).build();
    }

    @PUT
    @Path("{id}/owner")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> setOwner(@PathParam("id") String id, String body) {
        UserModel target = readable(id);
        HierarchyCaller.Manager manager = caller.requireManagerOf(target);
        JsonNode json = JsonBody.object(body);
        JsonBody.requireKnownFields(json, Set.of("owner"));
        if (!json.has("owner")) {
            throw new InvalidInput("'owner' is required: a user id, or null for none");
        }
        String ownerId = JsonBody.text(json, "owner", false);
        UserModel owner = ownerId == null ? null : existing(ownerId, "owner");
        if (owner == null && !caller.managesAll()) {
            throw new NotPermitted("Only User management ADMIN makes a user unowned");
        }
        if (owner != null && !manager.unbounded() && !owner.getId().equals(manager.principal().getId())
                && !hierarchy.isBelow(realm, owner.getId(), manager.principal().getId())) {
            throw new NotPermitted("The new owner must be " + manager.principal().getUsername() + " or below them in the hierarchy");
        }
        if (owner != null) {
            List<String> beyond = GlobalRoles.notHeldBy(realm, owner, GlobalRoles.direct(realm, target));
            if (!beyond.isEmpty()) {
                throw new HierarchyRefusal(target.getUsername() + " holds roles that " + owner.getUsername()
                        + " does not: " + String.join(", ", beyond) + ". A user can have at most the roles of their owner");
            }
        }
        hierarchy.setOwner(realm, target.getId(), owner == null ? null : owner.getId());
        return changed(AdminEventResource.USER_OWNER, target, "owner", owner == null ? null : UserRows.ref(owner));
    }

    @PUT
    @Path("{id}/delegated-by")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> setDelegatedBy(@PathParam("id") String id, String body) {
        UserModel target = existing(id, "user");
        JsonNode json = JsonBody.object(body);
        JsonBody.requireKnownFields(json, Set.of("delegatedBy"));
        if (!json.has("delegatedBy")) {
            throw new InvalidInput("'delegatedBy' is required: a user id, or null to end the delegation");
        }
        String delegatorId = JsonBody.text(json, "delegatedBy", false);
        String current = hierarchy.delegatorOf(realm, target.getId()).orElse(null);
        String me = caller.user() == null ? null : caller.user().getId();
        if (!caller.managesAll()) {
            boolean own = delegatorId != null
                    ? delegatorId.equals(me) && (current == null || current.equals(me))
                    : me != null && (me.equals(current) || target.getId().equals(me));
            if (!own) {
                throw new NotPermitted("You can delegate only your own user hierarchy, and end only delegations from or to you");
            }
        }
        UserModel delegator = delegatorId == null ? null : existing(delegatorId, "delegating user");
        if (delegator != null && !SupportAccessAuth.managesOwnHierarchy(realm, delegator)) {
            throw new HierarchyRefusal(delegator.getUsername() + " holds no User management CREATE or ADMIN: there is no hierarchy to delegate");
        }
        hierarchy.setDelegatedBy(realm, target.getId(), delegatorId);
        return changed(AdminEventResource.USER_DELEGATION, target, "delegatedBy", delegator == null ? null : UserRows.ref(delegator));
    }

    @PUT
    @Path("{id}/roles")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> setRoles(@PathParam("id") String id, String body) {
        UserModel target = readable(id);
        HierarchyCaller.Manager manager = caller.requireManagerOf(target);
        JsonNode json = JsonBody.object(body);
        JsonBody.requireKnownFields(json, Set.of("roles"));
        Set<RoleModel> wanted = new LinkedHashSet<>(roles(JsonBody.strings(json, "roles", 200, "role names")));
        Set<RoleModel> current = GlobalRoles.direct(realm, target);
        List<RoleModel> added = wanted.stream().filter(role -> !current.contains(role)).toList();
        List<RoleModel> removed = current.stream().filter(role -> !wanted.contains(role)).toList();
        String ownerId = hierarchy.ownerOf(realm, target.getId()).orElse(null);
        requireAssignable(manager, ownerId == null ? null : user(ownerId), added);
        requireNotHeldBelow(target, removed);
        added.forEach(target::grantRole);
        removed.forEach(target::deleteRoleMapping);
        return changed(AdminEventResource.USER_ROLES, target, "roles", wanted.stream().map(RoleModel::getName).sorted().toList());
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") String id) {
        UserModel target = readable(id);
        caller.requireManagerOf(target);
        if (caller.user() != null && caller.user().getId().equals(target.getId())) {
            throw new HierarchyRefusal("You cannot remove yourself");
        }
        Map<String, Object> row = rows.row(target);
        // Keycloak's own way: sessions and login failures go, and UserRemovedEvent moves the sub-users up
        new UserManager(session).removeUser(realm, target);
        adminEvent.clone(session).operation(OperationType.DELETE).resource(ResourceType.USER)
                .resourcePath("users", target.getId()).representation(row).success();
        return Response.noContent().build();
    }

    // ---

    private Map<String, Object> changed(AdminEventResource resource, UserModel target, String field, Object value) {
        Map<String, Object> representation = new LinkedHashMap<>();
        representation.put("username", target.getUsername());
        representation.put(field, value);
        AdminEvents.of(session, adminEvent, resource, OperationType.UPDATE).representation(representation)
                .detail(AdminEventResource.DETAIL_CHANGED, field).success();
        return rows.row(target);
    }

    /** Roles the manager may give a user with the given owner: what the principal holds (unless unbounded), within the owner's roles. */
    private Set<RoleModel> assignable(HierarchyCaller.Manager manager, UserModel owner) {
        Set<RoleModel> roles = manager.unbounded()
                ? realm.getRolesStream().filter(role -> GlobalRoles.isGlobalRole(realm, role)).collect(Collectors.toCollection(LinkedHashSet::new))
                : GlobalRoles.held(realm, manager.principal());
        if (owner != null) {
            roles.retainAll(GlobalRoles.held(realm, owner));
        }
        return roles;
    }

    private void requireAssignable(HierarchyCaller.Manager manager, UserModel owner, List<RoleModel> roles) {
        if (!manager.unbounded()) {
            List<String> notHeld = GlobalRoles.notHeldBy(realm, manager.principal(), roles);
            if (!notHeld.isEmpty()) {
                throw new NotPermitted(manager.principal().getUsername() + " does not hold " + String.join(", ", notHeld)
                        + ": a manager gives only roles they hold themselves");
            }
        }
        if (owner != null) {
            List<String> beyond = GlobalRoles.notHeldBy(realm, owner, roles);
            if (!beyond.isEmpty()) {
                throw new HierarchyRefusal("The owner " + owner.getUsername() + " does not hold " + String.join(", ", beyond)
                        + ": a user can have at most the roles of their owner");
            }
        }
    }

    /** A role the user loses must not stay with their sub-users, who may hold only their owner's roles. */
    private void requireNotHeldBelow(UserModel target, List<RoleModel> removed) {
        if (removed.isEmpty()) {
            return;
        }
        for (String subUserId : hierarchy.subUsers(realm, target.getId())) {
            UserModel subUser = user(subUserId);
            if (subUser == null) {
                continue;
            }
            List<String> kept = GlobalRoles.direct(realm, subUser).stream().filter(removed::contains).map(RoleModel::getName).sorted().toList();
            if (!kept.isEmpty()) {
                throw new HierarchyRefusal("The sub-user " + subUser.getUsername() + " holds " + String.join(", ", kept)
                        + ": remove it from the sub-users first");
            }
        }
    }

    private List<RoleModel> roles(List<String> names) {
        List<RoleModel> roles = new ArrayList<>();
        for (String name : names) {
            RoleModel role = name == null ? null : realm.getRole(name);
            if (role == null || !GlobalRoles.isGlobalRole(realm, role)) {
                throw new InvalidInput("No global role '" + InvalidInput.shorten(String.valueOf(name)) + "' in realm " + realm.getName());
            }
            roles.add(role);
        }
        return roles;
    }

    private Set<String> visibleIds() {
        Set<String> ids = new LinkedHashSet<>();
        if (caller.user() != null) {
            ids.add(caller.user().getId());
            ids.addAll(hierarchy.subTree(realm, caller.user().getId(), MAX_VISIBLE));
        }
        if (caller.delegator() != null) {
            ids.add(caller.delegator().getId());
            ids.addAll(hierarchy.subTree(realm, caller.delegator().getId(), MAX_VISIBLE));
        }
        return ids;
    }

    private static boolean matches(UserModel user, String needle) {
        return Stream.of(user.getUsername(), user.getEmail(), user.getFirstName(), user.getLastName())
                .anyMatch(value -> value != null && value.toLowerCase(Locale.ROOT).contains(needle));
    }

    /** A user the caller may read; any other (unknown, another realm's, outside their tree) is a 404 alike. */
    private UserModel readable(String id) {
        UserModel user = user(id);
        if (user == null || !caller.mayRead(user)) {
            throw ApiException.notFound("No user " + InvalidInput.shorten(id) + " that you may see");
        }
        return user;
    }

    private UserModel existing(String id, String what) {
        UserModel user = user(id);
        if (user == null) {
            throw ApiException.notFound("No " + what + " " + InvalidInput.shorten(id) + " in realm " + realm.getName());
        }
        return user;
    }

    private UserModel user(String id) {
        return id == null || id.length() > 36 ? null : session.users().getUserById(realm, id);
    }
}

package io.supportaccess.keycloak.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The extension's REST API as README documents it, one method per endpoint. Methods named for what
 * they return expect the documented success status and fail the test with the server's answer
 * otherwise; {@link #send} and the {@code ...Reply} methods hand back the raw reply for tests of
 * refusals. The caller is an administrator of master unless a token is given.
 */
public final class SupportAccessClient {

    private static final String API = "/support-access";

    private final Supplier<String> baseUrl;
    private final Supplier<String> token;

    /** A caller on one server (e.g. a cluster node), with a token supplied per request. */
    public SupportAccessClient(String baseUrl, Supplier<String> token) {
        this(() -> baseUrl, token);
    }

    // the tests' server is looked up on the first request, so a client may be a constant of a test class
    private SupportAccessClient(Supplier<String> baseUrl, Supplier<String> token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** The master administrator on the tests' server. */
    public static SupportAccessClient admin() {
        return new SupportAccessClient(Platform::url, Platform::adminToken);
    }

    /** Any caller on the tests' server; a null token calls without Authorization. */
    public static SupportAccessClient as(String bearer) {
        return new SupportAccessClient(Platform::url, () -> bearer);
    }

    /** A caller on the tests' server whose token is fetched for each request (e.g. one issued under a moved clock). */
    public static SupportAccessClient withToken(Supplier<String> token) {
        return new SupportAccessClient(Platform::url, token);
    }

    public String baseUrl() {
        return baseUrl.get();
    }

    // --- raw calls

    /** Any method on a path below the server's base URL; json may be null (no body). */
    public Http.Reply send(String method, String path, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        String bearer = token.get();
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return Http.send(builder.build());
    }

    public Http.Reply get(String path) {
        return send("GET", path, null);
    }

    static JsonNode expect(Http.Reply reply, int status) {
        if (reply.status() != status) {
            throw new AssertionError("expected " + status + ", got " + reply.status() + " " + reply.raw().request().method()
                    + " " + reply.raw().uri() + ": " + reply.body());
        }
        return reply.body() == null || reply.body().isEmpty() ? null : reply.json();
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    static String query(Map<String, String> parameters) {
        return parameters.isEmpty() ? "" : "?" + parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + Http.enc(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String management() {
        return "/admin/realms/" + Platform.MANAGEMENT + API;
    }

    // --- platform settings

    public static String settingsPath() {
        return management() + "/settings";
    }

    public JsonNode settings() {
        return expect(get(settingsPath()), 200);
    }

    public Http.Reply putSettingsReply(String json) {
        return send("PUT", settingsPath(), json);
    }

    /** Changes any subset of the settings; the full settings as answered. */
    public JsonNode putSettings(String json) {
        return expect(putSettingsReply(json), 200);
    }

    // --- tenants, their requests' history, the decision

    public JsonNode tenants(Map<String, String> query) {
        return expect(get(management() + "/tenants" + query(query)), 200);
    }

    public Http.Reply tenantReply(String tenant) {
        return get(management() + "/tenants/" + tenant);
    }

    public JsonNode tenant(String tenant) {
        return expect(tenantReply(tenant), 200);
    }

    public List<JsonNode> requestEvents(String tenant) {
        return list(expect(get(management() + "/tenants/" + tenant + "/request-events"), 200));
    }

    public Http.Reply decisionReply(String tenant, String supportUser) {
        return get(management() + "/tenants/" + tenant + "/decision?supportUser=" + Http.enc(supportUser));
    }

    public JsonNode decision(String tenant, String supportUser) {
        return expect(decisionReply(tenant, supportUser), 200);
    }

    // --- consent marks

    public JsonNode consentMarks(String tenant) {
        return expect(get(management() + "/consent-marks/" + tenant), 200);
    }

    public Http.Reply clearLoginConfigurationMark(String tenant) {
        return send("DELETE", management() + "/consent-marks/" + tenant + "/login-configuration", null);
    }

    // --- live support sessions

    public Http.Reply sessionsReply(Map<String, String> filters) {
        return get(management() + "/sessions" + query(filters));
    }

    public List<JsonNode> sessions(Map<String, String> filters) {
        return list(expect(sessionsReply(filters), 200));
    }

    public Http.Reply endSession(String id) {
        return send("DELETE", management() + "/sessions/" + id, null);
    }

    // --- usernames from before the reserved-name rule

    public Http.Reply suspiciousUsernamesReply(String realm, Map<String, String> query) {
        return get("/admin/realms/" + realm + API + "/suspicious-usernames" + query(query));
    }

    /** A tenant's: {"users": [{"id", "username", "reason"}, ...]}; the management realm's: {"tenants": [{"realm", "users"}, ...]}. */
    public JsonNode suspiciousUsernames(String realm) {
        return expect(suspiciousUsernamesReply(realm, Map.of()), 200);
    }

    // --- audit log

    public Http.Reply auditReply(String realm, Map<String, String> filters) {
        return get("/admin/realms/" + realm + API + "/audit" + query(filters));
    }

    /** One page: {"records": [...], "next": "..."}. */
    public JsonNode auditPage(String realm, Map<String, String> filters) {
        return expect(auditReply(realm, filters), 200);
    }

    /** Every record matching the filters, following "next" page by page. */
    public List<JsonNode> audit(String realm, Map<String, String> filters) {
        List<JsonNode> records = new ArrayList<>();
        String after = null;
        do {
            Map<String, String> page = new LinkedHashMap<>(filters);
            page.putIfAbsent("pageSize", "1000");
            if (after != null) {
                page.put("after", after);
            }
            JsonNode answer = auditPage(realm, page);
            answer.get("records").forEach(records::add);
            JsonNode next = answer.path("next");
            after = next.isMissingNode() || next.isNull() ? null : next.asText();
        } while (after != null);
        return records;
    }

    // --- inventory of a realm

    public Inventory inventory(String realm) {
        return new Inventory(realm);
    }

    /** /admin/realms/{realm}/support-access/inventory */
    public final class Inventory {

        private final String path;

        private Inventory(String realm) {
            this.path = "/admin/realms/" + realm + API + "/inventory";
        }

        /** A raw call below the inventory, e.g. send("POST", "/groups", json). */
        public Http.Reply send(String method, String relativePath, String json) {
            return SupportAccessClient.this.send(method, path + relativePath, json);
        }

        public Http.Reply get(String relativePath) {
            return send("GET", relativePath, null);
        }

        public Http.Reply post(String relativePath, String json) {
            return send("POST", relativePath, json);
        }

        public Http.Reply put(String relativePath, String json) {
            return send("PUT", relativePath, json);
        }

        public Http.Reply delete(String relativePath) {
            return send("DELETE", relativePath, null);
        }

        public List<JsonNode> managedObjects(Map<String, String> filters) {
            return list(expect(get("/managed-objects" + query(filters)), 200));
        }

        public JsonNode managedObject(String id) {
            return expect(get("/managed-objects/" + id), 200);
        }

        /** The management object of a tenant (call on the management realm's inventory), or null. */
        public JsonNode tenantObject(String tenant) {
            return managedObjects(Map.of("type", "c8y_Tenant")).stream()
                    .filter(o -> tenant.equals(o.get("name").asText())).findFirst().orElse(null);
        }

        public String tenantObjectId(String tenant) {
            JsonNode object = tenantObject(tenant);
            if (object == null) {
                throw new AssertionError("no management object of tenant " + tenant);
            }
            return object.get("id").asText();
        }

        public Http.Reply createObjectReply(String json) {
            return send("POST", "/managed-objects", json);
        }

        public Http.Reply deleteObject(String id) {
            return send("DELETE", "/managed-objects/" + id, null);
        }

        /** A new group (parentId may be null); its id. */
        public String createGroup(String name, String parentId) {
            String json = parentId == null ? "{\"name\":\"" + name + "\"}" : "{\"name\":\"" + name + "\",\"parentId\":\"" + parentId + "\"}";
            return expect(send("POST", "/groups", json), 201).get("id").asText();
        }

        public Http.Reply addChildReply(String groupId, String childId) {
            return send("PUT", "/groups/" + groupId + "/children/" + childId, null);
        }

        public void addChild(String groupId, String childId) {
            expect(addChildReply(groupId, childId), 204);
        }

        public Http.Reply removeChild(String groupId, String childId) {
            return send("DELETE", "/groups/" + groupId + "/children/" + childId, null);
        }

        public List<JsonNode> roles() {
            return list(expect(get("/roles"), 200));
        }

        public List<String> roleNames() {
            return roles().stream().map(r -> r.get("name").asText()).toList();
        }

        public Http.Reply createRoleReply(String json) {
            return send("POST", "/roles", json);
        }

        /** A new inventory role with the permissions given as a JSON array; its id. */
        public String createRole(String name, String permissionsJson) {
            return expect(createRoleReply("{\"name\":\"" + name + "\",\"permissions\":" + permissionsJson + "}"), 201).get("id").asText();
        }

        public String roleId(String name) {
            return roles().stream().filter(r -> name.equals(r.get("name").asText())).map(r -> r.get("id").asText())
                    .findFirst().orElseThrow(() -> new AssertionError("no inventory role " + name));
        }

        public Http.Reply deleteRole(String id) {
            return send("DELETE", "/roles/" + id, null);
        }

        public Http.Reply assignmentsReply(String userId) {
            return get("/users/" + userId + "/assignments");
        }

        /** The names of the groups the user has assignments on. */
        public List<String> assignedGroups(String userId) {
            return list(expect(assignmentsReply(userId), 200)).stream().map(a -> a.get("groupName").asText()).toList();
        }

        public Http.Reply assignReply(String userId, String groupId, String json) {
            return send("PUT", "/users/" + userId + "/assignments/" + groupId, json);
        }

        /** Gives the user exactly these inventory roles on the group. */
        public void assign(String userId, String groupId, String... roleIds) {
            String roles = java.util.Arrays.stream(roleIds).map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
            expect(assignReply(userId, groupId, "{\"roles\":[" + roles + "]}"), 200);
        }

        public Http.Reply copyAssignments(String userId, String json) {
            return send("POST", "/users/" + userId + "/assignments/copy", json);
        }

        public Http.Reply effectivePermissionReply(String userId, String objectId, String scope, String type, String level) {
            return get("/users/" + userId + "/effective-permission?object=" + objectId + "&scope=" + scope
                    + (type == null ? "" : "&type=" + Http.enc(type)) + "&level=" + level);
        }

        /** {"granted": ..., "via": ...} */
        public JsonNode effectivePermission(String userId, String objectId, String scope, String type, String level) {
            return expect(effectivePermissionReply(userId, objectId, scope, type, level), 200);
        }

        public boolean granted(String userId, String objectId, String scope, String type, String level) {
            return effectivePermission(userId, objectId, scope, type, level).get("granted").asBoolean();
        }
    }

    // --- a tenant's own support requests (bearer token of the tenant realm)

    /** The support requests API of a tenant as the holder of the bearer token (null: no token). */
    public static TenantSupport ofTenant(String tenant, String bearer) {
        return as(bearer).tenantSupport(tenant);
    }

    public TenantSupport tenantSupport(String tenant) {
        return new TenantSupport(tenant);
    }

    /** /realms/{tenant}/support-access */
    public final class TenantSupport {

        private final String path;

        private TenantSupport(String tenant) {
            this.path = "/realms/" + tenant + API;
        }

        public String statusUrl() {
            return baseUrl() + path + "/status";
        }

        public Http.Reply statusReply() {
            return get(path + "/status");
        }

        public JsonNode status() {
            return expect(statusReply(), 200);
        }

        /** Enable support (201 + status when granted). */
        public Http.Reply enable() {
            return send("POST", path + "/requests", null);
        }

        /** Disable support (200 + status + disabledRequests + endedSupportSessions when granted). */
        public Http.Reply disable() {
            return send("DELETE", path + "/requests", null);
        }

        public Http.Reply accessesReply(Map<String, String> query) {
            return get(path + "/accesses" + query(query));
        }

        /** One page: {"records": [...], "next": "..."}. */
        public JsonNode accesses(Map<String, String> query) {
            return expect(accessesReply(query), 200);
        }
    }
}

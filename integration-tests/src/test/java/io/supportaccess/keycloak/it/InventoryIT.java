package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Inventory roles, managed-object groups, assignments and selective support. */
class InventoryIT {

    @BeforeEach
    void open() {
        Platform.setSupportActivated(true);
    }

    @Test
    void tenantObjectsFollowTheirRealms() {
        String tenant = Platform.createTenant("tobj");
        JsonNode object = tenantObject(tenant);
        assertThat(object).as("tenant management object").isNotNull();
        assertThat(object.get("type").asText()).isEqualTo("c8y_Tenant");
        assertThat(object.get("properties").get("tenantId").asText()).isEqualTo(tenant);
        assertThat(object.get("properties").has("externalReference")).isTrue();

        Platform.realm(tenant).remove();
        assertThat(tenantObject(tenant)).isNull();
    }

    @Test
    void tenantObjectPropertiesFollowTheRealm() {
        String tenant = Platform.createTenant("tprops");
        var rep = Platform.realm(tenant).toRepresentation();
        rep.setAttributes(new java.util.HashMap<>(rep.getAttributes() == null ? java.util.Map.of() : rep.getAttributes()));
        rep.getAttributes().put("supportAccess.externalReference", "crm-4711");
        Platform.realm(tenant).update(rep);
        assertThat(tenantObject(tenant).get("properties").get("externalReference").asText()).isEqualTo("crm-4711");
    }

    @Test
    void seedUserManagementRolesAuthoriseTheInventoryApi() {
        String realm = Platform.createTenant("seedroles");
        for (String name : List.of("ROLE_USER_MANAGEMENT_READ", "ROLE_USER_MANAGEMENT_CREATE", "ROLE_USER_MANAGEMENT_ADMIN")) {
            var role = new org.keycloak.representations.idm.RoleRepresentation();
            role.setName(name);
            Platform.realm(realm).roles().create(role);
        }
        String reader = Platform.createUser(realm, "um-reader", "pw-reader");
        Platform.grantRealmRoles(realm, reader, "ROLE_USER_MANAGEMENT_READ");
        String admin = Platform.createUser(realm, "um-admin", "pw-admin");
        Platform.grantRealmRoles(realm, admin, "ROLE_USER_MANAGEMENT_ADMIN");
        String plain = Platform.createUser(realm, "um-plain", "pw-plain");
        String readerToken = Platform.passwordGrant(realm, "um-reader", "pw-reader").json().get("access_token").asText();
        String adminToken = Platform.passwordGrant(realm, "um-admin", "pw-admin").json().get("access_token").asText();
        String plainToken = Platform.passwordGrant(realm, "um-plain", "pw-plain").json().get("access_token").asText();
        assertThat(plain).isNotBlank();

        assertThat(Http.get(inv(realm) + "/roles", readerToken).status()).isEqualTo(200);
        assertThat(Http.get(inv(realm) + "/roles", plainToken).status()).isEqualTo(403);
        assertThat(send("POST", inv(realm) + "/groups", readerToken, "{\"name\":\"g\"}").status()).isEqualTo(403);
        Http.Reply created = send("POST", inv(realm) + "/groups", adminToken, "{\"name\":\"g\"}");
        assertThat(created.status()).isEqualTo(201);

        String creator = Platform.createUser(realm, "um-creator", "pw-creator");
        Platform.grantRealmRoles(realm, creator, "ROLE_USER_MANAGEMENT_CREATE");
        String creatorToken = Platform.passwordGrant(realm, "um-creator", "pw-creator").json().get("access_token").asText();
        assertThat(send("POST", inv(realm) + "/groups", creatorToken, "{\"name\":\"mine\"}").status()).isEqualTo(201);
        assertThat(send("DELETE", inv(realm) + "/managed-objects/" + created.json().get("id").asText(), creatorToken, "").status())
                .as("CREATE does not extend to removing").isEqualTo(403);
    }

    @Test
    void decisionEndpointExplainsWhoMayEnterWhichTenant() {
        String tenant = Platform.createTenant("why");
        String sam = Platform.unique("samwhy");
        String samId = Platform.createSupportUser(sam, "pw");
        String url = Platform.url() + "/admin/realms/" + Platform.MANAGEMENT + "/support-access/tenants/" + tenant + "/decision?supportUser=";
        assertThat(get(url + sam).json().get("outcome").asText()).isEqualTo("NOT_PERMITTED");
        String group = createGroup(Platform.MANAGEMENT, Platform.unique("why-group"), null);
        addChild(Platform.MANAGEMENT, group, tenantObject(tenant).get("id").asText());
        assign(Platform.MANAGEMENT, samId, group, roleId(Platform.MANAGEMENT, "Support"));
        JsonNode granted = get(url + sam).json();
        assertThat(granted.get("outcome").asText()).isEqualTo("GRANTED");
        assertThat(granted.get("decisionMicros").asLong()).isPositive();
        assertThat(get(url + "nobody-here").status()).isEqualTo(404);
    }

    @Test
    void newRealmsGetTheDefaultInventoryRoles() {
        String tenant = Platform.createTenant("roles");
        assertThat(names(get(inv(tenant) + "/roles"))).containsExactlyInAnyOrder("Manager", "Operations: All", "Operations: Restart Device", "Reader");
        assertThat(names(get(inv(Platform.MANAGEMENT) + "/roles"))).contains("Support");
    }

    @Test
    void selectiveSupportThroughAGroupOfTenantsAndItsSubgroups() {
        String inGroup = Platform.createTenant("sel-in");
        String outside = Platform.createTenant("sel-out");
        Platform.createUser(inGroup, "john", "john-secret");
        Platform.createUser(outside, "john", "john-secret");
        String sam = Platform.unique("sam");
        String samId = Platform.createSupportUser(sam, "sam-secret");

        String top = createGroup(Platform.MANAGEMENT, Platform.unique("north"), null);
        String sub = createGroup(Platform.MANAGEMENT, Platform.unique("north-sub"), top);
        addChild(Platform.MANAGEMENT, sub, tenantObject(inGroup).get("id").asText());

        assertThat(Platform.passwordGrant(inGroup, sam + "$john", "sam-secret").json().get("error_description").asText())
                .isEqualTo("Support user is not permitted to support this tenant");
        assign(Platform.MANAGEMENT, samId, top, roleId(Platform.MANAGEMENT, "Support"));

        assertThat(Platform.passwordGrant(inGroup, sam + "$john", "sam-secret").status()).as("inherited through the subgroup").isEqualTo(200);
        assertThat(Platform.passwordGrant(outside, sam + "$john", "sam-secret").status()).as("tenant not in the group").isEqualTo(400);

        // A role without Support at level ALL does not do
        assign(Platform.MANAGEMENT, samId, top, roleId(Platform.MANAGEMENT, "Reader"));
        assertThat(Platform.passwordGrant(inGroup, sam + "$john", "sam-secret").status()).isEqualTo(400);
        // Full access does
        String full = createRole(Platform.MANAGEMENT, Platform.unique("Full"), "[{\"scope\":\"FULL_ACCESS\",\"type\":\"*\",\"level\":\"ALL\"}]");
        assign(Platform.MANAGEMENT, samId, sub, full);
        assertThat(Platform.passwordGrant(inGroup, sam + "$john", "sam-secret").status()).isEqualTo(200);

        // Taking the tenant out of the group withdraws the permission at once
        Http.Reply removed = delete(inv(Platform.MANAGEMENT) + "/groups/" + sub + "/children/" + tenantObject(inGroup).get("id").asText());
        assertThat(removed.status()).isEqualTo(204);
        assertThat(Platform.passwordGrant(inGroup, sam + "$john", "sam-secret").status()).isEqualTo(400);
    }

    @Test
    void permissionsInheritDownwardsNeverUpwards() {
        String realm = Platform.createTenant("tree");
        String userId = Platform.createUser(realm, "smith", "pw");
        String top = createGroup(realm, "region", null);
        String north = createGroup(realm, "region north", top);
        String device = createGroup(realm, "device-1", north);
        String restart = roleId(realm, "Operations: Restart Device");
        assign(realm, userId, north, restart);

        assertThat(effective(realm, userId, device, "DEVICE_CONTROL", "c8y_Restart", "ADMIN")).isTrue();
        assertThat(effective(realm, userId, north, "DEVICE_CONTROL", "c8y_Restart", "ADMIN")).isTrue();
        assertThat(effective(realm, userId, top, "DEVICE_CONTROL", "c8y_Restart", "ADMIN")).as("not upwards").isFalse();
        assertThat(effective(realm, userId, device, "DEVICE_CONTROL", "c8y_Firmware", "ADMIN")).as("other type").isFalse();
        assertThat(effective(realm, userId, device, "DEVICE_CONTROL", "c8y_Restart", "ALL")).as("higher level").isFalse();

        // a global role with the inventory permission wins everywhere
        var role = new org.keycloak.representations.idm.RoleRepresentation();
        role.setName("ROLE_INVENTORY_READ");
        Platform.realm(realm).roles().create(role);
        assertThat(effective(realm, userId, top, "INVENTORY", "*", "READ")).isFalse();
        Platform.grantRealmRoles(realm, userId, "ROLE_INVENTORY_READ");
        Http.Reply global = get(inv(realm) + "/users/" + userId + "/effective-permission?object=" + top + "&scope=INVENTORY&type=*&level=READ");
        assertThat(global.json().get("granted").asBoolean()).isTrue();
        assertThat(global.json().get("via").asText()).isEqualTo("global role");

        // cycles are refused
        assertThat(put(inv(realm) + "/groups/" + device + "/children/" + top, null).status()).isEqualTo(409);
    }

    @Test
    void copyMergesByDefaultOrReplaces() {
        String realm = Platform.createTenant("copy-inv");
        String reference = Platform.createUser(realm, "reference", "pw");
        String merged = Platform.createUser(realm, "merged", "pw");
        String replaced = Platform.createUser(realm, "replaced", "pw");
        String g1 = createGroup(realm, "g1", null);
        String g2 = createGroup(realm, "g2", null);
        assign(realm, reference, g1, roleId(realm, "Reader"));
        assign(realm, merged, g2, roleId(realm, "Manager"));
        assign(realm, replaced, g2, roleId(realm, "Manager"));

        assertThat(post(inv(realm) + "/users/" + merged + "/assignments/copy", "{\"fromUserId\":\"" + reference + "\"}").status()).isEqualTo(200);
        assertThat(post(inv(realm) + "/users/" + replaced + "/assignments/copy",
                "{\"fromUserId\":\"" + reference + "\",\"mode\":\"REPLACE\"}").status()).isEqualTo(200);

        assertThat(groupsOf(realm, merged)).containsExactlyInAnyOrder("g1", "g2");
        assertThat(groupsOf(realm, replaced)).containsExactly("g1");
    }

    @Test
    void permissionsCoveredByAnotherAreReportedAsNotEffective() {
        String realm = Platform.createTenant("shadow");
        Http.Reply created = post(inv(realm) + "/roles", "{\"name\":\"mixed\",\"permissions\":["
                + "{\"scope\":\"ALARMS\",\"type\":\"*\",\"level\":\"ALL\"},"
                + "{\"scope\":\"ALARMS\",\"type\":\"c8y_Temperature\",\"level\":\"READ\"},"
                + "{\"scope\":\"EVENTS\",\"type\":\"c8y_Position\",\"level\":\"READ\"}]}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode permissions = created.json().get("permissions");
        assertThat(permissions.get(0).get("effective").asBoolean()).isTrue();
        assertThat(permissions.get(1).get("effective").asBoolean()).isFalse();
        assertThat(permissions.get(2).get("effective").asBoolean()).isTrue();
    }

    @Test
    void removingARoleAGroupOrAUserRemovesItsAssignments() {
        String realm = Platform.createTenant("cleanup");
        String userId = Platform.createUser(realm, "user-one", "pw");
        String other = Platform.createUser(realm, "user-two", "pw");
        String g1 = createGroup(realm, "g1", null);
        String g2 = createGroup(realm, "g2", null);
        String temp = createRole(realm, "temporary", "[{\"scope\":\"EVENTS\",\"type\":\"*\",\"level\":\"READ\"}]");
        assign(realm, userId, g1, temp);
        assign(realm, userId, g2, roleId(realm, "Reader"));
        assign(realm, other, g1, roleId(realm, "Reader"));

        assertThat(delete(inv(realm) + "/roles/" + temp).status()).isEqualTo(204);
        assertThat(groupsOf(realm, userId)).containsExactly("g2");
        assertThat(delete(inv(realm) + "/managed-objects/" + g2).status()).isEqualTo(204);
        assertThat(groupsOf(realm, userId)).isEmpty();
        Platform.realm(realm).users().get(other).remove();
        assertThat(get(inv(realm) + "/users/" + other + "/assignments").status()).isEqualTo(404);
        assertThat(get(inv(realm) + "/managed-objects/" + g1).json().get("children").size()).isZero();
    }

    @Test
    void badInputAndUnauthorisedCallsAreRefused() {
        String realm = Platform.createTenant("inv-bad");
        assertThat(Http.get(inv(realm) + "/roles", null).status()).isEqualTo(401);
        assertThat(post(inv(realm) + "/groups", "{").status()).isEqualTo(400);
        assertThat(post(inv(realm) + "/groups", "{\"name\":5}").status()).isEqualTo(400);
        assertThat(post(inv(realm) + "/groups", "{\"name\":\"x\",\"parentId\":\"nope\"}").status()).isEqualTo(404);
        assertThat(post(inv(realm) + "/roles", "{\"name\":\"r\",\"permissions\":[{\"scope\":\"NOPE\",\"level\":\"READ\"}]}").status()).isEqualTo(400);
        assertThat(post(inv(realm) + "/roles", "{\"name\":\"Reader\"}").status()).isEqualTo(409);
        assertThat(post(inv(realm) + "/roles", "{\"name\":\"" + "x".repeat(1_000_000) + "\"}").status()).isEqualTo(413);
        assertThat(put(inv(realm) + "/users/nobody/assignments/nothing", "{\"roles\":[]}").status()).isEqualTo(404);
        String userId = Platform.createUser(realm, "user-bad", "pw");
        String group = createGroup(realm, "g", null);
        assertThat(put(inv(realm) + "/users/" + userId + "/assignments/" + group, "{\"roles\":\"Reader\"}").status()).isEqualTo(400);
        assertThat(put(inv(realm) + "/users/" + userId + "/assignments/" + group, "{\"roles\":[\"nope\"]}").status()).isEqualTo(404);
        assertThat(get(inv(realm) + "/users/" + userId + "/effective-permission?object=" + group + "&scope=X&level=READ").status()).isEqualTo(400);
        assertThat(delete(inv(Platform.MANAGEMENT) + "/managed-objects/" + tenantObject(realm).get("id").asText()).status()).isEqualTo(409);
        assertThat(post(inv(realm) + "/managed-objects", "{\"name\":\"fake\",\"type\":\"c8y_Tenant\"}").status()).isEqualTo(400);
        // memberships of another realm cannot be touched through this realm's API
        String other = Platform.createTenant("inv-other");
        String otherGroup = createGroup(other, "other-group", null);
        String otherChild = createGroup(other, "other-child", otherGroup);
        assertThat(delete(inv(realm) + "/groups/" + otherGroup + "/children/" + otherChild).status()).isEqualTo(404);
        assertThat(get(inv(other) + "/managed-objects/" + otherGroup).json().get("children").size()).isEqualTo(1);
        Http.Reply device = post(inv(realm) + "/managed-objects", "{\"name\":\"pump-1\",\"type\":\"c8y_Device\",\"parentId\":\"" + group + "\"}");
        assertThat(device.status()).isEqualTo(201);
        assertThat(get(inv(realm) + "/managed-objects/" + group).json().get("children").get(0).asText()).isEqualTo(device.json().get("id").asText());

        String staff = Platform.unique("staff");
        Platform.createSupportUser(staff, "staff-pw", "Support");
        assertThat(Http.get(inv(Platform.MANAGEMENT) + "/roles", PlatformSettingsIT.managementToken(staff, "staff-pw")).status()).isEqualTo(403);
    }

    // --- helpers

    static String inv(String realm) {
        return Platform.url() + "/admin/realms/" + realm + "/support-access/inventory";
    }

    static Http.Reply get(String url) {
        return Http.get(url, Platform.adminToken());
    }

    static Http.Reply post(String url, String json) {
        return Http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + Platform.adminToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static Http.Reply put(String url, String json) {
        return Http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + Platform.adminToken())
                .header("Content-Type", "application/json")
                .PUT(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static Http.Reply delete(String url) {
        return Http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + Platform.adminToken()).DELETE().build());
    }

    static Http.Reply send(String method, String url, String token, String json) {
        return Http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static JsonNode tenantObject(String tenant) {
        for (JsonNode object : get(inv(Platform.MANAGEMENT) + "/managed-objects?type=c8y_Tenant").json()) {
            if (tenant.equals(object.get("name").asText())) {
                return object;
            }
        }
        return null;
    }

    static String createGroup(String realm, String name, String parentId) {
        Http.Reply reply = post(inv(realm) + "/groups", parentId == null ? "{\"name\":\"" + name + "\"}"
                : "{\"name\":\"" + name + "\",\"parentId\":\"" + parentId + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    static void addChild(String realm, String groupId, String childId) {
        Http.Reply reply = put(inv(realm) + "/groups/" + groupId + "/children/" + childId, null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(204);
    }

    static String createRole(String realm, String name, String permissionsJson) {
        Http.Reply reply = post(inv(realm) + "/roles", "{\"name\":\"" + name + "\",\"permissions\":" + permissionsJson + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    static String roleId(String realm, String name) {
        for (JsonNode role : get(inv(realm) + "/roles").json()) {
            if (name.equals(role.get("name").asText())) {
                return role.get("id").asText();
            }
        }
        throw new AssertionError("no inventory role " + name);
    }

    static void assign(String realm, String userId, String groupId, String roleId) {
        Http.Reply reply = put(inv(realm) + "/users/" + userId + "/assignments/" + groupId, "{\"roles\":[\"" + roleId + "\"]}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    static boolean effective(String realm, String userId, String objectId, String scope, String type, String level) {
        Http.Reply reply = get(inv(realm) + "/users/" + userId + "/effective-permission?object=" + objectId + "&scope=" + scope
                + "&type=" + Http.enc(type) + "&level=" + level);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("granted").asBoolean();
    }

    static List<String> groupsOf(String realm, String userId) {
        List<String> groups = new ArrayList<>();
        get(inv(realm) + "/users/" + userId + "/assignments").json().forEach(a -> groups.add(a.get("groupName").asText()));
        return groups;
    }

    static List<String> names(Http.Reply reply) {
        List<String> names = new ArrayList<>();
        reply.json().forEach(r -> names.add(r.get("name").asText()));
        return names;
    }
}

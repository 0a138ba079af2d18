package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Inventory roles, managed-object groups, assignments and selective support. */
class InventoryIT {

    static final SupportAccessClient ADMIN = SupportAccessClient.admin();
    static final SupportAccessClient.Inventory MANAGEMENT_INVENTORY = ADMIN.inventory(Platform.MANAGEMENT);

    @BeforeEach
    void open() {
        Platform.setSupportActivated(true);
    }

    @Test
    void tenantObjectsFollowTheirRealms() {
        String tenant = Platform.createTenant("tobj");
        JsonNode object = MANAGEMENT_INVENTORY.tenantObject(tenant);
        assertThat(object).as("tenant management object").isNotNull();
        assertThat(object.get("type").asText()).isEqualTo("c8y_Tenant");
        assertThat(object.get("properties").get("tenantId").asText()).isEqualTo(tenant);
        assertThat(object.get("properties").has("externalReference")).isTrue();

        Platform.realm(tenant).remove();
        assertThat(MANAGEMENT_INVENTORY.tenantObject(tenant)).isNull();
    }

    @Test
    void tenantObjectPropertiesFollowTheRealm() {
        String tenant = Platform.createTenant("tprops");
        var rep = Platform.realm(tenant).toRepresentation();
        rep.setAttributes(new java.util.HashMap<>(rep.getAttributes() == null ? java.util.Map.of() : rep.getAttributes()));
        rep.getAttributes().put("supportAccess.externalReference", "crm-4711");
        Platform.realm(tenant).update(rep);
        assertThat(MANAGEMENT_INVENTORY.tenantObject(tenant).get("properties").get("externalReference").asText()).isEqualTo("crm-4711");
    }

    @Test
    void seedUserManagementRolesAuthoriseTheInventoryApi() {
        // the permission catalogue's roles, which every tenant has
        String realm = Platform.createTenant("seedroles");
        String reader = Platform.createUser(realm, "um-reader", "pw-reader");
        Platform.grantRealmRoles(realm, reader, "ROLE_USER_MANAGEMENT_READ");
        String admin = Platform.createUser(realm, "um-admin", "pw-admin");
        Platform.grantRealmRoles(realm, admin, "ROLE_USER_MANAGEMENT_ADMIN");
        Platform.createUser(realm, "um-plain", "pw-plain");
        var asReader = SupportAccessClient.as(Platform.token(realm, "um-reader", "pw-reader")).inventory(realm);
        var asAdmin = SupportAccessClient.as(Platform.token(realm, "um-admin", "pw-admin")).inventory(realm);
        var asPlain = SupportAccessClient.as(Platform.token(realm, "um-plain", "pw-plain")).inventory(realm);

        assertThat(asReader.get("/roles").status()).isEqualTo(200);
        assertThat(asPlain.get("/roles").status()).isEqualTo(403);
        assertThat(asReader.send("POST", "/groups", "{\"name\":\"g\"}").status()).isEqualTo(403);
        Http.Reply created = asAdmin.send("POST", "/groups", "{\"name\":\"g\"}");
        assertThat(created.status()).isEqualTo(201);

        String creator = Platform.createUser(realm, "um-creator", "pw-creator");
        Platform.grantRealmRoles(realm, creator, "ROLE_USER_MANAGEMENT_CREATE");
        var asCreator = SupportAccessClient.as(Platform.token(realm, "um-creator", "pw-creator")).inventory(realm);
        assertThat(asCreator.send("POST", "/groups", "{\"name\":\"mine\"}").status()).isEqualTo(201);
        assertThat(asCreator.deleteObject(created.json().get("id").asText()).status())
                .as("CREATE does not extend to removing").isEqualTo(403);
    }

    @Test
    void decisionEndpointExplainsWhoMayEnterWhichTenant() {
        String tenant = Platform.createTenant("why");
        String sam = Platform.unique("samwhy");
        String samId = Platform.createSupportUser(sam, "pw");
        assertThat(ADMIN.decision(tenant, sam).get("outcome").asText()).isEqualTo("NOT_PERMITTED");
        String group = MANAGEMENT_INVENTORY.createGroup(Platform.unique("why-group"), null);
        MANAGEMENT_INVENTORY.addChild(group, MANAGEMENT_INVENTORY.tenantObjectId(tenant));
        MANAGEMENT_INVENTORY.assign(samId, group, MANAGEMENT_INVENTORY.roleId("Support"));
        JsonNode granted = ADMIN.decision(tenant, sam);
        assertThat(granted.get("outcome").asText()).isEqualTo("GRANTED");
        assertThat(granted.get("decisionMicros").asLong()).isPositive();
        assertThat(ADMIN.decisionReply(tenant, "nobody-here").status()).isEqualTo(404);
    }

    @Test
    void newRealmsGetTheDefaultInventoryRoles() {
        String tenant = Platform.createTenant("roles");
        assertThat(ADMIN.inventory(tenant).roleNames()).containsExactlyInAnyOrder("Manager", "Operations: All", "Operations: Restart Device", "Reader");
        assertThat(MANAGEMENT_INVENTORY.roleNames()).contains("Support");
    }

    @Test
    void selectiveSupportThroughAGroupOfTenantsAndItsSubgroups() {
        String inGroup = Platform.createTenant("sel-in");
        String outside = Platform.createTenant("sel-out");
        Platform.createUser(inGroup, "john", "john-secret");
        Platform.createUser(outside, "john", "john-secret");
        String sam = Platform.unique("sam");
        String samId = Platform.createSupportUser(sam, "sam-secret");

        String top = MANAGEMENT_INVENTORY.createGroup(Platform.unique("north"), null);
        String sub = MANAGEMENT_INVENTORY.createGroup(Platform.unique("north-sub"), top);
        MANAGEMENT_INVENTORY.addChild(sub, MANAGEMENT_INVENTORY.tenantObjectId(inGroup));

        assertThat(Platform.passwordGrant(inGroup, sam + "$john", "sam-secret").json().get("error_description").asText())
                .isEqualTo("Support user is not permitted to support this tenant");
        MANAGEMENT_INVENTORY.assign(samId, top, MANAGEMENT_INVENTORY.roleId("Support"));

        assertThat(Platform.passwordGrant(inGroup, sam + "$john", "sam-secret").status()).as("inherited through the subgroup").isEqualTo(200);
        assertThat(Platform.passwordGrant(outside, sam + "$john", "sam-secret").status()).as("tenant not in the group").isEqualTo(400);

        // A role without Support at level ALL does not do
        MANAGEMENT_INVENTORY.assign(samId, top, MANAGEMENT_INVENTORY.roleId("Reader"));
        assertThat(Platform.passwordGrant(inGroup, sam + "$john", "sam-secret").status()).isEqualTo(400);
        // Full access does
        String full = MANAGEMENT_INVENTORY.createRole(Platform.unique("Full"), "[{\"scope\":\"FULL_ACCESS\",\"type\":\"*\",\"level\":\"ALL\"}]");
        MANAGEMENT_INVENTORY.assign(samId, sub, full);
        assertThat(Platform.passwordGrant(inGroup, sam + "$john", "sam-secret").status()).isEqualTo(200);

        // Taking the tenant out of the group withdraws the permission at once
        Http.Reply removed = MANAGEMENT_INVENTORY.removeChild(sub, MANAGEMENT_INVENTORY.tenantObjectId(inGroup));
        assertThat(removed.status()).isEqualTo(204);
        assertThat(Platform.passwordGrant(inGroup, sam + "$john", "sam-secret").status()).isEqualTo(400);
    }

    @Test
    void permissionsInheritDownwardsNeverUpwards() {
        String realm = Platform.createTenant("tree");
        SupportAccessClient.Inventory inventory = ADMIN.inventory(realm);
        String userId = Platform.createUser(realm, "smith", "pw");
        String top = inventory.createGroup("region", null);
        String north = inventory.createGroup("region north", top);
        String device = inventory.createGroup("device-1", north);
        String restart = inventory.roleId("Operations: Restart Device");
        inventory.assign(userId, north, restart);

        assertThat(inventory.granted(userId, device, "DEVICE_CONTROL", "c8y_Restart", "ADMIN")).isTrue();
        assertThat(inventory.granted(userId, north, "DEVICE_CONTROL", "c8y_Restart", "ADMIN")).isTrue();
        assertThat(inventory.granted(userId, top, "DEVICE_CONTROL", "c8y_Restart", "ADMIN")).as("not upwards").isFalse();
        assertThat(inventory.granted(userId, device, "DEVICE_CONTROL", "c8y_Firmware", "ADMIN")).as("other type").isFalse();
        assertThat(inventory.granted(userId, device, "DEVICE_CONTROL", "c8y_Restart", "ALL")).as("higher level").isFalse();

        // a global role with the inventory permission wins everywhere
        assertThat(inventory.granted(userId, top, "INVENTORY", "*", "READ")).isFalse();
        Platform.grantRealmRoles(realm, userId, "ROLE_INVENTORY_READ");
        JsonNode global = inventory.effectivePermission(userId, top, "INVENTORY", "*", "READ");
        assertThat(global.get("granted").asBoolean()).isTrue();
        assertThat(global.get("via").asText()).isEqualTo("global role");

        // cycles are refused
        assertThat(inventory.addChildReply(device, top).status()).isEqualTo(409);
    }

    @Test
    void movingAGroupTakesItAndWhatItHoldsFromOneParentToAnotherInOneStep() {
        String realm = Platform.createTenant("move");
        SupportAccessClient.Inventory inventory = ADMIN.inventory(realm);
        String userId = Platform.createUser(realm, "smith", "pw");
        String region = inventory.createGroup("region", null);
        String north = inventory.createGroup("north", region);
        String south = inventory.createGroup("south", null);
        String device = inventory.createGroup("device-1", north);
        String restart = inventory.roleId("Operations: Restart Device");
        inventory.assign(userId, south, restart);
        assertThat(inventory.granted(userId, device, "DEVICE_CONTROL", "c8y_Restart", "ADMIN")).isFalse();

        assertThat(move(inventory, north, region, south).status()).isEqualTo(204);
        assertThat(children(inventory, region)).doesNotContain(north);
        assertThat(children(inventory, south)).containsExactly(north);
        assertThat(inventory.granted(userId, device, "DEVICE_CONTROL", "c8y_Restart", "ADMIN")).as("inherited from the new parent").isTrue();

        // below itself, from a group it is not in, nowhere: refused, and nothing moved
        assertThat(move(inventory, south, null, device).status()).isEqualTo(409);
        assertThat(move(inventory, north, region, south).status()).isEqualTo(404);
        assertThat(inventory.send("POST", "/managed-objects/" + north + "/move", "{}").status()).isEqualTo(400);
        assertThat(move(inventory, "no-such-object", south, region).status()).isEqualTo(404);
        assertThat(children(inventory, south)).containsExactly(north);

        // to the top level
        assertThat(move(inventory, north, south, null).status()).isEqualTo(204);
        assertThat(children(inventory, south)).isEmpty();
        assertThat(inventory.granted(userId, device, "DEVICE_CONTROL", "c8y_Restart", "ADMIN")).isFalse();
    }

    private static Http.Reply move(SupportAccessClient.Inventory inventory, String id, String from, String to) {
        return inventory.send("POST", "/managed-objects/" + id + "/move",
                "{\"from\":" + (from == null ? "null" : "\"" + from + "\"") + ",\"to\":" + (to == null ? "null" : "\"" + to + "\"") + "}");
    }

    private static List<String> children(SupportAccessClient.Inventory inventory, String group) {
        List<String> ids = new java.util.ArrayList<>();
        inventory.managedObject(group).get("children").forEach(c -> ids.add(c.asText()));
        return ids;
    }

    @Test
    void copyMergesByDefaultOrReplaces() {
        String realm = Platform.createTenant("copy-inv");
        SupportAccessClient.Inventory inventory = ADMIN.inventory(realm);
        String reference = Platform.createUser(realm, "reference", "pw");
        String merged = Platform.createUser(realm, "merged", "pw");
        String replaced = Platform.createUser(realm, "replaced", "pw");
        String g1 = inventory.createGroup("g1", null);
        String g2 = inventory.createGroup("g2", null);
        inventory.assign(reference, g1, inventory.roleId("Reader"));
        inventory.assign(merged, g2, inventory.roleId("Manager"));
        inventory.assign(replaced, g2, inventory.roleId("Manager"));

        assertThat(inventory.copyAssignments(merged, "{\"fromUserId\":\"" + reference + "\"}").status()).isEqualTo(200);
        assertThat(inventory.copyAssignments(replaced,
                "{\"fromUserId\":\"" + reference + "\",\"mode\":\"REPLACE\"}").status()).isEqualTo(200);

        assertThat(inventory.assignedGroups(merged)).containsExactlyInAnyOrder("g1", "g2");
        assertThat(inventory.assignedGroups(replaced)).containsExactly("g1");
    }

    @Test
    void permissionsCoveredByAnotherAreReportedAsNotEffective() {
        String realm = Platform.createTenant("shadow");
        Http.Reply created = ADMIN.inventory(realm).createRoleReply("{\"name\":\"mixed\",\"permissions\":["
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
        SupportAccessClient.Inventory inventory = ADMIN.inventory(realm);
        String userId = Platform.createUser(realm, "user-one", "pw");
        String other = Platform.createUser(realm, "user-two", "pw");
        String g1 = inventory.createGroup("g1", null);
        String g2 = inventory.createGroup("g2", null);
        String temp = inventory.createRole("temporary", "[{\"scope\":\"EVENTS\",\"type\":\"*\",\"level\":\"READ\"}]");
        inventory.assign(userId, g1, temp);
        inventory.assign(userId, g2, inventory.roleId("Reader"));
        inventory.assign(other, g1, inventory.roleId("Reader"));

        assertThat(inventory.deleteRole(temp).status()).isEqualTo(204);
        assertThat(inventory.assignedGroups(userId)).containsExactly("g2");
        assertThat(inventory.deleteObject(g2).status()).isEqualTo(204);
        assertThat(inventory.assignedGroups(userId)).isEmpty();
        Platform.realm(realm).users().get(other).remove();
        assertThat(inventory.assignmentsReply(other).status()).isEqualTo(404);
        assertThat(inventory.managedObject(g1).get("children").size()).isZero();
    }

    /** Refusals of the inventory API, each case on its own; one realm, user and group for all of them. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Refusals {

        String realm;
        String userId;
        String group;
        SupportAccessClient.Inventory inventory;

        @BeforeAll
        void realmWithUserAndGroup() {
            realm = Platform.createTenant("inv-bad");
            inventory = ADMIN.inventory(realm);
            userId = Platform.createUser(realm, "user-bad", "pw");
            group = inventory.createGroup("g", null);
        }

        static Stream<Arguments> badRequests() {
            return Stream.of(
                    Arguments.of(Named.of("malformed JSON", "POST"), "/groups", "{", 400),
                    Arguments.of(Named.of("a group name of the wrong type", "POST"), "/groups", "{\"name\":5}", 400),
                    Arguments.of(Named.of("an unknown parent", "POST"), "/groups", "{\"name\":\"x\",\"parentId\":\"nope\"}", 404),
                    Arguments.of(Named.of("an unknown permission scope", "POST"), "/roles",
                            "{\"name\":\"r\",\"permissions\":[{\"scope\":\"NOPE\",\"level\":\"READ\"}]}", 400),
                    Arguments.of(Named.of("a role name taken", "POST"), "/roles", "{\"name\":\"Reader\"}", 409),
                    Arguments.of(Named.of("a body over the size limit", "POST"), "/roles",
                            "{\"name\":\"" + "x".repeat(1_000_000) + "\"}", 413),
                    Arguments.of(Named.of("an unknown user and group", "PUT"), "/users/nobody/assignments/nothing", "{\"roles\":[]}", 404),
                    Arguments.of(Named.of("roles not a list", "PUT"), "/users/{user}/assignments/{group}", "{\"roles\":\"Reader\"}", 400),
                    Arguments.of(Named.of("an unknown role", "PUT"), "/users/{user}/assignments/{group}", "{\"roles\":[\"nope\"]}", 404),
                    Arguments.of(Named.of("an unknown scope in the permission check", "GET"),
                            "/users/{user}/effective-permission?object={group}&scope=X&level=READ", null, 400),
                    Arguments.of(Named.of("a managed object posing as a tenant", "POST"), "/managed-objects",
                            "{\"name\":\"fake\",\"type\":\"c8y_Tenant\"}", 400));
        }

        @ParameterizedTest(name = "{0}: {1} -> {3}")
        @MethodSource("badRequests")
        void badRequestIsRefused(String method, String path, String body, int status) {
            Http.Reply reply = inventory.send(method, path.replace("{user}", userId).replace("{group}", group), body);
            assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        }

        @Test
        void aCallWithoutTokenIsUnauthorised() {
            assertThat(SupportAccessClient.as(null).inventory(realm).get("/roles").status()).isEqualTo(401);
        }

        @Test
        void aTenantObjectCannotBeRemoved() {
            assertThat(ADMIN.inventory(Platform.MANAGEMENT).deleteObject(MANAGEMENT_INVENTORY.tenantObjectId(realm)).status()).isEqualTo(409);
        }

        @Test
        void membershipsOfAnotherRealmCannotBeTouchedThroughThisRealmsApi() {
            String other = Platform.createTenant("inv-other");
            SupportAccessClient.Inventory otherInventory = ADMIN.inventory(other);
            String otherGroup = otherInventory.createGroup("other-group", null);
            String otherChild = otherInventory.createGroup("other-child", otherGroup);
            assertThat(inventory.removeChild(otherGroup, otherChild).status()).isEqualTo(404);
            assertThat(otherInventory.managedObject(otherGroup).get("children").size()).isEqualTo(1);
        }

        @Test
        void aDeviceCreatedUnderAGroupIsItsChild() {
            Http.Reply device = inventory.createObjectReply("{\"name\":\"pump-1\",\"type\":\"c8y_Device\",\"parentId\":\"" + group + "\"}");
            assertThat(device.status()).isEqualTo(201);
            assertThat(inventory.managedObject(group).get("children").get(0).asText()).isEqualTo(device.json().get("id").asText());
        }

        @Test
        void aSupportUserMayNotReadTheManagementInventory() {
            String staff = Platform.unique("staff");
            Platform.createSupportUser(staff, "staff-pw", "Support");
            assertThat(SupportAccessClient.as(Platform.managementToken(staff, "staff-pw")).inventory(Platform.MANAGEMENT).get("/roles").status())
                    .isEqualTo(403);
        }
    }
}

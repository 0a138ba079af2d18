package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A refused write of the admin REST API changes nothing and leaves no audit record, also when the
 * endpoint had already written something before it refused.
 */
class RefusedWritesIT {

    static final SupportAccessClient ADMIN = SupportAccessClient.admin();

    @Test
    void aGroupOrObjectWithAnUnknownParentIsNotLeftBehind() {
        String realm = Platform.createTenant("refused-parent");
        String group = ADMIN.inventory(realm).createGroup("existing", null);
        Http.Reply device = ADMIN.inventory(realm).post("/managed-objects", "{\"name\":\"pump\",\"type\":\"c8y_Device\"}");
        assertThat(device.status()).isEqualTo(201);
        String deviceId = device.json().get("id").asText();

        assertUnchanged(realm, List.of(), () -> List.of(
                ADMIN.inventory(realm).post("/groups", "{\"name\":\"orphan\",\"parentId\":\"no-such-group\"}"),
                ADMIN.inventory(realm).post("/groups", "{\"name\":\"orphan\",\"parentId\":\"" + deviceId + "\"}"),
                ADMIN.inventory(realm).post("/managed-objects", "{\"name\":\"orphan\",\"type\":\"c8y_Device\",\"parentId\":\"no-such-group\"}"),
                ADMIN.inventory(realm).post("/managed-objects", "{\"name\":\"orphan\",\"type\":\"c8y_Device\",\"parentId\":\"" + deviceId + "\"}")),
                404, 404, 404, 404);
        assertThat(names(realm)).doesNotContain("orphan").contains("existing", "pump");
        assertThat(ADMIN.inventory(realm).get("/managed-objects/" + group).json().get("children")).isEmpty();
    }

    @Test
    void aGroupOfAnotherRealmIsNotAParentAndLeavesNothingBehind() {
        String realm = Platform.createTenant("refused-foreign");
        String other = Platform.createTenant("refused-foreign-other");
        String foreign = ADMIN.inventory(other).createGroup("foreign", null);
        assertUnchanged(realm, List.of(), () -> List.of(
                ADMIN.inventory(realm).post("/groups", "{\"name\":\"sneaky\",\"parentId\":\"" + foreign + "\"}")), 404);
        assertUnchanged(other, List.of(), () -> List.of(
                ADMIN.inventory(realm).post("/groups", "{\"name\":\"sneaky\",\"parentId\":\"" + foreign + "\"}")), 404);
        assertThat(ADMIN.inventory(other).get("/managed-objects/" + foreign).json().get("children")).isEmpty();
    }

    @Test
    void refusedMembershipAndObjectChangesLeaveTheTreeAsItWas() {
        String realm = Platform.createTenant("refused-tree");
        String top = ADMIN.inventory(realm).createGroup("top", null);
        String sub = ADMIN.inventory(realm).createGroup("sub", top);
        String tenantObject = ADMIN.inventory(Platform.MANAGEMENT).tenantObjectId(realm);
        assertUnchanged(realm, List.of(), () -> List.of(
                ADMIN.inventory(realm).put("/groups/" + sub + "/children/" + top, null),
                ADMIN.inventory(realm).put("/groups/" + sub + "/children/" + sub, null),
                ADMIN.inventory(realm).put("/groups/" + sub + "/children/no-such-object", null),
                ADMIN.inventory(realm).delete("/groups/" + top + "/children/no-such-object"),
                ADMIN.inventory(realm).delete("/managed-objects/no-such-object")),
                409, 409, 404, 404, 404);
        assertUnchanged(Platform.MANAGEMENT, List.of(), () -> List.of(
                ADMIN.inventory(Platform.MANAGEMENT).delete("/managed-objects/" + tenantObject)), 409);
    }

    @Test
    void refusedRoleChangesLeaveTheRolesAsTheyWere() {
        String realm = Platform.createTenant("refused-roles");
        String mine = ADMIN.inventory(realm).createRole("mine", "[{\"scope\":\"EVENTS\",\"type\":\"*\",\"level\":\"READ\"}]");
        assertUnchanged(realm, List.of(), () -> List.of(
                ADMIN.inventory(realm).post("/roles", "{\"name\":\"Reader\",\"permissions\":[{\"scope\":\"ALARMS\",\"level\":\"ALL\"}]}"),
                ADMIN.inventory(realm).put("/roles/" + mine, "{\"name\":\"Reader\",\"permissions\":[{\"scope\":\"ALARMS\",\"level\":\"ALL\"}]}"),
                ADMIN.inventory(realm).put("/roles/" + mine, "{\"name\":\"renamed\",\"permissions\":[{\"scope\":\"NOPE\",\"level\":\"ALL\"}]}"),
                ADMIN.inventory(realm).put("/roles/no-such-role", "{\"name\":\"x\"}"),
                ADMIN.inventory(realm).delete("/roles/no-such-role")),
                409, 409, 400, 404, 404);
    }

    @Test
    void refusedAssignmentsAndCopiesLeaveEveryonesRolesAsTheyWere() {
        String realm = Platform.createTenant("refused-assign");
        String user = Platform.createUser(realm, "holder", "pw");
        String reference = Platform.createUser(realm, "reference", "pw");
        String group = ADMIN.inventory(realm).createGroup("g", null);
        String other = ADMIN.inventory(realm).createGroup("h", null);
        ADMIN.inventory(realm).assign(user, group, ADMIN.inventory(realm).roleId("Reader"));
        ADMIN.inventory(realm).assign(reference, other, ADMIN.inventory(realm).roleId("Manager"));
        assertUnchanged(realm, List.of(user, reference), () -> List.of(
                ADMIN.inventory(realm).put("/users/" + user + "/assignments/" + group, "{\"roles\":[\"" + ADMIN.inventory(realm).roleId("Manager") + "\",\"no-such-role\"]}"),
                ADMIN.inventory(realm).put("/users/" + user + "/assignments/no-such-group", "{\"roles\":[]}"),
                ADMIN.inventory(realm).put("/users/no-such-user/assignments/" + group, "{\"roles\":[]}"),
                ADMIN.inventory(realm).post("/users/" + user + "/assignments/copy", "{\"fromUserId\":\"" + reference + "\",\"mode\":\"SWAP\"}"),
                ADMIN.inventory(realm).post("/users/" + user + "/assignments/copy", "{\"fromUserId\":\"no-such-user\",\"mode\":\"REPLACE\"}"),
                ADMIN.inventory(realm).post("/users/" + user + "/assignments/copy", "{\"fromUserId\":\"" + user + "\",\"mode\":\"REPLACE\"}")),
                404, 404, 404, 400, 404, 400);
        assertThat(ADMIN.inventory(realm).assignedGroups(user)).containsExactly("g");
    }

    @Test
    void aRefusedPlatformSettingsUpdateChangesNoSetting() {
        Platform.setSupportActivated(true);
        JsonNode before = Http.get(Platform.settingsUrl(), Platform.adminToken()).json();
        int records = Audit.all(Platform.MANAGEMENT, Map.of("type", "Option")).size();
        List<String> bodies = List.of(
                "{\"supportAccessActivated\":false,\"validityLimitHours\":-1}",
                "{\"supportAccessActivated\":[\"acme\"],\"supportUserOtpRequired\":\"yes\"}",
                "{\"supportAccessActivated\":false,\"unknown\":1}",
                "{\"supportUserOtpRequired\":true,\"supportAccessActivated\":[5]}",
                "{\"supportAccessActivated\":false,\"excludedTenants\":\"acme\"}",
                "{\"excludedTenants\":[\"acme\"],\"supportSessionIdleMinutes\":0}");
        for (String body : bodies) {
            Http.Reply reply = Http.put(Platform.settingsUrl(), Platform.adminToken(), "application/json", body);
            assertThat(reply.status()).as(body).isEqualTo(400);
        }
        assertThat(Http.get(Platform.settingsUrl(), Platform.adminToken()).json()).isEqualTo(before);
        assertThat(Audit.all(Platform.MANAGEMENT, Map.of("type", "Option"))).hasSize(records);
    }

    @Test
    void endingAnUnknownSupportSessionChangesNothing() {
        List<JsonNode> before = ADMIN.sessions(Map.of());
        int records = Audit.all(Platform.MANAGEMENT, Map.of()).size();
        assertThat(ADMIN.endSession("no-such-session").status()).isEqualTo(404);
        assertThat(ADMIN.sessions(Map.of())).isEqualTo(before);
        assertThat(Audit.all(Platform.MANAGEMENT, Map.of())).hasSize(records);
    }

    // --- helpers

    /**
     * Runs the refused requests and asserts their statuses, that the realm's inventory (objects with
     * their children, roles, the given users' assignments) is as before, and that no audit record was added.
     */
    static void assertUnchanged(String realm, List<String> userIds, Supplier<List<Http.Reply>> refused, int... statuses) {
        JsonNode before = inventory(realm, userIds);
        int records = Audit.all(realm, Map.of()).size();
        List<Http.Reply> replies = refused.get();
        for (int i = 0; i < statuses.length; i++) {
            assertThat(replies.get(i).status()).as("refusal %d: %s", i, replies.get(i).body()).isEqualTo(statuses[i]);
        }
        assertThat(inventory(realm, userIds)).isEqualTo(before);
        assertThat(Audit.all(realm, Map.of())).as("audit records").hasSize(records);
    }

    private static JsonNode inventory(String realm, List<String> userIds) {
        var state = Http.JSON.createObjectNode();
        state.set("objects", ADMIN.inventory(realm).get("/managed-objects").json());
        state.set("roles", ADMIN.inventory(realm).get("/roles").json());
        var assignments = state.putObject("assignments");
        for (String userId : userIds) {
            assignments.set(userId, ADMIN.inventory(realm).get("/users/" + userId + "/assignments").json());
        }
        return state;
    }

    private static List<String> names(String realm) {
        return ADMIN.inventory(realm).managedObjects(Map.of()).stream().map(o -> o.get("name").asText()).toList();
    }
}

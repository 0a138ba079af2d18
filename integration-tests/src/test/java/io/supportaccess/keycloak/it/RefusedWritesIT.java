package io.supportaccess.keycloak.it;

import static io.supportaccess.keycloak.it.InventoryIT.assign;
import static io.supportaccess.keycloak.it.InventoryIT.createGroup;
import static io.supportaccess.keycloak.it.InventoryIT.createRole;
import static io.supportaccess.keycloak.it.InventoryIT.delete;
import static io.supportaccess.keycloak.it.InventoryIT.get;
import static io.supportaccess.keycloak.it.InventoryIT.inv;
import static io.supportaccess.keycloak.it.InventoryIT.post;
import static io.supportaccess.keycloak.it.InventoryIT.put;
import static io.supportaccess.keycloak.it.InventoryIT.roleId;
import static io.supportaccess.keycloak.it.InventoryIT.tenantObject;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A refused write of the admin REST API changes nothing and leaves no audit record, also when the
 * endpoint had already written something before it refused.
 */
class RefusedWritesIT {

    @Test
    void aGroupOrObjectWithAnUnknownParentIsNotLeftBehind() {
        String realm = Platform.createTenant("refused-parent");
        String group = createGroup(realm, "existing", null);
        Http.Reply device = post(inv(realm) + "/managed-objects", "{\"name\":\"pump\",\"type\":\"c8y_Device\"}");
        assertThat(device.status()).isEqualTo(201);
        String deviceId = device.json().get("id").asText();

        assertUnchanged(realm, List.of(), () -> List.of(
                post(inv(realm) + "/groups", "{\"name\":\"orphan\",\"parentId\":\"no-such-group\"}"),
                post(inv(realm) + "/groups", "{\"name\":\"orphan\",\"parentId\":\"" + deviceId + "\"}"),
                post(inv(realm) + "/managed-objects", "{\"name\":\"orphan\",\"type\":\"c8y_Device\",\"parentId\":\"no-such-group\"}"),
                post(inv(realm) + "/managed-objects", "{\"name\":\"orphan\",\"type\":\"c8y_Device\",\"parentId\":\"" + deviceId + "\"}")),
                404, 404, 404, 404);
        assertThat(names(realm)).doesNotContain("orphan").contains("existing", "pump");
        assertThat(get(inv(realm) + "/managed-objects/" + group).json().get("children")).isEmpty();
    }

    @Test
    void aGroupOfAnotherRealmIsNotAParentAndLeavesNothingBehind() {
        String realm = Platform.createTenant("refused-foreign");
        String other = Platform.createTenant("refused-foreign-other");
        String foreign = createGroup(other, "foreign", null);
        assertUnchanged(realm, List.of(), () -> List.of(
                post(inv(realm) + "/groups", "{\"name\":\"sneaky\",\"parentId\":\"" + foreign + "\"}")), 404);
        assertUnchanged(other, List.of(), () -> List.of(
                post(inv(realm) + "/groups", "{\"name\":\"sneaky\",\"parentId\":\"" + foreign + "\"}")), 404);
        assertThat(get(inv(other) + "/managed-objects/" + foreign).json().get("children")).isEmpty();
    }

    @Test
    void refusedMembershipAndObjectChangesLeaveTheTreeAsItWas() {
        String realm = Platform.createTenant("refused-tree");
        String top = createGroup(realm, "top", null);
        String sub = createGroup(realm, "sub", top);
        String tenantObject = tenantObject(realm).get("id").asText();
        assertUnchanged(realm, List.of(), () -> List.of(
                put(inv(realm) + "/groups/" + sub + "/children/" + top, null),
                put(inv(realm) + "/groups/" + sub + "/children/" + sub, null),
                put(inv(realm) + "/groups/" + sub + "/children/no-such-object", null),
                delete(inv(realm) + "/groups/" + top + "/children/no-such-object"),
                delete(inv(realm) + "/managed-objects/no-such-object")),
                409, 409, 404, 404, 404);
        assertUnchanged(Platform.MANAGEMENT, List.of(), () -> List.of(
                delete(inv(Platform.MANAGEMENT) + "/managed-objects/" + tenantObject)), 409);
    }

    @Test
    void refusedRoleChangesLeaveTheRolesAsTheyWere() {
        String realm = Platform.createTenant("refused-roles");
        String mine = createRole(realm, "mine", "[{\"scope\":\"EVENTS\",\"type\":\"*\",\"level\":\"READ\"}]");
        assertUnchanged(realm, List.of(), () -> List.of(
                post(inv(realm) + "/roles", "{\"name\":\"Reader\",\"permissions\":[{\"scope\":\"ALARMS\",\"level\":\"ALL\"}]}"),
                put(inv(realm) + "/roles/" + mine, "{\"name\":\"Reader\",\"permissions\":[{\"scope\":\"ALARMS\",\"level\":\"ALL\"}]}"),
                put(inv(realm) + "/roles/" + mine, "{\"name\":\"renamed\",\"permissions\":[{\"scope\":\"NOPE\",\"level\":\"ALL\"}]}"),
                put(inv(realm) + "/roles/no-such-role", "{\"name\":\"x\"}"),
                delete(inv(realm) + "/roles/no-such-role")),
                409, 409, 400, 404, 404);
    }

    @Test
    void refusedAssignmentsAndCopiesLeaveEveryonesRolesAsTheyWere() {
        String realm = Platform.createTenant("refused-assign");
        String user = Platform.createUser(realm, "holder", "pw");
        String reference = Platform.createUser(realm, "reference", "pw");
        String group = createGroup(realm, "g", null);
        String other = createGroup(realm, "h", null);
        assign(realm, user, group, roleId(realm, "Reader"));
        assign(realm, reference, other, roleId(realm, "Manager"));
        assertUnchanged(realm, List.of(user, reference), () -> List.of(
                put(inv(realm) + "/users/" + user + "/assignments/" + group, "{\"roles\":[\"" + roleId(realm, "Manager") + "\",\"no-such-role\"]}"),
                put(inv(realm) + "/users/" + user + "/assignments/no-such-group", "{\"roles\":[]}"),
                put(inv(realm) + "/users/no-such-user/assignments/" + group, "{\"roles\":[]}"),
                post(inv(realm) + "/users/" + user + "/assignments/copy", "{\"fromUserId\":\"" + reference + "\",\"mode\":\"SWAP\"}"),
                post(inv(realm) + "/users/" + user + "/assignments/copy", "{\"fromUserId\":\"no-such-user\",\"mode\":\"REPLACE\"}"),
                post(inv(realm) + "/users/" + user + "/assignments/copy", "{\"fromUserId\":\"" + user + "\",\"mode\":\"REPLACE\"}")),
                404, 404, 404, 400, 404, 400);
        assertThat(InventoryIT.groupsOf(realm, user)).containsExactly("g");
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
        String sessions = Platform.url() + "/admin/realms/" + Platform.MANAGEMENT + "/support-access/sessions";
        JsonNode before = get(sessions).json();
        int records = Audit.all(Platform.MANAGEMENT, Map.of()).size();
        assertThat(delete(sessions + "/no-such-session").status()).isEqualTo(404);
        assertThat(get(sessions).json()).isEqualTo(before);
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
        state.set("objects", get(inv(realm) + "/managed-objects").json());
        state.set("roles", get(inv(realm) + "/roles").json());
        var assignments = state.putObject("assignments");
        for (String userId : userIds) {
            assignments.set(userId, get(inv(realm) + "/users/" + userId + "/assignments").json());
        }
        return state;
    }

    private static List<String> names(String realm) {
        return InventoryIT.names(get(inv(realm) + "/managed-objects"));
    }
}

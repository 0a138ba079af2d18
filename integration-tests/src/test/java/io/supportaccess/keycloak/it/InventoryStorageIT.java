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
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The inventory's storage: rows stay single under simultaneous identical calls, and one realm's ids mean nothing in another. */
class InventoryStorageIT {

    private static final int SIMULTANEOUS = 6;
    private static final int ROUNDS = 4;

    @Test
    void simultaneousIdenticalChildAdditionsEndAsOneMembership() throws Exception {
        String realm = Platform.createTenant("inv-race-child");
        for (int round = 0; round < ROUNDS; round++) {
            String group = createGroup(realm, "parent-" + round, null);
            String child = createGroup(realm, "child-" + round, null);
            List<Integer> statuses = simultaneously(() -> put(inv(realm) + "/groups/" + group + "/children/" + child, null).status());
            assertThat(statuses).as("round %d", round).containsOnly(204);
            JsonNode children = get(inv(realm) + "/managed-objects/" + group).json().get("children");
            assertThat(children).as("round %d", round).hasSize(1);
            assertThat(children.get(0).asText()).isEqualTo(child);
        }
    }

    @Test
    void simultaneousIdenticalAssignmentsEndAsOneAssignment() throws Exception {
        String realm = Platform.createTenant("inv-race-assign");
        String reader = roleId(realm, "Reader");
        for (int round = 0; round < ROUNDS; round++) {
            String userId = Platform.createUser(realm, "racer-" + round, "pw");
            String group = createGroup(realm, "g-" + round, null);
            List<Integer> statuses = simultaneously(() -> put(inv(realm) + "/users/" + userId + "/assignments/" + group,
                    "{\"roles\":[\"" + reader + "\"]}").status());
            assertThat(statuses).as("round %d", round).containsOnly(200);
            JsonNode assignments = get(inv(realm) + "/users/" + userId + "/assignments").json();
            assertThat(assignments).as("round %d", round).hasSize(1);
            assertThat(assignments.get(0).get("roles")).as("round %d", round).hasSize(1);
        }
    }

    @Test
    void simultaneousCreationsOfOneRoleNameMakeOneRole() throws Exception {
        String realm = Platform.createTenant("inv-race-role");
        for (int round = 0; round < ROUNDS; round++) {
            String name = "racing-role-" + round;
            List<Integer> statuses = simultaneously(() -> post(inv(realm) + "/roles",
                    "{\"name\":\"" + name + "\",\"permissions\":[{\"scope\":\"EVENTS\",\"type\":\"*\",\"level\":\"READ\"}]}").status());
            assertThat(statuses).as("round %d", round).containsOnly(201, 409).containsOnlyOnce(201);
            assertThat(InventoryIT.names(get(inv(realm) + "/roles"))).as("round %d", round).containsOnlyOnce(name);
        }
    }

    @Test
    void anotherRealmsIdsAreUnknownToThisRealmsInventory() {
        String realm = Platform.createTenant("inv-own");
        String other = Platform.createTenant("inv-foreign");
        String ownUser = Platform.createUser(realm, "own-user", "pw");
        String ownGroup = createGroup(realm, "own-group", null);
        String foreignUser = Platform.createUser(other, "foreign-user", "pw");
        String foreignGroup = createGroup(other, "foreign-group", null);
        String foreignChild = createGroup(other, "foreign-child", foreignGroup);
        String foreignRole = createRole(other, "foreign-role", "[{\"scope\":\"EVENTS\",\"type\":\"*\",\"level\":\"READ\"}]");
        assign(other, foreignUser, foreignGroup, foreignRole);

        assertThat(get(inv(realm) + "/managed-objects/" + foreignGroup).status()).isEqualTo(404);
        assertThat(delete(inv(realm) + "/managed-objects/" + foreignGroup).status()).isEqualTo(404);
        assertThat(put(inv(realm) + "/groups/" + foreignGroup + "/children/" + ownGroup, null).status()).isEqualTo(404);
        assertThat(put(inv(realm) + "/groups/" + ownGroup + "/children/" + foreignChild, null).status()).isEqualTo(404);
        assertThat(delete(inv(realm) + "/groups/" + foreignGroup + "/children/" + foreignChild).status()).isEqualTo(404);
        assertThat(put(inv(realm) + "/roles/" + foreignRole, "{\"name\":\"taken-over\"}").status()).isEqualTo(404);
        assertThat(delete(inv(realm) + "/roles/" + foreignRole).status()).isEqualTo(404);
        assertThat(put(inv(realm) + "/users/" + ownUser + "/assignments/" + ownGroup, "{\"roles\":[\"" + foreignRole + "\"]}").status())
                .isEqualTo(404);
        assertThat(put(inv(realm) + "/users/" + ownUser + "/assignments/" + foreignGroup, "{\"roles\":[]}").status()).isEqualTo(404);
        assertThat(put(inv(realm) + "/users/" + foreignUser + "/assignments/" + ownGroup, "{\"roles\":[]}").status()).isEqualTo(404);
        assertThat(get(inv(realm) + "/users/" + foreignUser + "/assignments").status()).isEqualTo(404);
        assertThat(post(inv(realm) + "/users/" + ownUser + "/assignments/copy", "{\"fromUserId\":\"" + foreignUser + "\"}").status())
                .isEqualTo(404);
        assertThat(get(inv(realm) + "/users/" + ownUser + "/effective-permission?object=" + foreignGroup + "&scope=EVENTS&level=READ")
                .status()).isEqualTo(404);

        // the other realm's rows are as they were
        assertThat(get(inv(other) + "/managed-objects/" + foreignGroup).json().get("children")).hasSize(1);
        assertThat(InventoryIT.names(get(inv(other) + "/roles"))).contains("foreign-role");
        JsonNode assignments = get(inv(other) + "/users/" + foreignUser + "/assignments").json();
        assertThat(assignments).hasSize(1);
        assertThat(assignments.get(0).get("groupId").asText()).isEqualTo(foreignGroup);
        assertThat(InventoryIT.effective(other, foreignUser, foreignChild, "EVENTS", "*", "READ")).isTrue();
    }

    /** Runs the call {@value #SIMULTANEOUS} times at once and returns every answer's status. */
    private static List<Integer> simultaneously(Supplier<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SIMULTANEOUS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < SIMULTANEOUS; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return call.get();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}

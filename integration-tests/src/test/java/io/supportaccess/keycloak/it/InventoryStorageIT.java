package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
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

    private static final SupportAccessClient ADMIN = SupportAccessClient.admin();

    private static final int SIMULTANEOUS = 6;
    private static final int ROUNDS = 4;

    @Test
    void simultaneousIdenticalChildAdditionsEndAsOneMembership() throws Exception {
        String realm = Platform.createTenant("inv-race-child");
        SupportAccessClient.Inventory inv = ADMIN.inventory(realm);
        for (int round = 0; round < ROUNDS; round++) {
            String group = inv.createGroup("parent-" + round, null);
            String child = inv.createGroup("child-" + round, null);
            List<Integer> statuses = simultaneously(() -> inv.put("/groups/" + group + "/children/" + child, null).status());
            assertThat(statuses).as("round %d", round).containsOnly(204);
            JsonNode children = inv.get("/managed-objects/" + group).json().get("children");
            assertThat(children).as("round %d", round).hasSize(1);
            assertThat(children.get(0).asText()).isEqualTo(child);
        }
    }

    @Test
    void simultaneousIdenticalAssignmentsEndAsOneAssignment() throws Exception {
        String realm = Platform.createTenant("inv-race-assign");
        SupportAccessClient.Inventory inv = ADMIN.inventory(realm);
        String reader = inv.roleId("Reader");
        for (int round = 0; round < ROUNDS; round++) {
            String userId = Platform.createUser(realm, "racer-" + round, "pw");
            String group = inv.createGroup("g-" + round, null);
            List<Integer> statuses = simultaneously(() -> inv.put("/users/" + userId + "/assignments/" + group,
                    "{\"roles\":[\"" + reader + "\"]}").status());
            assertThat(statuses).as("round %d", round).containsOnly(200);
            JsonNode assignments = inv.get("/users/" + userId + "/assignments").json();
            assertThat(assignments).as("round %d", round).hasSize(1);
            assertThat(assignments.get(0).get("roles")).as("round %d", round).hasSize(1);
        }
    }

    @Test
    void simultaneousCreationsOfOneRoleNameMakeOneRole() throws Exception {
        String realm = Platform.createTenant("inv-race-role");
        SupportAccessClient.Inventory inv = ADMIN.inventory(realm);
        for (int round = 0; round < ROUNDS; round++) {
            String name = "racing-role-" + round;
            List<Integer> statuses = simultaneously(() -> inv.post("/roles",
                    "{\"name\":\"" + name + "\",\"permissions\":[{\"scope\":\"EVENTS\",\"type\":\"*\",\"level\":\"READ\"}]}").status());
            assertThat(statuses).as("round %d", round).containsOnly(201, 409).containsOnlyOnce(201);
            assertThat(inv.roleNames()).as("round %d", round).containsOnlyOnce(name);
        }
    }

    @Test
    void anotherRealmsIdsAreUnknownToThisRealmsInventory() {
        String realm = Platform.createTenant("inv-own");
        String other = Platform.createTenant("inv-foreign");
        SupportAccessClient.Inventory inv = ADMIN.inventory(realm);
        SupportAccessClient.Inventory otherInv = ADMIN.inventory(other);
        String ownUser = Platform.createUser(realm, "own-user", "pw");
        String ownGroup = inv.createGroup("own-group", null);
        String foreignUser = Platform.createUser(other, "foreign-user", "pw");
        String foreignGroup = otherInv.createGroup("foreign-group", null);
        String foreignChild = otherInv.createGroup("foreign-child", foreignGroup);
        String foreignRole = otherInv.createRole("foreign-role", "[{\"scope\":\"EVENTS\",\"type\":\"*\",\"level\":\"READ\"}]");
        otherInv.assign(foreignUser, foreignGroup, foreignRole);

        assertThat(inv.get("/managed-objects/" + foreignGroup).status()).isEqualTo(404);
        assertThat(inv.delete("/managed-objects/" + foreignGroup).status()).isEqualTo(404);
        assertThat(inv.put("/groups/" + foreignGroup + "/children/" + ownGroup, null).status()).isEqualTo(404);
        assertThat(inv.put("/groups/" + ownGroup + "/children/" + foreignChild, null).status()).isEqualTo(404);
        assertThat(inv.delete("/groups/" + foreignGroup + "/children/" + foreignChild).status()).isEqualTo(404);
        assertThat(inv.put("/roles/" + foreignRole, "{\"name\":\"taken-over\"}").status()).isEqualTo(404);
        assertThat(inv.delete("/roles/" + foreignRole).status()).isEqualTo(404);
        assertThat(inv.put("/users/" + ownUser + "/assignments/" + ownGroup, "{\"roles\":[\"" + foreignRole + "\"]}").status())
                .isEqualTo(404);
        assertThat(inv.put("/users/" + ownUser + "/assignments/" + foreignGroup, "{\"roles\":[]}").status()).isEqualTo(404);
        assertThat(inv.put("/users/" + foreignUser + "/assignments/" + ownGroup, "{\"roles\":[]}").status()).isEqualTo(404);
        assertThat(inv.get("/users/" + foreignUser + "/assignments").status()).isEqualTo(404);
        assertThat(inv.post("/users/" + ownUser + "/assignments/copy", "{\"fromUserId\":\"" + foreignUser + "\"}").status())
                .isEqualTo(404);
        assertThat(inv.get("/users/" + ownUser + "/effective-permission?object=" + foreignGroup + "&scope=EVENTS&level=READ")
                .status()).isEqualTo(404);

        // the other realm's rows are as they were
        assertThat(otherInv.get("/managed-objects/" + foreignGroup).json().get("children")).hasSize(1);
        assertThat(otherInv.roleNames()).contains("foreign-role");
        JsonNode assignments = otherInv.get("/users/" + foreignUser + "/assignments").json();
        assertThat(assignments).hasSize(1);
        assertThat(assignments.get(0).get("groupId").asText()).isEqualTo(foreignGroup);
        assertThat(otherInv.granted(foreignUser, foreignChild, "EVENTS", "*", "READ")).isTrue();
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

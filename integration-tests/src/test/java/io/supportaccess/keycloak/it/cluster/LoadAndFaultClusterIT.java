package io.supportaccess.keycloak.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Sixteen clients over both nodes for a minute; then the same load while one node is killed
 * (SIGKILL) and later restarted. Figures go to the test output and to
 * {@code target/cluster-load-report.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadAndFaultClusterIT {

    static Cluster cluster;

    @BeforeAll
    static void cluster() {
        cluster = Cluster.get();
    }

    @Test
    @Order(1)
    void aMinuteOfMixedLoadOnBothNodesAnswersEveryRequestAndAuditsEachOperationOnce() throws Exception {
        String tenant = openTenant("load");
        ClusterLoad load = new ClusterLoad(tenant, cluster.nodes(), "l");
        Map<String, Integer> before = ClusterLoad.auditCounts(tenant);

        load.run(Duration.ofSeconds(60), null, null);

        Map<String, Integer> added = difference(ClusterLoad.auditCounts(tenant), before);
        Map<String, Integer> expected = load.expectedCounts();
        report(load.report("Load run") + String.format("  audit records: expected %d, found %d%n",
                expected.values().stream().mapToInt(Integer::intValue).sum(), added.values().stream().mapToInt(Integer::intValue).sum()));
        assertThat(load.totalServerErrors()).isZero();
        assertThat(load.unanswered.get()).isZero();
        assertThat(load.acknowledged.values()).allMatch(count -> count.get() > 0);
        assertThat(load.acknowledgedByNode.keySet()).containsExactlyInAnyOrder("node-a", "node-b");
        assertThat(added).isEqualTo(expected);
    }

    @Test
    @Order(2)
    void killingOneNodeMidLoadLosesNoAcknowledgedRecordAndTheNodeRejoins() throws Exception {
        String tenant = openTenant("fault");
        ClusterLoad load = new ClusterLoad(tenant, cluster.nodes(), "f");
        Map<String, Integer> before = ClusterLoad.auditCounts(tenant);
        KeycloakNode victim = cluster.b();

        load.run(Duration.ofSeconds(45), Duration.ofSeconds(15), victim::kill);

        Map<String, Integer> added = difference(ClusterLoad.auditCounts(tenant), before);
        Map<String, Integer> expected = load.expectedCounts();
        int expectedTotal = expected.values().stream().mapToInt(Integer::intValue).sum();
        int foundTotal = added.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder text = new StringBuilder(load.report("Fault run: node-b killed (SIGKILL) after 15 s"))
                .append(String.format("  audit records: expected (acknowledged) %d, found %d%n", expectedTotal, foundTotal));
        // every acknowledged operation has its record; only operations cut off unanswered by the kill may add one more
        expected.forEach((key, count) -> assertThat(added.getOrDefault(key, 0)).as(key).isGreaterThanOrEqualTo(count));
        assertThat(foundTotal - expectedTotal).isBetween(0, load.unanswered.get());
        assertThat(load.totalServerErrors()).isZero();
        assertThat(load.acknowledgedByNode.get("node-a").get()).isGreaterThan(0);

        long restartStart = System.nanoTime();
        victim.start();
        cluster.awaitMembers(2, Duration.ofMinutes(2));
        text.append(String.format("  node-b restarted and rejoined in %.0f s%n", (System.nanoTime() - restartStart) / 1e9));
        report(text.toString());

        // the restarted node answers consistently: same audit log, same decisions, changes seen by the other node
        assertThat(ClusterLoad.auditCounts(tenant)).isEqualTo(auditCountsThrough(cluster.b(), tenant));
        String jill = load.jills[0];
        String john = load.johns[0];
        assertThat(NodeCalls.login(cluster.b(), tenant, jill + "$" + john, "jill-secret").status()).isEqualTo(200);
        String anchor = NodeCalls.token(cluster.b(), tenant, "anchor", "anchor-pw");
        String statusOnA = cluster.a().baseUrl() + "/realms/" + tenant + "/support-access/status";
        int active = Http.get(statusOnA, anchor).json().get("activeRequests").asInt();
        assertThat(Http.post(NodeCalls.requests(cluster.b(), tenant), anchor, null, "").status()).isEqualTo(201);
        assertThat(Http.get(statusOnA, anchor).json().get("activeRequests").asInt()).isEqualTo(active + 1);
    }

    /** A tenant kept open by an anchor user's request for the whole run (the platform setting closed). */
    static String openTenant(String prefix) {
        Platform.setSupportActivated(false);
        String tenant = Platform.createTenant(prefix);
        Platform.createUser(tenant, "anchor", "anchor-pw");
        String anchor = NodeCalls.token(cluster.a(), tenant, "anchor", "anchor-pw");
        assertThat(Http.post(NodeCalls.requests(cluster.a(), tenant), anchor, null, "").status()).isEqualTo(201);
        return tenant;
    }

    static Map<String, Integer> auditCountsThrough(KeycloakNode node, String tenant) {
        return ClusterLoad.auditCounts(Audit.all(node.baseUrl(), NodeCalls.adminToken(node), tenant, Map.of()));
    }

    static Map<String, Integer> difference(Map<String, Integer> after, Map<String, Integer> before) {
        Map<String, Integer> added = new HashMap<>();
        after.forEach((key, count) -> {
            int delta = count - before.getOrDefault(key, 0);
            if (delta != 0) {
                added.put(key, delta);
            }
        });
        return added;
    }

    static void report(String text) throws Exception {
        System.out.print(text);
        Path file = Path.of(System.getProperty("cluster.dir", "target/cluster")).resolveSibling("cluster-load-report.txt");
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

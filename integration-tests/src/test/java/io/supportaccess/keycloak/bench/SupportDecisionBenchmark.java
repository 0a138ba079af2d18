package io.supportaccess.keycloak.bench;

import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.KeycloakServer;
import io.supportaccess.keycloak.it.support.Platform;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The support access decision (permission through inventory roles + tenant openness, i.e. a
 * support login minus its password hash) at 10 tenants and at 1,000 tenants in 100 groups nested
 * 5 deep with 2,000 assignments, on the same server in one run. The decision is timed on the
 * server ({@code decisionMicros} of {@code GET .../tenants/{tenant}/decision}); prints both medians
 * and their ratio.
 *
 * <p>System properties: {@code keycloak.url} (default: start a server), {@code bench.samples} (2000),
 * {@code bench.realTenants} (false: the 990 further tenants are stand-in managed objects; true:
 * real tenant realms, about 30 minutes of set-up on 2 cores).
 */
public final class SupportDecisionBenchmark {

    public static void main(String[] args) throws Exception {
        int samples = Integer.getInteger("bench.samples", 2000);
        // Creating 990 Keycloak realms takes about 30 minutes on a 2-core machine (Keycloak's own realm
        // creation slows down with the number of realms); by default the 990 further tenants are stand-in
        // managed objects in the same groups, which is what the decision reads.
        boolean realTenants = Boolean.getBoolean("bench.realTenants");
        KeycloakServer server = KeycloakServer.get();
        Platform.setSupportActivated(true);
        String mgmt = Platform.MANAGEMENT;
        String supportRole = roleId(mgmt, "Support");
        String readerRole = roleId(mgmt, "Reader");

        // The path the measured decision walks: a chain of 5 groups, the tenant in the deepest one.
        String sam = Platform.unique("sam");
        String samId = Platform.createSupportUser(sam, "sam-secret");
        List<String> chain = chain("measured", 5);
        String target = Platform.createTenant("bench-target");
        addChild(chain.get(4), tenantObjectId(target));
        assign(samId, chain.get(0), supportRole);
        parallel(9, i -> Platform.createTenant("small"));

        measure(target, sam, samples, 3000);
        System.out.printf("10 tenants, 5 groups, 1 assignment (warm-up done)%n");

        // Alternate between 10 and 1,000 tenants (100 groups nested 5 deep, 2,000 assignments), so that
        // warm-up and drift affect both alike; each round adds and then removes the same kind of data.
        int rounds = Integer.getInteger("bench.rounds", 3);
        List<Double> small = new ArrayList<>();
        List<Double> big = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Stats smallStats = measure(target, sam, samples, 500);
            smallStats.print("round " + (round + 1) + ": decision at    10 tenants");
            small.add(smallStats.median());

            long start = System.nanoTime();
            List<String> groups = new ArrayList<>(chain);
            for (int c = 1; c < 20; c++) {
                groups.addAll(chain("chain" + c, 5));
            }
            List<String> standIns = realTenants
                    ? realTenants(groups)
                    : parallel(990, i -> createObject(Platform.unique("tenant-stand-in"), groups.get(i % groups.size())));
            List<String> users = parallel(200, i -> Platform.createSupportUser(Platform.unique("staff"), "pw"));
            parallel(2000, i -> {
                assign(users.get(i / 10), groups.get((i * 7) % groups.size()), i % 3 == 0 ? supportRole : readerRole);
                return null;
            });
            System.out.printf("round %d: added 990 %s, 95 groups, 2,000 assignments in %.0f s%n", round + 1,
                    realTenants ? "tenant realms" : "tenant stand-in objects", (System.nanoTime() - start) / 1e9);

            Stats bigStats = measure(target, sam, samples, 500);
            bigStats.print("round " + (round + 1) + ": decision at 1,000 tenants");
            big.add(bigStats.median());

            if (realTenants) {
                break;
            }
            parallel(standIns.size(), i -> send("DELETE", inv() + "/managed-objects/" + standIns.get(i), ""));
            List<String> others = new ArrayList<>(groups.subList(5, groups.size()));
            parallel(others.size(), i -> send("DELETE", inv() + "/managed-objects/" + others.get(i), ""));
            parallel(users.size(), i -> {
                Platform.realm(Platform.MANAGEMENT).users().get(users.get(i)).remove();
                return null;
            });
        }
        double smallMedian = Stats.medianOfDoubles(small);
        double bigMedian = Stats.medianOfDoubles(big);
        System.out.printf("decision at    10 tenants: %.0f us (median over rounds of %s)%n", smallMedian, small);
        System.out.printf("decision at 1,000 tenants: %.0f us (median over rounds of %s)%n", bigMedian, big);
        System.out.printf("median ratio 1,000 / 10 tenants (server-side decision): %.2f (target <= 1.2)%n", bigMedian / smallMedian);
        server.stop();
        System.exit(0);
    }

    /** Samples in blocks of {@value #BLOCK}; on a shared 2-core machine the least disturbed block is the figure. */
    record Stats(List<Long> micros, List<Long> roundTripMicros) {
        static final int BLOCK = 400;

        List<Double> blockMedians() {
            List<Double> medians = new ArrayList<>();
            for (int from = 0; from + BLOCK <= micros.size(); from += BLOCK) {
                medians.add(medianOf(micros.subList(from, from + BLOCK)));
            }
            return medians;
        }

        double median() {
            return blockMedians().stream().mapToDouble(Double::doubleValue).min().orElse(medianOf(micros));
        }

        void print(String label) {
            System.out.printf("%s: median %6.0f us on the server (lowest of block medians %s), overall median %6.0f us, "
                    + "round trip %6.0f us (%d samples)%n", label, median(),
                    blockMedians().stream().map(m -> String.format("%.0f", m)).toList(), medianOf(micros),
                    medianOf(roundTripMicros), micros.size());
        }

        static double medianOfDoubles(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return sorted.get(sorted.size() / 2);
        }

        static double medianOf(List<Long> values) {
            List<Long> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return sorted.get(sorted.size() / 2);
        }
    }

    /** {@code warmup} calls first (the first measurement also warms up the JIT), then {@code samples} timed ones. */
    static Stats measure(String tenant, String supportUser, int samples, int warmup) {
        String url = Platform.url() + "/admin/realms/" + Platform.MANAGEMENT + "/support-access/tenants/" + tenant
                + "/decision?supportUser=" + supportUser;
        String token = Platform.adminToken();
        List<Long> micros = new ArrayList<>();
        List<Long> roundTrips = new ArrayList<>();
        for (int i = 0; i < samples + warmup; i++) {
            long start = System.nanoTime();
            Http.Reply reply = Http.get(url, token);
            long took = (System.nanoTime() - start) / 1000;
            if (reply.status() != 200 || !"GRANTED".equals(reply.json().get("outcome").asText())) {
                throw new IllegalStateException("unexpected decision: " + reply.status() + " " + reply.body());
            }
            if (i >= warmup) {
                micros.add(reply.json().get("decisionMicros").asLong());
                roundTrips.add(took);
            }
            if (i % 100 == 0) {
                token = Platform.adminToken();
            }
        }
        return new Stats(micros, roundTrips);
    }

    interface Task<T> {
        T run(int i) throws Exception;
    }

    static <T> List<T> parallel(int count, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(pool.submit(() -> task.run(index)));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        pool.shutdown();
        return results;
    }

    static String inv() {
        return Platform.url() + "/admin/realms/" + Platform.MANAGEMENT + "/support-access/inventory";
    }

    static List<String> chain(String name, int depth) {
        List<String> chain = new ArrayList<>();
        String parent = null;
        for (int level = 0; level < depth; level++) {
            String body = "{\"name\":\"" + Platform.unique(name + "-" + level) + "\"" + (parent == null ? "" : ",\"parentId\":\"" + parent + "\"") + "}";
            Http.Reply reply = send("POST", inv() + "/groups", body);
            parent = reply.json().get("id").asText();
            chain.add(parent);
        }
        return chain;
    }

    static void addChild(String group, String child) {
        Http.Reply reply = send("PUT", inv() + "/groups/" + group + "/children/" + child, "");
        if (reply.status() != 204) {
            throw new IllegalStateException(reply.status() + " " + reply.body());
        }
    }

    static void assign(String userId, String group, String role) {
        Http.Reply reply = send("PUT", inv() + "/users/" + userId + "/assignments/" + group, "{\"roles\":[\"" + role + "\"]}");
        if (reply.status() != 200) {
            throw new IllegalStateException(reply.status() + " " + reply.body());
        }
    }

    static List<String> realTenants(List<String> groups) throws Exception {
        List<String> more = parallel(990, i -> Platform.createTenant("big"));
        parallel(more.size(), i -> {
            addChild(groups.get(i % groups.size()), tenantObjectId(more.get(i)));
            return null;
        });
        return more;
    }

    static String createObject(String name, String group) {
        Http.Reply reply = send("POST", inv() + "/managed-objects",
                "{\"name\":\"" + name + "\",\"type\":\"c8y_TenantStandIn\",\"parentId\":\"" + group + "\"}");
        if (reply.status() != 201) {
            throw new IllegalStateException(reply.status() + " " + reply.body());
        }
        return reply.json().get("id").asText();
    }

    static String roleId(String realm, String name) {
        for (var role : Http.get(Platform.url() + "/admin/realms/" + realm + "/support-access/inventory/roles", Platform.adminToken()).json()) {
            if (name.equals(role.get("name").asText())) {
                return role.get("id").asText();
            }
        }
        throw new IllegalStateException("no role " + name);
    }

    static String tenantObjectId(String tenant) {
        for (var object : Http.get(inv() + "/managed-objects?type=c8y_Tenant&name=" + tenant, Platform.adminToken()).json()) {
            if (tenant.equals(object.get("name").asText())) {
                return object.get("id").asText();
            }
        }
        throw new IllegalStateException("no tenant object " + tenant);
    }

    static Http.Reply send(String method, String url, String body) {
        return Http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + Platform.adminToken())
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }
}

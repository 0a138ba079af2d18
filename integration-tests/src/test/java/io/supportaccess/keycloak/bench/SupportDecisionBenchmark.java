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
 * <p>System properties: {@code keycloak.url} (default: start a server), {@code bench.samples} (500).
 */
public final class SupportDecisionBenchmark {

    public static void main(String[] args) throws Exception {
        int samples = Integer.getInteger("bench.samples", 500);
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
        List<String> tenants = new ArrayList<>(parallel(9, i -> Platform.createTenant("small")));
        tenants.add(target);

        Stats small = measure(target, sam, samples);
        System.out.printf("10 tenants, 5 groups, 1 assignment%n");

        // Grow to 1,000 tenants in 100 groups nested 5 deep (20 chains), with 2,000 assignments.
        long start = System.nanoTime();
        List<List<String>> chains = new ArrayList<>();
        chains.add(chain);
        for (int c = 1; c < 20; c++) {
            chains.add(chain("chain" + c, 5));
        }
        List<String> more = parallel(990, i -> Platform.createTenant("big"));
        List<String> groups = new ArrayList<>();
        chains.forEach(groups::addAll);
        parallel(more.size(), i -> {
            addChild(groups.get(i % groups.size()), tenantObjectId(more.get(i)));
            return null;
        });
        List<String> users = parallel(200, i -> Platform.createSupportUser(Platform.unique("staff"), "pw"));
        parallel(2000, i -> {
            assign(users.get(i / 10), groups.get((i * 7) % groups.size()), i % 3 == 0 ? supportRole : readerRole);
            return null;
        });
        System.out.printf("set-up of 990 more tenants, 95 more groups, 2,000 assignments: %.0f s%n", (System.nanoTime() - start) / 1e9);

        Stats big = measure(target, sam, samples);
        Stats smallAgain = measure(target, sam, samples);
        small.print("decision at    10 tenants");
        big.print("decision at 1,000 tenants");
        System.out.printf("median ratio 1,000 / 10 tenants (server-side decision): %.2f (target <= 1.2)%n", big.median() / small.median());
        System.out.printf("(10-tenant figures re-measured after growth, for drift: median %.0f us)%n", smallAgain.median());
        server.stop();
        System.exit(0);
    }

    record Stats(List<Long> micros, List<Long> roundTripMicros) {
        double median() {
            return medianOf(micros);
        }

        void print(String label) {
            System.out.printf("%s: median %6.0f us on the server, %6.0f us round trip (%d samples)%n",
                    label, median(), medianOf(roundTripMicros), micros.size());
        }

        static double medianOf(List<Long> values) {
            List<Long> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return sorted.get(sorted.size() / 2);
        }
    }

    static Stats measure(String tenant, String supportUser, int samples) {
        String url = Platform.url() + "/admin/realms/" + Platform.MANAGEMENT + "/support-access/tenants/" + tenant
                + "/decision?supportUser=" + supportUser;
        String token = Platform.adminToken();
        List<Long> micros = new ArrayList<>();
        List<Long> roundTrips = new ArrayList<>();
        for (int i = 0; i < samples + 50; i++) {
            long start = System.nanoTime();
            Http.Reply reply = Http.get(url, token);
            long took = (System.nanoTime() - start) / 1000;
            if (reply.status() != 200 || !"GRANTED".equals(reply.json().get("outcome").asText())) {
                throw new IllegalStateException("unexpected decision: " + reply.status() + " " + reply.body());
            }
            if (i >= 50) {
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

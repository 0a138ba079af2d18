package io.supportaccess.keycloak.bench;

import static io.supportaccess.keycloak.bench.SupportDecisionBenchmark.parallel;
import static io.supportaccess.keycloak.bench.SupportDecisionBenchmark.send;

import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.KeycloakServer;
import io.supportaccess.keycloak.it.support.Platform;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The inventory decision for applications ({@code GET /realms/{tenant}/support-access/permissions/decision},
 * with the user's own token) in one tenant at 10 managed objects and, after growing the same tenant, at
 * 10,000 objects in 200 groups nested 5 deep with 1,000 users and 20,000 assignments. The measured
 * object sits at the bottom of a 5-deep chain in both; prints the round-trip medians and their ratio.
 *
 * <p>System properties: {@code keycloak.url} (default: start a server), {@code bench.samples} (2000).
 */
public final class PermissionDecisionBenchmark {

    public static void main(String[] args) throws Exception {
        int samples = Integer.getInteger("bench.samples", 2000);
        KeycloakServer server = KeycloakServer.get();
        String tenant = Platform.createTenant("bench-decide");
        String inv = Platform.url() + "/admin/realms/" + tenant + "/support-access/inventory";
        String smithId = Platform.createUser(tenant, "smith", "smith-pw");
        String restart = roleId(inv, "Operations: Restart Device");
        String reader = roleId(inv, "Reader");

        List<String> measuredChain = chain(inv, "measured", 5);
        List<String> small = parallel(5, i -> object(inv, "small-" + i, measuredChain.get(4)));
        String target = small.get(0);
        assign(inv, smithId, measuredChain.get(0), restart);
        String url = Platform.url() + "/realms/" + tenant + "/support-access/permissions/decision?object=" + target
                + "&scope=DEVICE_CONTROL&type=c8y_Restart&level=ADMIN";

        measure(url, tenant, 3000);
        double atTen = measure(url, tenant, samples);
        System.out.printf("decision at     10 objects: median round trip %6.0f us (%d samples)%n", atTen, samples);

        long start = System.nanoTime();
        List<String> groups = new ArrayList<>(measuredChain);
        for (int c = 1; c < 40; c++) {
            groups.addAll(chain(inv, "chain" + c, 5));
        }
        parallel(9_995 - groups.size(), i -> object(inv, "device-" + i, groups.get(i % groups.size())));
        List<String> users = parallel(1000, i -> Platform.createUser(tenant, Platform.unique("u"), "pw"));
        parallel(20_000, i -> {
            // each user on 20 different groups (groups.size() is 200, 20 * 7 < 200 distinct steps)
            assign(inv, users.get(i / 20), groups.get((i / 20 + (i % 20) * 7) % groups.size()), i % 2 == 0 ? reader : restart);
            return null;
        });
        System.out.printf("added %d objects, %d groups, 1,000 users, 20,000 assignments in %.0f s%n",
                9_995 - groups.size() + 5, groups.size(), (System.nanoTime() - start) / 1e9);

        measure(url, tenant, 1000);
        double atTenThousand = measure(url, tenant, samples);
        System.out.printf("decision at 10,000 objects: median round trip %6.0f us (%d samples)%n", atTenThousand, samples);
        System.out.printf("median ratio 10,000 / 10 objects: %.2f (target <= 1.2)%n", atTenThousand / atTen);
        server.stop();
        System.exit(0);
    }

    static double measure(String url, String tenant, int samples) {
        String token = Platform.token(tenant, "smith", "smith-pw");
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            if (i % 500 == 0) {
                token = Platform.token(tenant, "smith", "smith-pw");
            }
            long begin = System.nanoTime();
            Http.Reply reply = Http.get(url, token);
            micros.add((System.nanoTime() - begin) / 1000);
            if (reply.status() != 200 || !reply.json().get("granted").asBoolean()) {
                throw new IllegalStateException("unexpected decision: " + reply.status() + " " + reply.body());
            }
        }
        Collections.sort(micros);
        return micros.get(micros.size() / 2);
    }

    static List<String> chain(String inv, String name, int depth) {
        List<String> chain = new ArrayList<>();
        String parent = null;
        for (int level = 0; level < depth; level++) {
            String body = "{\"name\":\"" + Platform.unique(name + "-" + level) + "\"" + (parent == null ? "" : ",\"parentId\":\"" + parent + "\"") + "}";
            parent = expect(send("POST", inv + "/groups", body), 201).json().get("id").asText();
            chain.add(parent);
        }
        return chain;
    }

    static String object(String inv, String name, String group) {
        return expect(send("POST", inv + "/managed-objects", "{\"name\":\"" + name + "\",\"type\":\"c8y_Device\",\"parentId\":\"" + group + "\"}"),
                201).json().get("id").asText();
    }

    static void assign(String inv, String userId, String group, String role) {
        expect(send("PUT", inv + "/users/" + userId + "/assignments/" + group, "{\"roles\":[\"" + role + "\"]}"), 200);
    }

    static String roleId(String inv, String name) {
        for (var role : Http.get(inv + "/roles", Platform.adminToken()).json()) {
            if (name.equals(role.get("name").asText())) {
                return role.get("id").asText();
            }
        }
        throw new IllegalStateException("no role " + name);
    }

    static Http.Reply expect(Http.Reply reply, int status) {
        if (reply.status() != status) {
            throw new IllegalStateException(reply.status() + " " + reply.body());
        }
        return reply;
    }
}

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
 * with the user's own token) in a tenant with 10 managed objects and in one with 10,000 objects in 200
 * groups nested 5 deep, 1,000 more users and 20,000 assignments, measured in alternating blocks on the
 * same server. The measured object sits at the bottom of a 5-deep chain in both; prints the round-trip
 * medians and their ratio.
 *
 * <p>System properties: {@code keycloak.url} (default: start a server), {@code bench.samples} (2000).
 */
public final class PermissionDecisionBenchmark {

    public static void main(String[] args) throws Exception {
        int samples = Integer.getInteger("bench.samples", 2000);
        KeycloakServer server = KeycloakServer.get();
        Tenant small = new Tenant("bench-decide-small");
        Tenant big = new Tenant("bench-decide-big");

        long start = System.nanoTime();
        List<String> groups = new ArrayList<>(big.chain);
        for (int c = 1; c < 40; c++) {
            groups.addAll(chain(big.inv, "chain" + c, 5));
        }
        int devices = 10_000 - groups.size() - 5;
        parallel(devices, i -> object(big.inv, "device-" + i, groups.get(i % groups.size())));
        List<String> users = parallel(1000, i -> Platform.createUser(big.tenant, Platform.unique("u"), "pw"));
        parallel(20_000, i -> {
            // each user on 20 different groups (groups.size() is 200, 20 * 7 < 200 distinct steps)
            assign(big.inv, users.get(i / 20), groups.get((i / 20 + (i % 20) * 7) % groups.size()), i % 2 == 0 ? big.reader : big.restart);
            return null;
        });
        System.out.printf("tenant %s: 10 managed objects (5 groups 5 deep), 1 user, 1 assignment%n", small.tenant);
        System.out.printf("tenant %s: 10,000 managed objects (%d groups, 5 deep), 1,001 users, 20,001 assignments, set up in %.0f s%n",
                big.tenant, groups.size(), (System.nanoTime() - start) / 1e9);

        // the same decision in both tenants, alternating blocks, so that warm-up and drift affect both alike
        measure(small, 2000);
        measure(big, 2000);
        List<Long> atTen = new ArrayList<>();
        List<Long> atTenThousand = new ArrayList<>();
        int block = 200;
        for (int done = 0; done < samples; done += block) {
            atTen.addAll(measure(small, block));
            atTenThousand.addAll(measure(big, block));
        }
        double ten = median(atTen);
        double tenThousand = median(atTenThousand);
        System.out.printf("decision at     10 objects: median round trip %6.0f us, p90 %6.0f us (%d samples)%n", ten, percentile(atTen, 90), atTen.size());
        System.out.printf("decision at 10,000 objects: median round trip %6.0f us, p90 %6.0f us (%d samples)%n", tenThousand,
                percentile(atTenThousand, 90), atTenThousand.size());
        System.out.printf("median ratio 10,000 / 10 objects: %.2f (target <= 1.2)%n", tenThousand / ten);
        server.stop();
        System.exit(0);
    }

    /** A tenant with smith, who holds "Operations: Restart Device" on the top of a 5-deep chain; the measured object at its bottom. */
    static final class Tenant {
        final String tenant;
        final String inv;
        final String restart;
        final String reader;
        final List<String> chain;
        final String url;
        String token;
        int calls;

        Tenant(String prefix) throws Exception {
            tenant = Platform.createTenant(prefix);
            inv = Platform.url() + "/admin/realms/" + tenant + "/support-access/inventory";
            String smithId = Platform.createUser(tenant, "smith", "smith-pw");
            restart = roleId(inv, "Operations: Restart Device");
            reader = roleId(inv, "Reader");
            chain = chain(inv, "measured", 5);
            List<String> objects = parallel(5, i -> object(inv, "small-" + i, chain.get(4)));
            assign(inv, smithId, chain.get(0), restart);
            url = Platform.url() + "/realms/" + tenant + "/support-access/permissions/decision?object=" + objects.get(0)
                    + "&scope=DEVICE_CONTROL&type=c8y_Restart&level=ADMIN";
        }
    }

    static double median(List<Long> values) {
        return percentile(values, 50);
    }

    static double percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    static List<Long> measure(Tenant tenant, int samples) {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            if (tenant.calls++ % 500 == 0) {
                tenant.token = Platform.token(tenant.tenant, "smith", "smith-pw");
            }
            long begin = System.nanoTime();
            Http.Reply reply = Http.get(tenant.url, tenant.token);
            micros.add((System.nanoTime() - begin) / 1000);
            if (reply.status() != 200 || !reply.json().get("granted").asBoolean()) {
                throw new IllegalStateException("unexpected decision: " + reply.status() + " " + reply.body());
            }
        }
        return micros;
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

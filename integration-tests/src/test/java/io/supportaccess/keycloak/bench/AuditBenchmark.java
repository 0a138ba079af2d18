package io.supportaccess.keycloak.bench;

import io.supportaccess.keycloak.it.cluster.Cluster;
import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.KeycloakServer;
import io.supportaccess.keycloak.it.support.Platform;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * The audit log under load, side by side in one run:
 * <ol>
 *   <li>with {@code bench.records} (1,000,000) records in the table (1,000 users, 60 days, the
 *   audit types; filled through the test-only endpoint), the first page (100 records, newest
 *   first) of the query API filtered by user, by type, and by a one-day time range: median and
 *   95th percentile of the HTTP round trip, {@code bench.queries} (200) queries each;</li>
 *   <li>login throughput (password grant, half plain and half support logins) with the audit
 *   listener on and off in alternating phases on the same tenant.</li>
 * </ol>
 * System properties as {@link SupportLoginBenchmark}, plus {@code bench.records}, {@code bench.queries}, and
 * {@code bench.postgres=true}: a production-mode node over PostgreSQL instead of dev mode on H2.
 */
public final class AuditBenchmark {

    public static void main(String[] args) throws Exception {
        int records = Integer.getInteger("bench.records", 1_000_000);
        int queries = Integer.getInteger("bench.queries", 200);
        int clients = Integer.getInteger("bench.clients", 4);
        int phaseSeconds = Integer.getInteger("bench.phaseSeconds", 10);
        int rounds = Integer.getInteger("bench.rounds", 3);

        boolean postgres = Boolean.getBoolean("bench.postgres");
        if (postgres) {
            // production mode: PostgreSQL 17 (embedded binaries) and one node built like the cluster's
            System.setProperty("cluster.dir", System.getProperty("cluster.dir", "target/bench-postgres"));
            Cluster.standaloneOnPostgres();
        } else {
            // a million rows of the in-memory H2 database need more heap than Keycloak's dev-mode default
            System.setProperty("keycloak.javaOpts", System.getProperty("keycloak.javaOpts", "-Xmx6g"));
        }
        KeycloakServer server = KeycloakServer.get();
        Platform.setSupportActivated(true);
        String tenant = Platform.createTenant("auditbench");

        long fillStart = System.nanoTime();
        int chunk = 100_000;
        for (int done = 0; done < records; done += chunk) {
            int size = Math.min(chunk, records - done);
            Http.Reply reply = Http.post(Platform.url() + "/admin/realms/master/support-access-testing/audit-records",
                    Platform.adminToken(), "application/json",
                    "{\"realm\":\"" + tenant + "\",\"count\":" + size + ",\"users\":1000,\"days\":60}");
            if (reply.status() != 200) {
                throw new IllegalStateException("fill failed: " + reply.status() + " " + reply.body());
            }
        }
        System.out.printf("Keycloak at %s (%s); %,d audit records in tenant %s, filled in %.0f s%n", server.baseUrl(), postgres ? "production mode, PostgreSQL" : "dev mode, in-memory H2", records, tenant,
                (System.nanoTime() - fillStart) / 1e9);

        Random random = new Random(7);
        long now = System.currentTimeMillis();
        measureQueries("by user (user=user<n>)         ", tenant, queries, i -> Map.of("user", "user" + random.nextInt(1000)));
        String[] types = {"User login", "Support", "User", "Inventory role", "Global role", "Tenant", "Option"};
        measureQueries("by type (type=<one of 7>)      ", tenant, queries, i -> Map.of("type", types[i % types.length]));
        measureQueries("by time range (one day)        ", tenant, queries, i -> {
            long to = now - (long) (random.nextDouble() * 59 * 86_400_000L);
            return Map.of("from", Instant.ofEpochMilli(to - 86_400_000L).toString(), "to", Instant.ofEpochMilli(to).toString());
        });
        measureQueries("no filter (newest 100)         ", tenant, queries, i -> Map.of());

        // logins with the listener on and off
        String[] johns = new String[clients];
        String[] names = new String[clients];
        for (int i = 0; i < clients; i++) {
            johns[i] = "john" + i;
            Platform.createUser(tenant, johns[i], "john-secret");
            if (i % 2 == 1) {
                String jill = Platform.unique("jillauditbench");
                Platform.createSupportUser(jill, "jill-secret", "Support");
                names[i] = jill + "$" + johns[i];
            } else {
                names[i] = johns[i];
            }
        }
        Phase on = new Phase("listener on ");
        Phase off = new Phase("listener off");
        setListener(tenant, true);
        run(tenant, names, phaseSeconds / 2, null);
        for (int round = 0; round < rounds; round++) {
            setListener(tenant, false);
            run(tenant, names, phaseSeconds, off);
            setListener(tenant, true);
            run(tenant, names, phaseSeconds, on);
        }
        System.out.printf("logins, %d clients (half plain, half support), %d rounds of %d s each way:%n", clients, rounds, phaseSeconds);
        off.print();
        on.print();
        System.out.printf("throughput ratio listener on/off: %.3f (target >= 0.95)%n", on.throughput() / off.throughput());
        server.stop();   // a no-op for the PostgreSQL node, which the shutdown hook stops
        System.exit(0);
    }

    private static void measureQueries(String label, String tenant, int count, IntFunction<Map<String, String>> filters) {
        for (int i = 0; i < 20; i++) {
            Http.get(Audit.url(tenant, filters.apply(i)), Platform.adminToken());
        }
        List<Double> millis = new ArrayList<>();
        int returned = 0;
        for (int i = 0; i < count; i++) {
            String url = Audit.url(tenant, filters.apply(i));
            String token = Platform.adminToken();
            long start = System.nanoTime();
            Http.Reply reply = Http.get(url, token);
            millis.add((System.nanoTime() - start) / 1e6);
            if (reply.status() != 200) {
                throw new IllegalStateException(label + ": " + reply.status() + " " + reply.body());
            }
            returned += reply.json().get("records").size();
        }
        Collections.sort(millis);
        System.out.printf("first page %s: median %6.1f ms, p95 %6.1f ms (%d queries, %.0f records per page on average)%n",
                label, millis.get(millis.size() / 2), millis.get((int) (millis.size() * 0.95)), count, returned / (double) count);
    }

    private static void setListener(String tenant, boolean on) {
        RealmRepresentation realm = Platform.realm(tenant).toRepresentation();
        realm.setEventsListeners(on ? List.of("jboss-logging", "support-access") : List.of("jboss-logging"));
        Platform.realm(tenant).update(realm);
    }

    private static void run(String tenant, String[] names, int seconds, Phase phase) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(names.length);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (String name : names) {
            String password = name.contains("$") ? "jill-secret" : "john-secret";
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    if (Platform.passwordGrant(tenant, name, password).status() == 200) {
                        ok.incrementAndGet();
                    } else {
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        if (phase != null) {
            phase.logins += ok.get();
            phase.refused += refused.get();
            phase.seconds += seconds;
        }
    }

    private static final class Phase {
        final String label;
        int logins;
        int refused;
        double seconds;

        Phase(String label) {
            this.label = label;
        }

        double throughput() {
            return logins / seconds;
        }

        void print() {
            System.out.printf("  %s: %6d logins in %4.0f s = %6.2f logins/s, %d refused%n", label, logins, seconds, throughput(), refused);
        }
    }
}

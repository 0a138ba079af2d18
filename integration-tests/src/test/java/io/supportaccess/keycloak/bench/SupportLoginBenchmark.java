package io.supportaccess.keycloak.bench;

import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.KeycloakServer;
import io.supportaccess.keycloak.it.support.Platform;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Password-grant throughput and median latency of plain logins ({@code john<i>}) against support
 * logins ({@code jill<i>$john<i>}) on the same server, one user pair per client, with the same number of concurrent clients, in
 * alternating phases so that warm-up and drift hit both kinds alike. Prints the ratio.
 *
 * <p>System properties: {@code keycloak.url} (a running server with admin/admin; default: start
 * one), {@code bench.clients} (4), {@code bench.phaseSeconds} (10), {@code bench.rounds} (3),
 * {@code bench.warmupSeconds} (10).
 *
 * <p>Refused logins are counted, not timed: with brute-force protection on, Keycloak now and then
 * refuses a login of a user whose previous login is still being recorded, for both kinds alike.
 */
public final class SupportLoginBenchmark {

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("bench.clients", 4);
        int phaseSeconds = Integer.getInteger("bench.phaseSeconds", 10);
        int rounds = Integer.getInteger("bench.rounds", 3);
        int warmupSeconds = Integer.getInteger("bench.warmupSeconds", 10);

        KeycloakServer server = KeycloakServer.get();
        Platform.setSupportActivated(true);
        String tenant = Platform.createTenant("bench");
        // Same brute-force settings as the management realm, so both kinds pay for the same checks.
        var tenantRep = Platform.realm(tenant).toRepresentation();
        var managementRep = Platform.realm(Platform.MANAGEMENT).toRepresentation();
        tenantRep.setBruteForceProtected(managementRep.isBruteForceProtected());
        tenantRep.setFailureFactor(managementRep.getFailureFactor());
        Platform.realm(tenant).update(tenantRep);
        // One user pair per client: Keycloak's brute-force protection refuses concurrent logins of one user.
        String[] johns = new String[clients];
        String[] jills = new String[clients];
        for (int i = 0; i < clients; i++) {
            johns[i] = "john" + i;
            Platform.createUser(tenant, johns[i], "john-secret");
            jills[i] = Platform.unique("jillbench");
            Platform.createSupportUser(jills[i], "jill-secret", "Support");
        }
        Kind plain = new Kind("plain login   john<i>          ", tenant, johns, johns, "john-secret");
        String[] supportNames = new String[clients];
        for (int i = 0; i < clients; i++) {
            supportNames[i] = jills[i] + "$" + johns[i];
        }
        Kind support = new Kind("support login jill<i>$john<i>", tenant, supportNames, johns, "jill-secret");
        System.out.printf("Keycloak at %s, %d concurrent clients, %d rounds of %d s per kind (after %d s warm-up)%n",
                server.baseUrl(), clients, rounds, phaseSeconds, warmupSeconds);
        run(plain, clients, warmupSeconds / 2, false);
        run(support, clients, warmupSeconds / 2, false);
        for (int round = 0; round < rounds; round++) {
            run(plain, clients, phaseSeconds, true);
            run(support, clients, phaseSeconds, true);
        }
        plain.print();
        support.print();
        System.out.printf("throughput ratio support/plain: %.3f (target >= 0.95)%n", support.throughput() / plain.throughput());
        System.out.printf("median latency ratio support/plain: %.3f%n", support.median() / plain.median());
        server.stop();
        System.exit(0);
    }

    private static void run(Kind kind, int clients, int seconds, boolean record) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<List<Long>>> futures = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        for (int i = 0; i < clients; i++) {
            String username = kind.usernames[i];
            futures.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    Http.Reply reply = Platform.passwordGrant(kind.realm, username, kind.password, java.util.Map.of("scope", "openid"));
                    long took = System.nanoTime() - start;
                    if (reply.status() != 200) {
                        failures.incrementAndGet();
                    } else {
                        latencies.add(took);
                    }
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> future : futures) {
            all.addAll(future.get());
        }
        pool.shutdown();
        if (record) {
            kind.failures += failures.get();
            kind.latencies.addAll(all);
            kind.seconds += seconds;
        }
    }

    private static final class Kind {
        final String label;
        final String realm;
        final String[] usernames;
        final String password;
        final List<Long> latencies = new ArrayList<>();
        double seconds;
        int failures;

        Kind(String label, String realm, String[] usernames, String[] targets, String password) {
            this.label = label;
            this.realm = realm;
            this.usernames = usernames;
            this.password = password;
        }

        double throughput() {
            return latencies.size() / seconds;
        }

        double median() {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return sorted.get(sorted.size() / 2) / 1_000_000.0;
        }

        void print() {
            System.out.printf("%s: %6d logins in %4.0f s = %6.2f logins/s, median %6.1f ms, %d refused%n",
                    label, latencies.size(), seconds, throughput(), median(), failures);
        }
    }
}

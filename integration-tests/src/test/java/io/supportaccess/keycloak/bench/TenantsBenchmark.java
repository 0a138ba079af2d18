package io.supportaccess.keycloak.bench;

import io.supportaccess.keycloak.it.cluster.EmbeddedPostgres;
import io.supportaccess.keycloak.it.support.KeycloakServer;
import io.supportaccess.keycloak.it.support.StandaloneKeycloak;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentExportRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * Thousands of tenants: two servers from the build side by side (dev mode, H2 file database), one
 * stock (no jar in providers/), one with the extension. Creates N tenant realms ({@code -Dbench.tenants},
 * default 300) alternately on both through the admin API, prints the median creation time per 50
 * realms and overall, the ratio of the total times and the median of the realm-by-realm differences
 * (each with a bootstrap interval; every time in creation-times.csv; {@code -Dbench.db=postgres}: both
 * servers on PostgreSQL instead of H2),
 * then starts each server alone {@code -Dbench.restarts} times (default 6, in alternating order; 0: none) and
 * prints the start-up times (until /realms/master answers), with the ratios extension/stock, their median
 * and mean, the ratio of the total start-up times with its bootstrap interval, and what the extension's own
 * start-up work took (its log line). {@code -Dbench.startUpsOnly=true}: only the start-ups, of the two servers
 * (H2) a previous run left in {@code bench.dir}, with their realms.
 *
 * <p>{@code -Dbench.control=true}: both servers stock (a control run: the figures then show what the
 * harness itself makes of two equal servers).
 *
 * <p>{@code -Dbench.realmKeys=given}: every realm comes with one RSA signing key the benchmark made, so
 * that neither server generates keys (what an operator's realm does, and the creation's main source of
 * noise: a key's primes take from tens to hundreds of ms); what is left is Keycloak's and the
 * extension's work, for a closer look at the extension's share.
 */
public final class TenantsBenchmark {

    private static final int BLOCK = 50;
    private static final int RESAMPLES = 2_000;
    /** A start-up varies by seconds on this machine: three pairs were too few to tell 1.0x from 1.2x. */
    private static final int RESTARTS = 6;

    private TenantsBenchmark() {
    }

    public static void main(String[] args) {
        int tenants = Integer.getInteger("bench.tenants", 300);
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench-tenants"));
        if (Boolean.getBoolean("bench.startUpsOnly")) {
            if (!Files.exists(dir.resolve("stock/data/h2/keycloakdb.mv.db")) || !Files.exists(dir.resolve("extension/data/h2/keycloakdb.mv.db"))) {
                // a PostgreSQL run's databases are gone with its PostgreSQL; the servers would start on empty H2 files
                throw new IllegalStateException("bench.startUpsOnly restarts the H2 servers of a previous run; none in " + dir.toAbsolutePath());
            }
            int restarts = Integer.getInteger("bench.restarts", RESTARTS);
            if (restarts < 1) {
                throw new IllegalArgumentException("bench.startUpsOnly only restarts the servers: bench.restarts must be at least 1, not "
                        + restarts);
            }
            StandaloneKeycloak stock = StandaloneKeycloak.existing(dir.resolve("stock"));
            StandaloneKeycloak extension = StandaloneKeycloak.existing(dir.resolve("extension"));
            printStartUps(stock, extension, dir, "the tenant realms of the previous run", restarts);
            return;
        }
        Path distribution = StandaloneKeycloak.distribution();
        // -Dbench.serverOptions="--opt=value ...": options both servers get (e.g. a larger H2 page cache, to see what the database's size costs)
        String[] both = System.getProperty("bench.serverOptions", "").isBlank() ? new String[0]
                : System.getProperty("bench.serverOptions").trim().split("\\s+");
        // -Dbench.db=postgres: each server on a database of its own in one PostgreSQL (as in production) instead of its H2 file
        EmbeddedPostgres postgres = "postgres".equals(System.getProperty("bench.db")) ? EmbeddedPostgres.start() : null;
        StandaloneKeycloak stock = StandaloneKeycloak.copy(distribution, dir.resolve("stock"), false,
                withDatabase(both, postgres, "stock"));
        // -Dbench.setupLog=true: the extension server logs each realm's set-up steps with their times (extension-*.log)
        List<String> extensionOptions = new ArrayList<>(List.of(withDatabase(both, postgres, "extension")));
        if (Boolean.getBoolean("bench.setupLog")) {
            extensionOptions.add("--log-level=INFO,io.supportaccess.keycloak.bootstrap:debug,io.supportaccess.keycloak.setup:debug");
        }
        // -Dbench.control=true: the "extension" server is a second stock server; what the run then shows is the harness's own bias
        boolean control = Boolean.getBoolean("bench.control");
        StandaloneKeycloak extension = StandaloneKeycloak.copy(distribution, dir.resolve("extension"), !control,
                extensionOptions.toArray(String[]::new)).withoutTestingProvider();
        if (control) {
            System.out.println("control run (-Dbench.control=true): both servers are stock; the column 'extension' is a second stock server");
        }
        try {
            System.out.printf("first start: stock %.1f s, extension %.1f s (no tenant realms)%n",
                    seconds(stock.start(dir.resolve("stock-0.log"))), seconds(extension.start(dir.resolve("extension-0.log"))));
            List<Long> stockMillis = new ArrayList<>();
            List<Long> extensionMillis = new ArrayList<>();
            RealmRepresentation template = realmTemplate("given".equals(System.getProperty("bench.realmKeys")));
            try (Keycloak stockAdmin = admin(stock); Keycloak extensionAdmin = admin(extension)) {
                for (int i = 1; i <= tenants; i++) {
                    String name = String.format("tenant%05d", i);
                    // alternate which server goes first, so neither always runs right after the other's write
                    if (i % 2 == 1) {
                        stockMillis.add(create(stockAdmin, template, name));
                        extensionMillis.add(create(extensionAdmin, template, name));
                    } else {
                        extensionMillis.add(create(extensionAdmin, template, name));
                        stockMillis.add(create(stockAdmin, template, name));
                    }
                }
            }
            System.out.printf("%n%d tenant realms created alternately through the admin API (median ms per realm; the total ratio: sum of the"
                    + " extension's times over the stock's)%n", tenants);
            System.out.printf("%-14s %8s %10s %7s %7s%n", "realms", "stock", "extension", "ratio", "total");
            for (int from = 0; from < tenants; from += BLOCK) {
                int to = Math.min(tenants, from + BLOCK);
                row(String.format("%d-%d", from + 1, to), stockMillis.subList(from, to), extensionMillis.subList(from, to));
            }
            row("all", stockMillis, extensionMillis);
            double[] medians = interval(stockMillis, extensionMillis, TenantsBenchmark::ratioOfMedians);
            System.out.printf("ratio of the medians, 95%% bootstrap interval (%d resamples of the %d pairs): %.2f-%.2f%n",
                    RESAMPLES, tenants, medians[0], medians[1]);
            double[] totals = interval(stockMillis, extensionMillis, TenantsBenchmark::ratioOfTotals);
            System.out.printf("ratio of the totals (stock %.1f s, extension %.1f s): %.3f, 95%% bootstrap interval %.3f-%.3f%n",
                    total(stockMillis) / 1000.0, total(extensionMillis) / 1000.0, ratioOfTotals(stockMillis, extensionMillis),
                    totals[0], totals[1]);
            double[] differences = interval(stockMillis, extensionMillis, TenantsBenchmark::medianDifference);
            System.out.printf("extension minus stock, realm by realm: median %.0f ms, 95%% bootstrap interval %.0f-%.0f ms%n",
                    medianDifference(stockMillis, extensionMillis), differences[0], differences[1]);
            writeTimes(dir.resolve("creation-times.csv"), stockMillis, extensionMillis);

            stock.stop();
            extension.stop();
            int restarts = Integer.getInteger("bench.restarts", RESTARTS);
            if (restarts > 0) {
                printStartUps(stock, extension, dir, tenants + " tenant realms", restarts);
            }
        } finally {
            stock.stop();
            extension.stop();
            if (postgres != null) {
                postgres.stop();
            }
        }
    }

    /** Each server starts alone (the other stopped), in alternating order, {@code restarts} times. */
    private static void printStartUps(StandaloneKeycloak stock, StandaloneKeycloak extension, Path dir, String realms, int restarts) {
        System.out.printf("%nstart-up with %s, each server alone, until /realms/master answers (s)%n", realms);
        System.out.printf("%-14s %8s %10s %7s   %s%n", "run", "stock", "extension", "ratio", "extension's own start-up work");
        List<Double> stockSeconds = new ArrayList<>();
        List<Double> extensionSeconds = new ArrayList<>();
        for (int run = 1; run <= restarts; run++) {
            Path stockLog = dir.resolve("stock-" + run + ".log");
            Path extensionLog = dir.resolve("extension-" + run + ".log");
            double s;
            double e;
            if (run % 2 == 1) {
                s = startAlone(stock, stockLog);
                e = startAlone(extension, extensionLog);
            } else {
                e = startAlone(extension, extensionLog);
                s = startAlone(stock, stockLog);
            }
            stockSeconds.add(s);
            extensionSeconds.add(e);
            System.out.printf("%-14s %8.1f %10.1f %7.2f   %s%n", "restart " + run, s, e, e / s, ownStartUpWork(extensionLog));
        }
        double stockMedian = medianOf(stockSeconds);
        double extensionMedian = medianOf(extensionSeconds);
        System.out.printf("%-14s %8.1f %10.1f %7.2f%n", "median", stockMedian, extensionMedian, extensionMedian / stockMedian);
        double stockMean = stockSeconds.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double extensionMean = extensionSeconds.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        System.out.printf("%-14s %8.1f %10.1f %7.2f%n", "mean", stockMean, extensionMean, extensionMean / stockMean);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < restarts; i++) {
            ratios.add(extensionSeconds.get(i) / stockSeconds.get(i));
        }
        List<Long> stockMillis = stockSeconds.stream().map(seconds -> Math.round(seconds * 1000)).toList();
        List<Long> extensionMillis = extensionSeconds.stream().map(seconds -> Math.round(seconds * 1000)).toList();
        double[] totals = interval(stockMillis, extensionMillis, TenantsBenchmark::ratioOfTotals);
        System.out.printf("median of the %d ratios %.2f; ratio of the totals %.3f, 95%% bootstrap interval %.3f-%.3f%n", restarts,
                medianOf(ratios), ratioOfTotals(stockMillis, extensionMillis), totals[0], totals[1]);
    }

    private static String[] withDatabase(String[] options, EmbeddedPostgres postgres, String database) {
        if (postgres == null) {
            return options;
        }
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "postgres")) {
            db.createStatement().execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + database, e);
        }
        List<String> all = new ArrayList<>(List.of(options));
        all.addAll(List.of("--db=postgres", "--db-url=" + postgres.jdbcUrl().replace("/postgres", "/" + database),
                "--db-username=postgres", "--db-password=postgres"));
        return all.toArray(String[]::new);
    }

    /**
     * How far a figure of the pairs can be trusted: a creation's time swings by hundreds of milliseconds (the
     * realm's RSA key pairs) and grows with the realm count, so the figure is recomputed on resamples of the
     * measured pairs (a pair stays together), with a fixed seed; returns the 2.5th and 97.5th percentiles.
     */
    static double[] interval(List<Long> stock, List<Long> extension, BiFunction<List<Long>, List<Long>, Double> figure) {
        Random random = new Random(42);
        int n = stock.size();
        double[] values = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            List<Long> s = new ArrayList<>(n);
            List<Long> e = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int pick = random.nextInt(n);
                s.add(stock.get(pick));
                e.add(extension.get(pick));
            }
            values[r] = figure.apply(s, e);
        }
        Arrays.sort(values);
        return new double[] {values[(int) (RESAMPLES * 0.025)], values[(int) (RESAMPLES * 0.975) - 1]};
    }

    static double ratioOfMedians(List<Long> stock, List<Long> extension) {
        return median(extension) / median(stock);
    }

    /** What creating all of them cost: unlike the medians, not moved by where the middle of a growing series falls. */
    static double ratioOfTotals(List<Long> stock, List<Long> extension) {
        return (double) total(extension) / total(stock);
    }

    /** The extension's extra time, each realm against its stock twin created right before or after it. */
    static double medianDifference(List<Long> stock, List<Long> extension) {
        List<Long> differences = new ArrayList<>(stock.size());
        for (int i = 0; i < stock.size(); i++) {
            differences.add(extension.get(i) - stock.get(i));
        }
        return median(differences);
    }

    private static long total(List<Long> millis) {
        return millis.stream().mapToLong(Long::longValue).sum();
    }

    private static void writeTimes(Path file, List<Long> stock, List<Long> extension) {
        StringBuilder csv = new StringBuilder("realm,stock_ms,extension_ms\n");
        for (int i = 0; i < stock.size(); i++) {
            csv.append(i + 1).append(',').append(stock.get(i)).append(',').append(extension.get(i)).append('\n');
        }
        try {
            Files.writeString(file, csv);
        } catch (IOException e) {
            System.out.println("(creation times not written: " + e.getMessage() + ")");
        }
    }

    private static double startAlone(StandaloneKeycloak server, Path log) {
        double seconds = seconds(server.start(log));
        server.stop();
        return seconds;
    }

    /** The extension's own line on what its start-up work took (management realm, realm set-up check, import). */
    private static String ownStartUpWork(Path log) {
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("Support access start-up:"))
                    .map(line -> line.substring(line.indexOf("Support access start-up:") + "Support access start-up:".length()).strip())
                    .reduce((first, second) -> second).orElse("(not logged)");
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static double medianOf(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static Keycloak admin(StandaloneKeycloak server) {
        return Keycloak.getInstance(server.baseUrl(), "master", KeycloakServer.ADMIN, KeycloakServer.ADMIN_PASSWORD, "admin-cli");
    }

    /** An enabled realm; with {@code givenKey}, one RSA signing key (PKCS#8; Keycloak makes its certificate) instead of generated ones. */
    private static RealmRepresentation realmTemplate(boolean givenKey) {
        RealmRepresentation realm = new RealmRepresentation();
        realm.setEnabled(true);
        if (givenKey) {
            ComponentExportRepresentation key = new ComponentExportRepresentation();
            key.setName("rsa");
            key.setProviderId("rsa");
            MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
            config.putSingle("privateKey", Base64.getEncoder().encodeToString(rsaKeyPair().getPrivate().getEncoded()));
            config.putSingle("priority", "100");
            key.setConfig(config);
            MultivaluedHashMap<String, ComponentExportRepresentation> components = new MultivaluedHashMap<>();
            components.add("org.keycloak.keys.KeyProvider", key);
            realm.setComponents(components);
            System.out.println("every realm with one given RSA key (-Dbench.realmKeys=given): no key generation at creation");
        }
        return realm;
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long create(Keycloak admin, RealmRepresentation template, String name) {
        admin.tokenManager().getAccessTokenString();
        // one representation for every realm: the client writes it out at each call
        template.setRealm(name);
        long started = System.nanoTime();
        admin.realms().create(template);
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static void row(String label, List<Long> stock, List<Long> extension) {
        System.out.printf("%-14s %8.0f %10.0f %7.2f %7.2f%n", label, median(stock), median(extension), ratioOfMedians(stock, extension),
                ratioOfTotals(stock, extension));
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}

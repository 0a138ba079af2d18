package io.supportaccess.keycloak.it.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The test cluster, started once per test run (the cluster tests' own JVM): one PostgreSQL and
 * two Keycloak 26.7 nodes with the extension, all on loopback, stopped when the JVM exits. Node
 * A is also the server the shared test helpers ({@code Platform}) talk to.
 */
public final class Cluster {

    private static Cluster instance;

    private final EmbeddedPostgres postgres;
    private final KeycloakNode a;
    private final KeycloakNode b;

    private Cluster(EmbeddedPostgres postgres, KeycloakNode a, KeycloakNode b) {
        this.postgres = postgres;
        this.a = a;
        this.b = b;
    }

    public static synchronized Cluster get() {
        if (instance == null) {
            instance = start();
            System.setProperty("keycloak.url", instance.a.baseUrl());
        }
        return instance;
    }

    public KeycloakNode a() {
        return a;
    }

    public KeycloakNode b() {
        return b;
    }

    public List<KeycloakNode> nodes() {
        return List.of(a, b);
    }

    private static Cluster start() {
        Path root = prepareNodes("node-a", "node-b");
        EmbeddedPostgres postgres = EmbeddedPostgres.start();
        KeycloakNode a = new KeycloakNode("node-a", root.resolve("node-a"), postgres.jdbcUrl());
        KeycloakNode b = new KeycloakNode("node-b", root.resolve("node-b"), postgres.jdbcUrl());
        a.publicUrl(a.baseUrl());
        b.publicUrl(a.baseUrl());
        Cluster cluster = new Cluster(postgres, a, b);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop));
        a.start();   // creates the schema (Keycloak's and the extension's Liquibase changelogs) first
        b.start();
        cluster.awaitMembers(2, Duration.ofMinutes(2));
        return cluster;
    }

    /** One production-mode node over PostgreSQL (for benchmarks), stopped when the JVM exits; its URL becomes {@code keycloak.url}. */
    public static KeycloakNode standaloneOnPostgres() {
        return standaloneOn(EmbeddedPostgres.start());
    }

    /** One node over the given PostgreSQL (a benchmark that also reads the database itself). */
    public static KeycloakNode standaloneOn(EmbeddedPostgres postgres) {
        Path root = prepareNodes("node-a");
        KeycloakNode node = new KeycloakNode("node-a", root.resolve("node-a"), postgres.jdbcUrl());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.stop();
            postgres.stop();
        }));
        node.start();
        System.setProperty("keycloak.url", node.baseUrl());
        return node;
    }

    /** Copies of the distribution built for PostgreSQL and Infinispan, one per node name. */
    private static Path prepareNodes(String... names) {
        Path distribution = io.supportaccess.keycloak.it.support.KeycloakServer.distribution().toAbsolutePath();
        Path root = Path.of(System.getProperty("cluster.dir", "target/cluster")).toAbsolutePath();
        try {
            deleteTree(root);
            Files.createDirectories(root);
            Path built = root.resolve(names[0]);
            copyTree(distribution, built);
            run(KeycloakNode.buildCommand(built), root.resolve("build.log"));
            for (int i = 1; i < names.length; i++) {
                copyTree(built, root.resolve(names[i]));
            }
            return root;
        } catch (IOException e) {
            throw new IllegalStateException("Could not prepare the cluster distribution", e);
        }
    }

    /** Waits until every running node's Infinispan reports a cluster view of {@code members}. */
    public void awaitMembers(int members, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = nodes().stream().filter(KeycloakNode::isRunning).allMatch(n -> lastViewSize(n) == members);
            if (all) {
                return;
            }
            KeycloakNode.sleep(500);
        }
        throw new IllegalStateException("The nodes did not form a cluster of " + members + " within " + timeout
                + "; views: " + nodes().stream().map(n -> n.name() + "=" + lastViewSize(n)).toList());
    }

    /** Size of the last Infinispan cluster view in a node's log ("ISPN000094 ... (2) [...]"), 0 if none. */
    static int lastViewSize(KeycloakNode node) {
        int size = 0;
        for (String line : node.logLines()) {
            if (line.contains("ISPN000094") || line.contains("ISPN100000") || line.contains("ISPN100001")) {
                var matcher = java.util.regex.Pattern.compile("\\((\\d+)\\)").matcher(line);
                if (matcher.find()) {
                    size = Integer.parseInt(matcher.group(1));
                }
            }
        }
        return size;
    }

    public void stop() {
        b.stop();
        a.stop();
        postgres.stop();
    }

    private static void run(List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Process process = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
        try {
            if (process.waitFor() != 0) {
                throw new IOException("cp -a " + from + " " + to + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.exists(path)) {
            try (var paths = Files.walk(path)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

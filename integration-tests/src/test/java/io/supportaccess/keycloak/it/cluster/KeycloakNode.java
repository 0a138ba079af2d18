package io.supportaccess.keycloak.it.cluster;

import io.supportaccess.keycloak.it.support.Await;
import io.supportaccess.keycloak.it.support.Readiness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Keycloak node of the test cluster: its own copy of the distribution (built once for
 * PostgreSQL and Infinispan), its own ports on loopback, the shared database.
 */
public final class KeycloakNode {

    private final String name;
    private final Path home;
    private final String jdbcUrl;
    private final int httpPort;
    private final int managementPort;
    private final int clusterPort;
    private final Path log;
    private String publicUrl;
    private Process process;
    private int logOffset;

    KeycloakNode(String name, Path home, String jdbcUrl) {
        this.name = name;
        this.home = home;
        this.jdbcUrl = jdbcUrl;
        this.httpPort = Await.freeLoopbackPort();
        this.managementPort = Await.freeLoopbackPort();
        this.clusterPort = Await.freeLoopbackPort();
        this.log = home.getParent().resolve(name + ".log");
    }

    /** The options the cluster tests proved (README "Cluster operation" and docker/compose.yaml use the same). */
    static List<String> buildCommand(Path home) {
        return List.of(home.resolve("bin/kc.sh").toString(), "build", "--db=postgres", "--cache=ispn", "--health-enabled=true");
    }

    /**
     * The URL clients know the cluster by (a proxy's, in production): every node issues tokens
     * for it, so a token from one node is valid on the other. The tests use node A's URL.
     */
    void publicUrl(String url) {
        this.publicUrl = url;
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public Path log() {
        return log;
    }

    public synchronized void start() {
        logOffset = readLog().size();   // a restarted node's earlier lines do not count for its cluster view
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--db-url=" + jdbcUrl, "--db-username=postgres", "--db-password=postgres",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + httpPort,
                "--http-management-port=" + managementPort, "--hostname=" + (publicUrl != null ? publicUrl : baseUrl()),
                "--cache-embedded-network-bind-address=127.0.0.1", "--cache-embedded-network-bind-port=" + clusterPort,
                "--log-level=INFO,io.supportaccess:DEBUG",
                "--spi-events-listener--support-access--expiry-interval-seconds=2",
                "--spi-events-listener--support-access--session-sweep-interval-seconds=2"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        builder.environment().put("JAVA_OPTS_APPEND", "-Djava.net.preferIPv4Stack=true -Xms256m -Xmx1g");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start node " + name, e);
        }
        awaitReady(Duration.ofMinutes(Long.getLong("node.startMinutes", 5)));
    }

    /** SIGKILL: the JVM gets no chance to leave the cluster or finish requests. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitFor(process);
        process = null;
    }

    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!waitFor(process)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        process = null;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Lines the node logged since it was last started, for the cluster view checks. */
    public List<String> logLines() {
        List<String> lines = readLog();
        return lines.subList(Math.min(logOffset, lines.size()), lines.size());
    }

    private List<String> readLog() {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            return List.of();
        }
    }

    private void awaitReady(Duration timeout) {
        if (!Readiness.await(process, baseUrl(), timeout, "Node " + name, log)) {
            stop();
            throw new IllegalStateException("Node " + name + " did not start within " + timeout + "; see " + log.toAbsolutePath());
        }
    }

    private static boolean waitFor(Process process) {
        try {
            return process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

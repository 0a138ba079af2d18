package io.supportaccess.keycloak.it.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One real Keycloak (the distribution unpacked by Maven, with the extension in providers/) per
 * test JVM: started in dev mode on loopback with a fresh in-memory H2 database on first use,
 * stopped when the JVM exits.
 */
public final class KeycloakServer {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    private static KeycloakServer instance;

    private final Process process;
    private final String baseUrl;

    private KeycloakServer(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    public static synchronized KeycloakServer get() {
        if (instance == null) {
            String external = System.getProperty("keycloak.url");
            instance = external != null && !external.isBlank() ? new KeycloakServer(null, external.replaceAll("/+$", "")) : start();
        }
        return instance;
    }

    public String baseUrl() {
        return baseUrl;
    }

    private static KeycloakServer start() {
        Path home = distribution();
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home + "; run 'mvn package' first");
        }
        int httpPort = Await.freeLoopbackPort();
        int managementPort = Await.freeLoopbackPort();
        Path log = Path.of(System.getProperty("keycloak.log", "target/keycloak-it.log"));
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev", "--db=dev-mem",
                "--http-host=127.0.0.1", "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                "--hostname-strict=false", "--log-level=INFO,io.supportaccess:DEBUG",
                "--spi-events-listener--support-access--expiry-interval-seconds=2",
                "--spi-events-listener--support-access--audit-retention-interval-seconds=2",
                "--spi-events-listener--support-access--session-sweep-interval-seconds=2",
                "--spi-events-listener--support-access--notice-retry-seconds=2",
                "--spi-events-listener--support-access--tenant-suspension-email=true",
                // the audit's JSON lines (only more log lines): AuditJsonLogIT reads them from the log
                "--spi-events-listener--support-access--audit-log=true"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("JAVA_OPTS_APPEND", ("-Djava.net.preferIPv4Stack=true " + System.getProperty("keycloak.javaOpts", "")).trim());
        try {
            Process process = builder.start();
            KeycloakServer server = new KeycloakServer(process, "http://127.0.0.1:" + httpPort);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            // minutes: a busy shared machine can take several to build and start Keycloak
            server.awaitReady(Duration.ofMinutes(Long.getLong("keycloak.startMinutes", 10)), log);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start Keycloak", e);
        }
    }

    /**
     * The Keycloak distribution the build unpacked (the version pom.xml names), as Maven passes it
     * in -Dkeycloak.home.
     */
    public static Path distribution() {
        String home = System.getProperty("keycloak.home");
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("No -Dkeycloak.home: run the tests through Maven (mvn verify), which unpacks Keycloak and sets it");
        }
        return Path.of(home);
    }

    private void awaitReady(Duration timeout, Path log) {
        if (!Readiness.await(process, baseUrl, timeout, "Keycloak", log)) {
            stop();
            throw new IllegalStateException("Keycloak did not start within " + timeout + "; see " + log.toAbsolutePath());
        }
    }

    public void stop() {
        if (process == null) {
            return;
        }
        Await.stop(process, Duration.ofSeconds(30));
    }


}

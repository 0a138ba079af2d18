package io.supportaccess.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Keycloak of its own, in dev mode on loopback with a persistent H2 file database, that can be
 * stopped and started again: a copy of the unpacked distribution under {@code target/} (its own
 * {@code data/} and build state), with the extension's jars in {@code providers/} or without them.
 */
public final class StandaloneKeycloak {

    private final Path home;
    private final List<String> options;
    private Process process;
    private String baseUrl;

    public static final String TESTING_PROVIDER_JAR = "keycloak-support-access-testing-provider.jar";

    private StandaloneKeycloak(Path home, List<String> options) {
        this.home = home;
        this.options = options;
    }

    /** Copies the distribution at {@code distribution} to {@code home} (afresh); {@code withExtension=false} empties providers/. */
    public static StandaloneKeycloak copy(Path distribution, Path home, boolean withExtension, String... options) {
        deleteTree(home);
        copyTree(distribution, home, withExtension);
        return new StandaloneKeycloak(home, List.of(options));
    }

    /** A server a previous run left at {@code home}, with its H2 database and build state, as it is (dev-file defaults). */
    public static StandaloneKeycloak existing(Path home) {
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No server at " + home + "; run the benchmark without bench.startUpsOnly first");
        }
        return new StandaloneKeycloak(home, List.of());
    }

    /**
     * Leaves out the test-only provider the build puts next to the extension (its Hibernate listener sees
     * every insert): a benchmark measures the product's jar alone.
     */
    public StandaloneKeycloak withoutTestingProvider() {
        try {
            Files.deleteIfExists(home.resolve("providers").resolve(TESTING_PROVIDER_JAR));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public static Path distribution() {
        Path home = KeycloakServer.distribution();
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home + "; run 'mvn package' first");
        }
        return home;
    }

    /** Starts the server, logging to {@code log}, and waits until /realms/master answers; returns how long that took. */
    public Duration start(Path log) {
        if (process != null) {
            throw new IllegalStateException("already running");
        }
        int httpPort = Await.freeLoopbackPort();
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + httpPort, "--http-management-port=" + Await.freeLoopbackPort(),
                "--hostname-strict=false"));
        if (options.stream().noneMatch(option -> option.startsWith("--db="))) {
            command.add("--db=dev-file");
        }
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", KeycloakServer.ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", KeycloakServer.ADMIN_PASSWORD);
        builder.environment().put("JAVA_OPTS_APPEND", "-Djava.net.preferIPv4Stack=true");
        baseUrl = "http://127.0.0.1:" + httpPort;
        long started = System.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // generous: on the shared 2-core machine under load a first start (build included) was seen to take over 6 minutes
        awaitMaster(Duration.ofMinutes(15), log);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void awaitMaster(Duration timeout, Path log) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited during start-up; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException ignored) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Await.sleep(100);
        }
        stop();
        throw new IllegalStateException("Keycloak did not start within " + timeout + "; see " + log.toAbsolutePath());
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The JDBC URL of the server's H2 file database (dev-file), for a test to read or change while the server is stopped. */
    public String h2Url() {
        return "jdbc:h2:file:" + home.toAbsolutePath().resolve("data/h2/keycloakdb") + ";NON_KEYWORDS=VALUE";
    }

    public void stop() {
        if (process == null) {
            return;
        }
        Await.stop(process, Duration.ofSeconds(60));
        process = null;
    }

    private static void copyTree(Path from, Path to, boolean withExtension) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path relative = from.relativize(source);
                if (relative.startsWith("data") && relative.getNameCount() > 1) {
                    continue;
                }
                if (!withExtension && relative.startsWith("providers") && relative.getNameCount() > 1) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


}

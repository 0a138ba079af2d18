package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Tests that read a stopped server's database files open them with the H2 on the test class path
 * (h2.version in the parent pom, pinned by hand): it must be the H2 that wrote them, the one of the
 * Keycloak distribution under test. A Keycloak upgrade that brings another H2 fails here, by name.
 */
class TestH2VersionIT {

    private static final Path KEYCLOAK_HOME = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.7.3"));

    @Test
    void theTestsH2IsTheDistributions() throws IOException {
        List<String> distribution;
        try (Stream<Path> jars = Files.list(KEYCLOAK_HOME.resolve("lib/lib/main"))) {
            distribution = jars.map(jar -> jar.getFileName().toString())
                    .filter(name -> name.startsWith("com.h2database.h2-")).toList();
        }

        assertThat(distribution).as("set h2.version in the parent pom to the distribution's H2")
                .containsExactly("com.h2database.h2-" + org.h2.engine.Constants.VERSION + ".jar");
    }
}

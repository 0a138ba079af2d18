package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The jar an operator deploys holds nothing for tests: the test-only endpoints live in the testing
 * provider jar, which the test build installs next to it.
 */
class BundleContentsIT {

    private static final Path PROVIDERS = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.7.3"), "providers");

    @Test
    void theProductionJarHasNoTestingClassResourceOrOption() throws IOException {
        List<String> found = testingMentions(PROVIDERS.resolve("keycloak-support-access.jar"));

        assertThat(found).isEmpty();
    }

    @Test
    void theTestOnlyEndpointsComeFromTheTestingProviderJar() throws IOException {
        List<String> found = testingMentions(PROVIDERS.resolve("keycloak-support-access-testing-provider.jar"));

        assertThat(found).contains("io/supportaccess/keycloak/testing/TestingResource.class",
                "content of META-INF/services/org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory");
    }

    /** Entries named for testing, and class files or service registrations that mention it. */
    private static List<String> testingMentions(Path jar) throws IOException {
        List<String> found = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                String name = entry.getName();
                if (name.toLowerCase(Locale.ROOT).contains("testing")) {
                    found.add(name);
                }
                if (name.endsWith(".class") || name.startsWith("META-INF/services/")) {
                    // class files keep string constants and names in (modified) UTF-8
                    String content = new String(file.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1);
                    if (content.toLowerCase(Locale.ROOT).contains("testing")) {
                        found.add("content of " + name);
                    }
                }
            }
        }
        return found;
    }
}

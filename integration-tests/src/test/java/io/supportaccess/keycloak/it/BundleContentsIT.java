package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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

    @Test
    void theAccountPageIsTheBuiltModuleExactlyOnce() throws IOException {
        String page = "theme/support-access/account/resources/content/support-access.js";
        List<String> names = new ArrayList<>();
        String content = null;
        // a zip may hold one name twice; JarFile would show only one of them
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(PROVIDERS.resolve("keycloak-support-access.jar")))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().startsWith("theme/support-access/account/") && !entry.isDirectory()) {
                    names.add(entry.getName());
                }
                if (entry.getName().equals(page)) {
                    content = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }

        assertThat(names).filteredOn(page::equals).hasSize(1);
        assertThat(names).filteredOn(name -> name.startsWith("theme/support-access/account/resources/content/")).containsExactly(page);
        assertThat(names).contains("theme/support-access/account/theme.properties",
                "theme/support-access/account/resources/content.json",
                "theme/support-access/account/messages/messages_de.properties");
        // Vite's output: PatternFly's components and their CSS inside, React from the console's import map
        assertThat(content).contains("pf-v5-c-modal-box", "support-access-account-css", "export{");
        assertThat(Pattern.compile("(?:from|import)\\s*\"([^\"]+)\"").matcher(content).results().map(m -> m.group(1)).distinct())
                .containsOnly("react", "react/jsx-runtime", "react-dom");
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

package io.supportaccess.keycloak.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console is Keycloak's own of exactly the server's version: package.json, the lockfile and the build agree. */
class VersionPinTest {

    private static final String PACKAGE = "@keycloak/keycloak-admin-ui";

    private final String serverVersion = System.getProperty("keycloak.server.version");

    @Test
    void packageJsonPinsTheServersVersionExactly() throws IOException {
        String packageJson = Files.readString(Path.of("package.json"));
        assertThat(serverVersion).as("keycloak.server.version of the poms").isNotBlank();
        assertThat(dependencyVersion(packageJson, PACKAGE)).isEqualTo(serverVersion);
        assertThat(dependencyVersion(packageJson, "@keycloak/keycloak-ui-shared")).isEqualTo(serverVersion);
    }

    @Test
    void committedLockfileResolvesTheServersVersion() throws IOException {
        String lock = Files.readString(Path.of("package-lock.json"));
        Matcher entry = Pattern.compile("\"node_modules/" + Pattern.quote(PACKAGE) + "\"\\s*:\\s*\\{\\s*\"version\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(lock);
        assertThat(entry.find()).as("lockfile entry of " + PACKAGE).isTrue();
        assertThat(entry.group(1)).isEqualTo(serverVersion);
    }

    @Test
    void theBuildRecordsTheVersionItBundled() {
        String builtFor = AdminConsoleTheme.builtFor();
        assertThat(builtFor).isEqualTo(serverVersion);
        assertThat(AdminConsoleTheme.fits(builtFor, serverVersion)).isTrue();
    }

    @Test
    void anotherServerVersionDoesNotFit() {
        assertThat(AdminConsoleTheme.fits("26.7.3", "26.7.4")).isFalse();
        assertThat(AdminConsoleTheme.fits(null, "26.7.3")).isFalse();
    }

    private static String dependencyVersion(String packageJson, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]+)\"").matcher(packageJson);
        assertThat(m.find()).as(name + " in package.json").isTrue();
        return m.group(1);
    }
}

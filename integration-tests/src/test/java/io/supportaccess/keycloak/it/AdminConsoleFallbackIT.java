package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.StandaloneKeycloak;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * On a server whose Keycloak version is not the one the admin console was built for, realms with
 * the theme {@code support-access} get Keycloak's stock console: a server of its own whose jar
 * says the console was built for another version, side by side with the shared test server.
 */
class AdminConsoleFallbackIT {

    private static final Path DIR = Path.of("target/console-fallback-it");
    private static final Pattern ENTRY_SCRIPT = Pattern.compile("src=\"([^\"]*/assets/main-[^\"]+\\.js)\"");

    private static StandaloneKeycloak server;

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void anotherKeycloakVersionGetsTheStockConsole() throws IOException {
        // the shared server runs the version the console was built for: its console has the Support access pages
        assertThat(entryScript(Platform.url(), Platform.MANAGEMENT)).contains("support-access-nav");

        server = StandaloneKeycloak.copy(StandaloneKeycloak.distribution(), DIR.resolve("keycloak"), true);
        builtFor(DIR.resolve("keycloak/providers/keycloak-support-access.jar"), "0.0.0-another");
        Path log = DIR.resolve("start.log");
        server.start(log);

        assertThat(Files.readString(log)).contains("The admin theme 'support-access' was built for Keycloak 0.0.0-another");
        // the management realm still selects the theme, and is served Keycloak's own console
        String page = Http.get(server.baseUrl() + "/admin/management/console/", null).body();
        assertThat(page).contains("/admin/support-access/");
        String script = entryScript(server.baseUrl(), "management");
        assertThat(script).doesNotContain("support-access-nav").contains("keycloak");
    }

    /** The console page's entry script of a realm, loaded as the browser would. */
    private static String entryScript(String baseUrl, String realm) {
        String page = Http.get(baseUrl + "/admin/" + realm + "/console/", null).body();
        Matcher script = ENTRY_SCRIPT.matcher(page);
        assertThat(script.find()).as(page).isTrue();
        String src = script.group(1);
        Http.Reply reply = Http.get(src.startsWith("http") ? src : baseUrl + src, null);
        assertThat(reply.status()).isEqualTo(200);
        return reply.body();
    }

    /** Rewrites the version the jar's console says it was built for. */
    private static void builtFor(Path jar, String version) throws IOException {
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
            Path properties = zip.getPath("io/supportaccess/keycloak/console/built-for.properties");
            assertThat(Files.readString(properties)).startsWith("keycloak.version=");
            Files.writeString(properties, "keycloak.version=" + version + "\n");
        }
    }
}

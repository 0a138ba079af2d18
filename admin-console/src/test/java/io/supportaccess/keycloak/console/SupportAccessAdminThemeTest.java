package io.supportaccess.keycloak.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** On another Keycloak version the theme hides its console, so Keycloak serves its parent's (the stock console). */
class SupportAccessAdminThemeTest {

    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void onTheVersionItWasBuiltForTheThemeServesItsConsole() throws Exception {
        SupportAccessAdminTheme theme = new SupportAccessAdminTheme(loader, true, "management");
        try (InputStream manifest = theme.getResourceAsStream(SupportAccessAdminTheme.MANIFEST)) {
            assertThat(manifest).isNotNull();
            assertThat(new String(manifest.readAllBytes(), StandardCharsets.UTF_8)).contains("\"isEntry\": true");
        }
        assertThat(theme.getParentName()).isEqualTo("keycloak.v2");
    }

    @Test
    void onAnotherVersionTheManifestAndAssetsAreHiddenSoTheStockConsoleLoads() throws Exception {
        SupportAccessAdminTheme theme = new SupportAccessAdminTheme(loader, false, "management");
        assertThat(theme.getResourceAsStream(SupportAccessAdminTheme.MANIFEST)).isNull();
        assertThat(theme.getResourceAsStream("assets/anything.js")).isNull();
        assertThat(theme.getParentName()).isEqualTo("keycloak.v2");
    }

    @Test
    void thePagesLearnTheManagementRealmFromTheTheme() throws Exception {
        SupportAccessAdminTheme theme = new SupportAccessAdminTheme(loader, true, "platform");
        try (InputStream config = theme.getResourceAsStream(SupportAccessAdminTheme.CONSOLE_CONFIG)) {
            assertThat(new String(config.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"managementRealm\":\"platform\"}");
        }
    }
}

package io.supportaccess.keycloak.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The theme is selected only where a realm has no admin theme of its own (AdminConsoleIT checks the
 * same on a real server: new realms get it, a realm set to keycloak.v2 keeps the stock console).
 */
class AdminConsoleThemeTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " "})
    void aRealmWithoutAdminThemeGetsIt(String current) {
        assertThat(AdminConsoleTheme.selectsFor(current)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"keycloak.v2", "acme-corporate", "support-access"})
    void anExplicitChoiceStaysEvenTheStockConsole(String current) {
        assertThat(AdminConsoleTheme.selectsFor(current)).isFalse();
    }
}

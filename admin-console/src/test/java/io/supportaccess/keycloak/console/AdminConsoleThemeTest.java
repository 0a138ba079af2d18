package io.supportaccess.keycloak.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;

/** The theme is selected only where a realm has no admin theme of its own. */
class AdminConsoleThemeTest {

    @Test
    void aRealmWithoutAdminThemeGetsIt() {
        AtomicReference<String> theme = new AtomicReference<>();
        assertThat(AdminConsoleTheme.assign(realm(theme))).isTrue();
        assertThat(theme.get()).isEqualTo("support-access");
        theme.set(" ");
        assertThat(AdminConsoleTheme.assign(realm(theme))).isTrue();
        assertThat(theme.get()).isEqualTo("support-access");
    }

    @Test
    void anExplicitChoiceStaysEvenTheStockConsole() {
        for (String chosen : new String[] {"keycloak.v2", "acme-corporate"}) {
            AtomicReference<String> theme = new AtomicReference<>(chosen);
            assertThat(AdminConsoleTheme.assign(realm(theme))).isFalse();
            assertThat(theme.get()).isEqualTo(chosen);
        }
    }

    private static RealmModel realm(AtomicReference<String> adminTheme) {
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[] {RealmModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAdminTheme" -> adminTheme.get();
                    case "setAdminTheme" -> {
                        adminTheme.set((String) args[0]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

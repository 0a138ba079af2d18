package io.supportaccess.keycloak.console;

import java.util.Set;
import org.keycloak.theme.Theme;
import org.keycloak.theme.ThemeProvider;

final class AdminConsoleThemeProvider implements ThemeProvider {

    private final Theme theme;

    AdminConsoleThemeProvider(Theme theme) {
        this.theme = theme;
    }

    @Override
    public int getProviderPriority() {
        return 0;
    }

    @Override
    public Theme getTheme(String name, Theme.Type type) {
        return hasTheme(name, type) ? theme : null;
    }

    @Override
    public Set<String> nameSet(Theme.Type type) {
        return type == Theme.Type.ADMIN ? Set.of(AdminConsoleTheme.NAME) : Set.of();
    }

    @Override
    public boolean hasTheme(String name, Theme.Type type) {
        return type == Theme.Type.ADMIN && AdminConsoleTheme.NAME.equals(name);
    }

    @Override
    public void close() {
    }
}

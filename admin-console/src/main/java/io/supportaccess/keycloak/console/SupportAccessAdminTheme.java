package io.supportaccess.keycloak.console;

import java.io.IOException;
import java.io.InputStream;
import org.keycloak.theme.ClassLoaderTheme;
import org.keycloak.theme.Theme;

/**
 * The theme's files from the jar. When the console was built for another Keycloak version, the
 * Vite manifest is hidden: Keycloak then reads the parent's (keycloak.v2) manifest and serves the
 * stock console, since a console of another version may not work against this server's API.
 */
final class SupportAccessAdminTheme extends ClassLoaderTheme {

    static final String MANIFEST = ".vite/manifest.json";

    private final boolean fitsServer;

    SupportAccessAdminTheme(ClassLoader classLoader, boolean fitsServer) throws IOException {
        super(AdminConsoleTheme.NAME, Theme.Type.ADMIN, classLoader);
        this.fitsServer = fitsServer;
    }

    @Override
    public InputStream getResourceAsStream(String path) throws IOException {
        if (!fitsServer && (MANIFEST.equals(path) || path.startsWith("assets/"))) {
            return null;
        }
        return super.getResourceAsStream(path);
    }
}

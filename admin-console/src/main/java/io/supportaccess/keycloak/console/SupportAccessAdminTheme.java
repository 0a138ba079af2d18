package io.supportaccess.keycloak.console;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.keycloak.theme.ClassLoaderTheme;
import org.keycloak.theme.Theme;
import org.keycloak.util.JsonSerialization;

/**
 * The theme's files from the jar. When the console was built for another Keycloak version, the
 * Vite manifest is hidden: Keycloak then reads the parent's (keycloak.v2) manifest and serves the
 * stock console, since a console of another version may not work against this server's API.
 */
final class SupportAccessAdminTheme extends ClassLoaderTheme {

    static final String MANIFEST = ".vite/manifest.json";
    /** What the pages need to know of the server: which realm is the management realm. */
    static final String CONSOLE_CONFIG = "support-access.json";

    private final boolean fitsServer;
    private final byte[] consoleConfig;

    SupportAccessAdminTheme(ClassLoader classLoader, boolean fitsServer, String managementRealm) throws IOException {
        super(AdminConsoleTheme.NAME, Theme.Type.ADMIN, classLoader);
        this.fitsServer = fitsServer;
        this.consoleConfig = JsonSerialization.writeValueAsBytes(Map.of("managementRealm", managementRealm));
    }

    @Override
    public InputStream getResourceAsStream(String path) throws IOException {
        if (!fitsServer && (MANIFEST.equals(path) || path.startsWith("assets/"))) {
            return null;
        }
        if (CONSOLE_CONFIG.equals(path)) {
            return new ByteArrayInputStream(consoleConfig);
        }
        return super.getResourceAsStream(path);
    }
}

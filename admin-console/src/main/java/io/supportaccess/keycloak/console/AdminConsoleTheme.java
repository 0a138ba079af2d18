package io.supportaccess.keycloak.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.keycloak.common.Version;
import org.keycloak.models.RealmModel;

/**
 * The admin theme {@code support-access}: Keycloak's admin console, assembled from
 * {@code @keycloak/keycloak-admin-ui} of one Keycloak version, plus the "Support access" pages.
 */
public final class AdminConsoleTheme {

    public static final String NAME = "support-access";

    private static final String BUILT_FOR = "built-for.properties";

    private AdminConsoleTheme() {
    }

    /** Selects the theme for a realm that has no admin theme of its own; an explicit choice (even keycloak.v2) stays. */
    public static boolean assign(RealmModel realm) {
        if (!selectsFor(realm.getAdminTheme())) {
            return false;
        }
        realm.setAdminTheme(NAME);
        return true;
    }

    /** Whether a realm whose admin theme is {@code current} gets this theme: only when it has none. */
    static boolean selectsFor(String current) {
        return current == null || current.isBlank();
    }

    /** The Keycloak version whose console the build bundled (written by the frontend build), or null when absent. */
    public static String builtFor() {
        try (InputStream in = AdminConsoleTheme.class.getResourceAsStream(BUILT_FOR)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("keycloak.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the bundled console fits this server; otherwise the theme serves Keycloak's stock console. */
    public static boolean fitsServer() {
        return fits(builtFor(), Version.VERSION);
    }

    static boolean fits(String builtFor, String serverVersion) {
        return builtFor != null && builtFor.equals(serverVersion);
    }
}

package io.supportaccess.keycloak.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.Version;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.theme.ThemeProvider;
import org.keycloak.theme.ThemeProviderFactory;

/**
 * Provides the admin theme {@code support-access}. Server option
 * {@code --spi-theme--support-access-admin-console--master-realm=true} also selects it for the
 * master realm at start-up, unless master has an admin theme of its own.
 */
public class AdminConsoleThemeProviderFactory implements ThemeProviderFactory {

    public static final String PROVIDER_ID = "support-access-admin-console";

    private static final Logger LOG = Logger.getLogger(AdminConsoleThemeProviderFactory.class);

    private boolean masterRealm;
    private SupportAccessAdminTheme theme;

    @Override
    public ThemeProvider create(KeycloakSession session) {
        return new AdminConsoleThemeProvider(theme);
    }

    @Override
    public void init(Config.Scope config) {
        masterRealm = config.getBoolean("master-realm", false);
        boolean fits = AdminConsoleTheme.fitsServer();
        if (!fits) {
            LOG.warnf("The admin theme '%s' was built for Keycloak %s, this server is %s: realms that use it get Keycloak's stock admin console",
                    AdminConsoleTheme.NAME, AdminConsoleTheme.builtFor(), Version.VERSION);
        }
        try {
            // the events listener's option names the management realm (see README, Configuration)
            String managementRealm = Config.scope("events-listener", "support-access").get("management-realm", "management");
            theme = new SupportAccessAdminTheme(getClass().getClassLoader(), fits, managementRealm.trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        if (!masterRealm) {
            return;
        }
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    RealmModel master = session.realms().getRealmByName(Config.getAdminRealm());
                    if (master != null && AdminConsoleTheme.assign(master)) {
                        LOG.infof("Admin theme '%s' selected for the master realm (server option master-realm)", AdminConsoleTheme.NAME);
                    }
                });
            }
        });
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}

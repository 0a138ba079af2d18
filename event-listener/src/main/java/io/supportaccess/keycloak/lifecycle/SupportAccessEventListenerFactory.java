package io.supportaccess.keycloak.lifecycle;

import io.supportaccess.keycloak.SupportAccess;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;

/**
 * The extension's event listener, and the hook that keeps realms ready for support logins: at
 * start-up (after migration and realm import) every realm is set up, and so is every realm created
 * later, whether through the admin console, the REST API or an import.
 *
 * <p>Server option: {@code --spi-events-listener--support-access--management-realm=<name>}
 * (default {@code management}).
 */
public class SupportAccessEventListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "support-access";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new SupportAccessEventListener();
    }

    @Override
    public void init(Config.Scope config) {
        SupportAccess.configureManagementRealmName(config.get("management-realm", SupportAccess.DEFAULT_MANAGEMENT_REALM));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, RealmLifecycle::setUpAllRealms);
            } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
                RealmLifecycle.setUpRealm(created.getKeycloakSession(), created.getCreatedRealm());
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

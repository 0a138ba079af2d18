package io.supportaccess.keycloak.consent.listener;

import io.supportaccess.keycloak.spi.StatelessProviderFactory;
import io.supportaccess.keycloak.consent.SetUpAccounts;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Global (every realm, whatever its own listener list says): a tenant administrator, and so a
 * support session working as one, cannot switch off the marking of accounts it sets up.
 */
public class SetUpAccountListenerFactory implements EventListenerProviderFactory, StatelessProviderFactory<EventListenerProvider> {

    public static final String PROVIDER_ID = "support-access-set-up-accounts";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new SetUpAccountListener(session);
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                new SetUpAccounts(removed.getKeycloakSession()).removeRealm(removed.getRealm().getId());
            } else if (event instanceof UserModel.UserRemovedEvent removed) {
                new SetUpAccounts(removed.getKeycloakSession()).removeUser(removed.getRealm().getId(), removed.getUser().getId());
            }
        });
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}

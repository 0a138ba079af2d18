package io.supportaccess.keycloak.audit.listener;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Registers the global platform listener (support audit records and support sessions). */
public class SupportAccessPlatformListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "support-access-platform";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new SupportAccessPlatformListener(session);
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}

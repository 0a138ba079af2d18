package io.supportaccess.keycloak.audit.listener;

import io.supportaccess.keycloak.spi.StatelessProviderFactory;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers the global platform listener (support audit records and support sessions). */
public class SupportAccessPlatformListenerFactory implements EventListenerProviderFactory, StatelessProviderFactory<EventListenerProvider> {

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
    public String getId() {
        return PROVIDER_ID;
    }
}

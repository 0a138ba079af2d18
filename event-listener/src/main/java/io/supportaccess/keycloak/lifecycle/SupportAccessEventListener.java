package io.supportaccess.keycloak.lifecycle;

import io.supportaccess.keycloak.SupportAccess;
import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;

/**
 * Writes one line per support login event (granted or refused) to the log category
 * {@code io.supportaccess.audit}, with the "who" of the audit ({@code support$user}). Enable it
 * per realm like any event listener. The queryable audit log builds on these events.
 */
class SupportAccessEventListener implements EventListenerProvider {

    private static final Logger AUDIT = Logger.getLogger("io.supportaccess.audit");

    @Override
    public void onEvent(Event event) {
        if (event.getDetails() == null || !event.getDetails().containsKey(SupportAccess.DETAIL_WHO)) {
            return;
        }
        AUDIT.infof("support login %s realm=%s who=%s error=%s refusal=%s",
                event.getType(), event.getRealmName() != null ? event.getRealmName() : event.getRealmId(),
                event.getDetails().get(SupportAccess.DETAIL_WHO), event.getError(),
                event.getDetails().get(SupportAccess.DETAIL_SUPPORT_REFUSAL));
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}

package io.supportaccess.keycloak.lifecycle;

import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.audit.AuditLog;
import io.supportaccess.keycloak.audit.listener.AuditRecorder;
import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;

/**
 * Feeds the audit log from the user and admin events of the realms that list this listener, and
 * writes one line per support login (granted or refused) to the log category
 * {@code io.supportaccess.audit}.
 */
class SupportAccessEventListener implements EventListenerProvider {

    private static final Logger AUDIT = Logger.getLogger("io.supportaccess.audit");

    private final AuditRecorder recorder;

    SupportAccessEventListener(KeycloakSession session) {
        this.recorder = new AuditRecorder(session, new AuditLog(session));
    }

    @Override
    public void onEvent(Event event) {
        if (event.getDetails() != null && event.getDetails().containsKey(SupportAccess.DETAIL_WHO)) {
            AUDIT.infof("support login %s realm=%s who=%s error=%s refusal=%s",
                    event.getType(), event.getRealmName() != null ? event.getRealmName() : event.getRealmId(),
                    event.getDetails().get(SupportAccess.DETAIL_WHO), event.getError(),
                    event.getDetails().get(SupportAccess.DETAIL_SUPPORT_REFUSAL));
        }
        recorder.record(event);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        recorder.record(event);
    }

    @Override
    public void close() {
    }
}

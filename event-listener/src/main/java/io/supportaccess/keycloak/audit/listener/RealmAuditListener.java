package io.supportaccess.keycloak.audit.listener;

import io.supportaccess.keycloak.audit.AuditLog;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;

/**
 * Feeds the realm's own audit log from the user and admin events of the realms that list this
 * listener (Keycloak lists it as {@code support-access}; its factory is the extension's bootstrap,
 * {@link io.supportaccess.keycloak.bootstrap.SupportAccessBootstrap}). Support records are written
 * by the global {@link SupportAccessPlatformListener}.
 */
public class RealmAuditListener implements EventListenerProvider {

    private final AuditRecorder recorder;

    public RealmAuditListener(KeycloakSession session) {
        this.recorder = new AuditRecorder(session, new AuditLog(session), AuditRecorder.Scope.OWN);
    }

    @Override
    public void onEvent(Event event) {
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

package io.supportaccess.keycloak.audit.listener;

import io.supportaccess.keycloak.audit.AuditLog;
import org.keycloak.events.Event;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Turns Keycloak events into audit records in the session's transaction (see {@link AuditLog}).
 * Keycloak only hands events to this listener for realms that list it.
 */
public final class AuditRecorder {

    private final KeycloakSession session;
    private final AuditLog log;
    private final ActorResolver actors;

    public AuditRecorder(KeycloakSession session, AuditLog log) {
        this.session = session;
        this.log = log;
        this.actors = new ActorResolver(session, log);
    }

    public void record(Event event) {
        if (!UserEventAudit.isAudited(event)) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        String attemptedName = event.getDetails() == null ? null : event.getDetails().get("username");
        String subject = actors.username(realm, event.getUserId(), attemptedName);
        Actor actor = actors.resolve(realm, event.getSessionId(), event.getUserId(), subject);
        UserEventAudit.toEntry(event, actor, subject, event.getClientId())
                .ifPresent(entry -> log.record(realm.getId(), realm.getName(), entry, event.getTime(), event.getSessionId()));
    }

    public void record(AdminEvent event) {
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        AuthDetails auth = event.getAuthDetails();
        RealmModel authRealm = auth == null || auth.getRealmId() == null ? null : session.realms().getRealm(auth.getRealmId());
        Actor actor = auth == null ? Actor.of("unknown")
                : actors.resolve(authRealm, null, auth.getUserId(), auth.getUserId());
        if (authRealm != null && !authRealm.getId().equals(realm.getId())) {
            actor = new Actor(authRealm.getName() + "/" + actor.who(), actor.supportUser());
        }
        String application = auth == null ? null : actors.clientId(authRealm, auth.getClientId());
        log.record(realm.getId(), realm.getName(),
                AdminEventAudit.toEntry(event, actor, application, UpdateChanges.of(session, realm, event)), event.getTime());
    }
}

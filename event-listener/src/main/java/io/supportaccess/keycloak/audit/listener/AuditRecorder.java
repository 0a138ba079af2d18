package io.supportaccess.keycloak.audit.listener;

import io.supportaccess.keycloak.audit.AuditEntry;
import io.supportaccess.keycloak.audit.AuditLog;
import org.keycloak.events.Event;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Turns Keycloak events into audit records in the session's transaction (see {@link AuditLog}).
 * Support records (support logins granted or denied, and everything done in a support session)
 * are written by the platform's global listener, whatever a realm's listener list says; the
 * realm's own records by the realm listener, which its administrators may switch off.
 */
public final class AuditRecorder {

    /** Which records a listener writes. */
    public enum Scope {
        /** Support logins and everything done in a support session, in every realm. */
        SUPPORT,
        /** The rest: the realm's own audit, for realms that list the realm listener. */
        OWN
    }

    private final KeycloakSession session;
    private final AuditLog log;
    private final ActorResolver actors;
    private final Scope scope;

    public AuditRecorder(KeycloakSession session, AuditLog log, Scope scope) {
        this.session = session;
        this.log = log;
        this.actors = new ActorResolver(session, log);
        this.scope = scope;
    }

    private boolean inScope(AuditEntry entry) {
        return (entry.supportUser() != null) == (scope == Scope.SUPPORT);
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
                .filter(this::inScope)
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
            actor = new Actor(authRealm.getName() + "/" + actor.who(), actor.supportUser(), actor.supportReason());
        }
        if ((actor.supportUser() != null) != (scope == Scope.SUPPORT)) {
            return;
        }
        // looked up only for a record this recorder writes, not for every admin event of an actor it leaves out:
        // in a realm's creating transaction the look-up's query flushes thousands of entities
        String application = auth == null ? null : actors.clientId(authRealm, auth.getClientId());
        log.record(realm.getId(), realm.getName(),
                AdminEventAudit.toEntry(event, actor, application, UpdateChanges.of(session, realm, event)), event.getTime());
    }
}

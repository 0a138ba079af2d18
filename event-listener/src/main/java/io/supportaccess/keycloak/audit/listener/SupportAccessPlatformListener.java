package io.supportaccess.keycloak.audit.listener;

import io.supportaccess.keycloak.audit.AuditLog;
import io.supportaccess.keycloak.sessions.listener.SupportSessionEvents;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The platform's own listener, global: Keycloak hands it the events of every realm whatever the
 * realm's listener list says. It writes the support records of the audit and keeps the support
 * sessions record; neither can be switched off by a tenant's administrators.
 */
class SupportAccessPlatformListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(SupportAccessPlatformListener.class);

    private final KeycloakSession session;
    private final AuditRecorder recorder;
    private final SupportSessionEvents sessions;

    SupportAccessPlatformListener(KeycloakSession session) {
        this.session = session;
        this.recorder = new AuditRecorder(session, new AuditLog(session), AuditRecorder.Scope.SUPPORT);
        this.sessions = new SupportSessionEvents(session);
    }

    @Override
    public void onEvent(Event event) {
        if (event.getDetails() != null && event.getDetails().containsKey(io.supportaccess.keycloak.SupportAccess.DETAIL_WHO)) {
            LOG.infof("support login %s realm=%s who=%s error=%s refusal=%s",
                    event.getType(), event.getRealmName() != null ? event.getRealmName() : event.getRealmId(),
                    event.getDetails().get(io.supportaccess.keycloak.SupportAccess.DETAIL_WHO), event.getError(),
                    event.getDetails().get(io.supportaccess.keycloak.SupportAccess.DETAIL_SUPPORT_REFUSAL));
        }
        recorder.record(event);
        try {
            sessions.onEvent(event);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not update the support sessions record for event %s; the session sweep retries", event.getType());
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (SupportSessionEvents.isRealmCreation(event) && recordedInMasterRealm(event)) {
            // by an administrator of the master realm, where no support login runs: nothing to record, no session to
            // check; and in the creating transaction any query flushes the thousands of entities the creation brought
            return;
        }
        recorder.record(event);
        try {
            sessions.onEvent(event);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not check support sessions after admin event %s; the session sweep retries", event.getResourcePath());
        }
    }

    /** By id: Keycloak's realm cache, or on a miss the entity manager's look-up by primary key, which flushes nothing. */
    private boolean recordedInMasterRealm(AdminEvent event) {
        RealmModel realm = event.getRealmId() == null ? null : session.realms().getRealm(event.getRealmId());
        return realm != null && Config.getAdminRealm().equals(realm.getName());
    }

    @Override
    public void close() {
    }
}

package io.supportaccess.keycloak.audit.listener;

import io.supportaccess.keycloak.auth.BearerSessions;
import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.audit.AuditLog;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * Finds who acted. In a support session that is {@code support$user}, read from the user session
 * the support login created: the event's own session (or, once Keycloak removed it at logout,
 * the support login recorded for it), or else the session of the bearer token
 * the request was made with (admin REST, account REST, the extension's REST). The token is
 * verified again, so a forged header can never make anyone appear as somebody else.
 */
final class ActorResolver {

    private final KeycloakSession session;
    private final AuditLog log;

    ActorResolver(KeycloakSession session, AuditLog log) {
        this.session = session;
        this.log = log;
    }

    Actor resolve(RealmModel realm, String sessionId, String userId, String fallbackName) {
        UserSessionModel userSession = sessionId == null ? null : session.sessions().getUserSession(realm, sessionId);
        if (userSession == null && sessionId != null && realm != null) {
            // a logout: Keycloak has removed the session by now; its support login was recorded with its id
            var supportLogin = log.supportLoginOfSession(realm.getId(), sessionId);
            if (supportLogin.isPresent()) {
                return new Actor(supportLogin.get().getWho(), supportLogin.get().getSupportUser(), supportLogin.get().getSupportReason());
            }
        }
        if (userSession == null) {
            userSession = BearerSessions.of(session, realm);
        }
        if (userSession != null && userSession.getNote(SupportAccess.SESSION_WHO) != null
                && (userId == null || userId.equals(userSession.getUser().getId()))) {
            return new Actor(userSession.getNote(SupportAccess.SESSION_WHO), userSession.getNote(SupportAccess.SESSION_SUPPORT_USERNAME),
                    userSession.getNote(SupportAccess.SESSION_SUPPORT_REASON));
        }
        return Actor.of(username(realm, userId, fallbackName));
    }

    String username(RealmModel realm, String userId, String fallbackName) {
        if (userId != null && realm != null) {
            UserModel user = session.users().getUserById(realm, userId);
            if (user != null) {
                return user.getUsername();
            }
        }
        return fallbackName != null ? fallbackName : (userId != null ? userId : "unknown");
    }

    String clientId(RealmModel realm, String clientInternalIdOrClientId) {
        if (clientInternalIdOrClientId == null || realm == null) {
            return clientInternalIdOrClientId;
        }
        ClientModel client = session.clients().getClientById(realm, clientInternalIdOrClientId);
        return client != null ? client.getClientId() : clientInternalIdOrClientId;
    }

}

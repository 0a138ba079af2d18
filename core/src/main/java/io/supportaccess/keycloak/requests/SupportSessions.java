package io.supportaccess.keycloak.requests;

import io.supportaccess.keycloak.SupportAccess;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

/** Ends the live support sessions of a tenant: their refresh tokens and SSO cookies stop working. */
public final class SupportSessions {

    private static final Logger LOG = Logger.getLogger(SupportSessions.class);

    private SupportSessions() {
    }

    public static int endAll(KeycloakSession session, RealmModel tenant) {
        List<ClientModel> clients = tenant.getClientsStream().collect(Collectors.toList());
        List<UserSessionModel> online = clients.stream()
                .flatMap(c -> sessionsOf(session, tenant, c, false))
                .filter(SupportSessions::isSupportSession)
                .collect(Collectors.toMap(UserSessionModel::getId, s -> s, (a, b) -> a)).values().stream().toList();
        List<UserSessionModel> offline = clients.stream()
                .flatMap(c -> sessionsOf(session, tenant, c, true))
                .filter(SupportSessions::isSupportSession)
                .collect(Collectors.toMap(UserSessionModel::getId, s -> s, (a, b) -> a)).values().stream().toList();
        online.forEach(s -> session.sessions().removeUserSession(tenant, s));
        offline.forEach(s -> session.sessions().removeOfflineUserSession(tenant, s));
        int ended = online.size() + offline.size();
        if (ended > 0) {
            LOG.infof("Ended %d support session(s) in tenant '%s'", ended, tenant.getName());
        }
        return ended;
    }

    private static Stream<UserSessionModel> sessionsOf(KeycloakSession session, RealmModel realm, ClientModel client, boolean offline) {
        return offline ? session.sessions().getOfflineUserSessionsStream(realm, client, 0, Integer.MAX_VALUE)
                : session.sessions().getUserSessionsStream(realm, client);
    }

    public static boolean isSupportSession(UserSessionModel userSession) {
        return userSession.getNote(SupportAccess.SESSION_SUPPORT_USER_ID) != null;
    }
}

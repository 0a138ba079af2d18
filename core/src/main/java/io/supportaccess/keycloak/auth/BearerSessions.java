package io.supportaccess.keycloak.auth;

import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * The user session of the current request's bearer token, verified again against a realm, so that
 * a forged header can never make anyone appear as somebody else. Listeners use it where Keycloak's
 * event carries no session (admin REST, the account REST API).
 */
public final class BearerSessions {

    private BearerSessions() {
    }

    /** The session, or null when the request has no valid bearer token of {@code realm}. */
    public static UserSessionModel of(KeycloakSession session, RealmModel realm) {
        HttpRequest request = session.getContext().getHttpRequest();
        if (realm == null || request == null) {
            return null;
        }
        HttpHeaders headers = request.getHttpHeaders();
        String authorization = headers == null ? null : headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        try {
            AuthenticationManager.AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session)
                    .setRealm(realm).setHeaders(headers).setTokenString(authorization.substring(7).trim()).authenticate();
            return result == null ? null : result.session();
        } catch (RuntimeException notAValidTokenOfThisRealm) {
            return null;
        }
    }
}

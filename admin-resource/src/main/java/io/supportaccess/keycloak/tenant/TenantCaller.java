package io.supportaccess.keycloak.tenant;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.audit.AuditEntry;
import io.supportaccess.keycloak.audit.AuditLog;
import io.supportaccess.keycloak.audit.AuditType;
import io.supportaccess.keycloak.requests.SupportSessions;
import io.supportaccess.keycloak.rest.ApiException;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/** The tenant user calling the tenant users' API, and its user session; 404 outside tenant realms, 401 without a valid login. */
public record TenantCaller(UserModel user, UserSessionModel userSession) {

    /** Header the account console page sends with cookie-authenticated calls. */
    static final String UI_HEADER = "X-Support-Access-UI";

    public static TenantCaller authenticate(KeycloakSession session, RealmModel realm) {
        if (!SupportAccessConfig.of(session).isTenantRealm(realm.getName())) {
            throw ApiException.notFound("Support requests exist in tenant realms only");
        }
        AuthResult auth = bearerOrCookie(session, realm);
        if (auth == null || auth.getUser() == null) {
            throw ApiException.unauthorized("A valid bearer token of this realm is required")
                    .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realm.getName() + "\"");
        }
        return new TenantCaller(auth.getUser(), auth.getSession());
    }

    /**
     * As {@link #authenticate}, for a change of the tenant's support requests: a support session is
     * refused (403), and the attempt is a support audit record.
     */
    static TenantCaller authenticateForChange(KeycloakSession session, RealmModel realm) {
        TenantCaller caller = authenticate(session, realm);
        UserSessionModel userSession = caller.userSession();
        if (userSession != null && SupportSessions.isSupportSession(userSession)) {
            new AuditLog(session).record(realm.getId(), realm.getName(), new AuditEntry(AuditType.SUPPORT, "Support request change refused",
                    "A support session tried to change the tenant's support requests",
                    userSession.getNote(SupportAccess.SESSION_WHO), userSession.getNote(SupportAccess.SESSION_SUPPORT_USERNAME),
                    "support requests", null, List.of(), userSession.getNote(SupportAccess.SESSION_SUPPORT_REASON)),
                    Time.currentTimeMillis(), userSession.getId());
            throw ApiException.forbidden("Support requests are the tenant's users' decision; a support session cannot change them");
        }
        return caller;
    }

    /**
     * A bearer token of this realm; or, for the account console page (same origin), the realm's SSO
     * identity cookie together with the header {@value #UI_HEADER}. A custom header cannot be sent
     * cross-origin without a CORS preflight, which this API never grants, so the cookie cannot be
     * used for cross-site request forgery.
     */
    private static AuthResult bearerOrCookie(KeycloakSession session, RealmModel realm) {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        if (headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
            return new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        }
        if (headers.getHeaderString(UI_HEADER) != null) {
            return AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        }
        return null;
    }
}

package io.supportaccess.keycloak.readonly;

import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.audit.AuditEntry;
import io.supportaccess.keycloak.audit.AuditLog;
import io.supportaccess.keycloak.audit.AuditType;
import io.supportaccess.keycloak.requests.SupportSessions;
import io.supportaccess.keycloak.rest.ApiError;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * Read-only support sessions change nothing through an API: a request that may change something
 * (any method but GET, HEAD, OPTIONS) to Keycloak's admin REST API ({@code /admin/realms/{realm}/...},
 * the extension's admin resources included), to the account REST API ({@code /realms/{realm}/account/...})
 * or to the extension's tenant API ({@code /realms/{realm}/support-access/...}) is refused with 403
 * when its bearer token belongs to a read-only support session of that realm, and the refusal is
 * audited as {@code support$user}. Keycloak's admin permissions read the user's role mappings, not
 * the token, so leaving roles out of the token alone would not stop the admin API.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class ReadOnlySupportFilter implements ContainerRequestFilter {

    private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Pattern GUARDED = Pattern.compile("^/?(?:admin/realms/([^/]+)(?:/.*)?|realms/([^/]+)/(?:account|support-access)(?:/.*)?)$");
    /** Application-initiated actions ({@code kc_action}, e.g. the account console's "Update password") and their forms. */
    private static final Pattern LOGIN_ACTIONS = Pattern.compile("^/?realms/([^/]+)/(?:protocol/openid-connect/auth|login-actions/required-action)/?$");

    @Override
    public void filter(ContainerRequestContext request) {
        Matcher action = LOGIN_ACTIONS.matcher(request.getUriInfo().getPath());
        if (action.matches()) {
            refuseActionOfReadOnlySession(request, action.group(1));
            return;
        }
        if (READS.contains(request.getMethod())) {
            return;
        }
        Matcher path = GUARDED.matcher(request.getUriInfo().getPath());
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (!path.matches() || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return;
        }
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        RealmModel realm = session == null ? null : session.realms().getRealmByName(path.group(1) != null ? path.group(1) : path.group(2));
        UserSessionModel userSession = realm == null ? null : sessionOf(session, realm, authorization.substring(7).trim());
        if (!SupportSessions.isReadOnly(userSession)) {
            return;
        }
        String who = userSession.getNote(SupportAccess.SESSION_WHO);
        String what = request.getMethod() + " " + request.getUriInfo().getPath();
        audit(session, realm, userSession, who, what);
        request.abortWith(ApiError.of(Response.Status.FORBIDDEN,
                "This is a read-only support session (" + who + "): it changes nothing in the tenant"));
    }

    /**
     * Required actions change the account through the login flow, not an API: in the browser of a
     * read-only support session (its SSO cookie) an application-initiated action and the required
     * action forms are refused.
     */
    private static void refuseActionOfReadOnlySession(ContainerRequestContext request, String realmName) {
        boolean initiated = request.getUriInfo().getPath().contains("/login-actions/required-action")
                || request.getUriInfo().getQueryParameters().containsKey("kc_action");
        if (!initiated) {
            return;
        }
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        RealmModel realm = session == null ? null : session.realms().getRealmByName(realmName);
        UserSessionModel userSession = null;
        if (realm != null) {
            try {
                AuthenticationManager.AuthResult result = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
                userSession = result == null ? null : result.session();
            } catch (RuntimeException noValidCookie) {
                userSession = null;
            }
        }
        if (!SupportSessions.isReadOnly(userSession)) {
            return;
        }
        String who = userSession.getNote(SupportAccess.SESSION_WHO);
        String what = request.getMethod() + " " + request.getUriInfo().getPath()
                + (request.getUriInfo().getQueryParameters().containsKey("kc_action")
                ? " (kc_action " + request.getUriInfo().getQueryParameters().getFirst("kc_action") + ")" : "");
        audit(session, realm, userSession, who, what);
        request.abortWith(ApiError.of(Response.Status.FORBIDDEN,
                "This is a read-only support session (" + who + "): it changes nothing in the tenant"));
    }

    private static UserSessionModel sessionOf(KeycloakSession session, RealmModel realm, String token) {
        try {
            AuthenticationManager.AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session)
                    .setRealm(realm).setTokenString(token).authenticate();
            return result == null ? null : result.session();
        } catch (RuntimeException notAValidTokenOfThisRealm) {
            return null;
        }
    }

    /** In a transaction of its own: the refused request's transaction writes nothing. */
    private static void audit(KeycloakSession session, RealmModel realm, UserSessionModel userSession, String who, String what) {
        String realmId = realm.getId();
        String realmName = realm.getName();
        String supportUser = userSession.getNote(SupportAccess.SESSION_SUPPORT_USERNAME);
        String sessionId = userSession.getId();
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> new AuditLog(own).record(realmId, realmName,
                new AuditEntry(AuditType.SUPPORT, "Support change refused", "Support change refused (read-only support): " + what,
                        who, supportUser, what, null, List.of()), Time.currentTimeMillis(), sessionId));
    }
}

package io.supportaccess.keycloak.tenant;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.audit.AuditEntry;
import io.supportaccess.keycloak.audit.AuditLog;
import io.supportaccess.keycloak.audit.AuditQuery;
import io.supportaccess.keycloak.audit.AuditRecordEntity;
import io.supportaccess.keycloak.audit.AuditSetup;
import io.supportaccess.keycloak.audit.rest.AuditAdminResource;
import io.supportaccess.keycloak.audit.AuditType;
import io.supportaccess.keycloak.consent.Consent;
import io.supportaccess.keycloak.requests.SupportRequests;
import io.supportaccess.keycloak.requests.SupportSessions;
import io.supportaccess.keycloak.requests.TenantClosing;
import io.supportaccess.keycloak.rest.ApiError;
import io.supportaccess.keycloak.settings.PlatformSettings;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * The tenant users' side of support requests, authenticated with a bearer token of the tenant realm:
 * <pre>
 * GET    /realms/{tenant}/support-access/status     whether support is open, until when, how many requests
 * POST   /realms/{tenant}/support-access/requests   "Enable support"
 * DELETE /realms/{tenant}/support-access/requests   "Disable support" (own requests; all for tenant administrators)
 * GET    /realms/{tenant}/support-access/accesses   the tenant's support audit records, newest first (tenant
 *                                                   administrators and holders of ROLE_AUDIT_READ or view-events)
 * </pre>
 */
public class TenantSupportResource {

    /** Tenant realm roles that, like Keycloak's realm administration roles, make a tenant administrator. */
    static final String[] ADMIN_PERMISSION_ROLES = {"ROLE_USER_MANAGEMENT_ADMIN", "ROLE_TENANT_MANAGEMENT_ADMIN"};
    private static final String[] ADMIN_CLIENT_ROLES = {AdminRoles.REALM_ADMIN, AdminRoles.MANAGE_REALM, AdminRoles.MANAGE_USERS};

    /** Header the account console page sends with cookie-authenticated calls. */
    public static final String UI_HEADER = "X-Support-Access-UI";

    private final KeycloakSession session;
    private final RealmModel realm;

    TenantSupportResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @GET
    @Path("status")
    @Produces(MediaType.APPLICATION_JSON)
    public Response status() {
        Caller caller = authenticate();
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        return Response.ok(status(caller, Time.currentTimeMillis())).build();
    }

    @POST
    @Path("requests")
    @Produces(MediaType.APPLICATION_JSON)
    public Response enable() {
        Caller caller = authenticateForChange();
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        RealmModel management = management();
        PlatformSettings settings = PlatformSettings.read(management);
        if (settings.excludes(realm.getName())) {
            return ApiError.of(Response.Status.CONFLICT, "This tenant is excluded from support access by the platform");
        }
        if (settings.opensByPlatform(realm.getName())) {
            return ApiError.of(Response.Status.CONFLICT,
                    "Support access is activated for this tenant by the platform; support requests are not needed");
        }
        java.util.Optional<String> notConsent = Consent.refusal(session, realm, caller.user(), caller.userSession());
        if (notConsent.isPresent()) {
            var client = session.getContext().getClient();
            // a support record: written whatever the tenant realm's own listener configuration
            new AuditLog(session).record(realm.getId(), realm.getName(), new AuditEntry(AuditType.SUPPORT, "Support request refused",
                    "Support request refused: " + notConsent.get(), caller.user().getUsername(), null, "support requests",
                    client == null ? null : client.getClientId(), java.util.List.of()), now(), caller.userSession() == null ? null : caller.userSession().getId());
            return ApiError.of(Response.Status.FORBIDDEN, notConsent.get());
        }
        long now = Time.currentTimeMillis();
        SupportRequests.Enabling enabling = new SupportRequests(session)
                .enable(realm, caller.user(), settings.validityLimitHours(), settings.maxOpenAheadHours(), now);
        if (enabling instanceof SupportRequests.Enabling.RateLimited limited) {
            return Response.fromResponse(ApiError.of(Response.Status.TOO_MANY_REQUESTS, "At most "
                    + SupportRequests.MAX_ENABLES_PER_USER_PER_MINUTE + " support requests per user and minute; try again in "
                    + limited.retryAfterSeconds() + " s")).header("Retry-After", Long.toString(limited.retryAfterSeconds())).build();
        }
        if (enabling instanceof SupportRequests.Enabling.AtLimitAhead atLimit) {
            return ApiError.of(Response.Status.CONFLICT, "Support access is open until " + java.time.Instant.ofEpochMilli(atLimit.expiresAt())
                    + "; another " + settings.validityLimitHours() + " hours would open the tenant more than the platform's limit of "
                    + atLimit.maxOpenAheadHours() + " hours ahead. The request was not recorded; it can be made again from "
                    + java.time.Instant.ofEpochMilli(atLimit.acceptedFrom()));
        }
        return Response.status(Response.Status.CREATED).entity(status(caller, now)).build();
    }

    @DELETE
    @Path("requests")
    @Produces(MediaType.APPLICATION_JSON)
    public Response disable() {
        Caller caller = authenticateForChange();
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        RealmModel management = management();
        if (PlatformSettings.read(management).opensByPlatform(realm.getName())) {
            return ApiError.of(Response.Status.CONFLICT,
                    "Support access is activated for this tenant by the platform and cannot be disabled here");
        }
        long now = Time.currentTimeMillis();
        boolean all = isTenantAdministrator(realm, caller.user());
        int disabled = new SupportRequests(session).disable(realm, caller.user(), all, now);
        int ended = TenantClosing.endSessionsIfClosed(session, management, realm);
        Map<String, Object> body = status(caller, now);
        body.put("disabledRequests", disabled);
        body.put("endedSupportSessions", ended);
        return Response.ok(body).build();
    }

    /** Who came in and what they did: the tenant's audit records of type Support ("Load more": {@code after}). */
    @GET
    @Path("accesses")
    @Produces(MediaType.APPLICATION_JSON)
    public Response accesses(@jakarta.ws.rs.QueryParam("after") String after, @jakarta.ws.rs.QueryParam("pageSize") String pageSize) {
        Caller caller = authenticate();
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        if (!canReadAudit(realm, caller.user())) {
            return ApiError.of(Response.Status.FORBIDDEN, "Reading support accesses needs tenant administration or " + AuditSetup.ROLE_AUDIT_READ);
        }
        AuditQuery query;
        try {
            int size = pageSize == null ? 20 : Integer.parseInt(pageSize.trim());
            query = new AuditQuery(AuditType.SUPPORT, null, null, null, null, null, null,
                    AuditQuery.Cursor.parse(after).orElse(null), size);
        } catch (IllegalArgumentException e) {
            return ApiError.badRequest(e instanceof NumberFormatException
                    ? "pageSize must be from 1 to " + AuditQuery.MAX_PAGE_SIZE : e.getMessage());
        }
        java.util.List<AuditRecordEntity> records = new AuditLog(session).query(realm.getId(), query);
        boolean more = records.size() > query.pageSize();
        java.util.List<AuditRecordEntity> page = more ? records.subList(0, query.pageSize()) : records;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("records", page.stream().map(AuditAdminResource::json).toList());
        if (more) {
            AuditRecordEntity last = page.get(page.size() - 1);
            body.put("next", new AuditQuery.Cursor(last.getTime(), last.getId()).toString());
        }
        return Response.ok(body).build();
    }

    static boolean canReadAudit(RealmModel realm, UserModel user) {
        if (isTenantAdministrator(realm, user)) {
            return true;
        }
        RoleModel auditRead = realm.getRole(AuditSetup.ROLE_AUDIT_READ);
        if (auditRead != null && user.hasRole(auditRead)) {
            return true;
        }
        ClientModel realmManagement = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        RoleModel viewEvents = realmManagement == null ? null : realmManagement.getRole(AdminRoles.VIEW_EVENTS);
        return viewEvents != null && user.hasRole(viewEvents);
    }

    private Map<String, Object> status(Caller caller, long now) {
        return status(caller.user(), caller.userSession(), now);
    }

    private Map<String, Object> status(UserModel user, UserSessionModel userSession, long now) {
        RealmModel management = management();
        PlatformSettings settings = PlatformSettings.read(management);
        SupportRequests requests = new SupportRequests(session);
        boolean excluded = settings.excludes(realm.getName());
        boolean platformOpen = settings.opensByPlatform(realm.getName());
        Long expiresAt = requests.openUntil(realm.getId(), now).orElse(null);
        int active = requests.active(realm.getId(), now).size();
        int own = requests.activeOf(realm.getId(), user.getId(), now).size();
        boolean admin = isTenantAdministrator(realm, user);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", realm.getName());
        body.put("open", !excluded && (platformOpen || expiresAt != null));
        body.put("openedByPlatform", platformOpen);
        body.put("excludedByPlatform", excluded);
        body.put("expiresAt", expiresAt == null ? null : java.time.Instant.ofEpochMilli(expiresAt).toString());
        body.put("activeRequests", active);
        body.put("ownActiveRequests", own);
        body.put("validityLimitHours", settings.validityLimitHours());
        body.put("tenantAdministrator", admin);
        body.put("canReadAccesses", canReadAudit(realm, user));
        boolean supportSession = userSession != null && SupportSessions.isSupportSession(userSession);
        body.put("supportSession", supportSession);
        body.put("canEnable", !platformOpen && !excluded && Consent.refusal(session, realm, user, userSession).isEmpty());
        body.put("canDisable", !platformOpen && !supportSession && (own > 0 || (admin && active > 0)));
        return body;
    }

    static boolean isTenantAdministrator(RealmModel realm, UserModel user) {
        ClientModel realmManagement = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        if (realmManagement != null) {
            for (String name : ADMIN_CLIENT_ROLES) {
                RoleModel role = realmManagement.getRole(name);
                if (role != null && user.hasRole(role)) {
                    return true;
                }
            }
        }
        for (String name : ADMIN_PERMISSION_ROLES) {
            RoleModel role = realm.getRole(name);
            if (role != null && user.hasRole(role)) {
                return true;
            }
        }
        return false;
    }

    private record Caller(UserModel user, UserSessionModel userSession, Response refusal) {
    }

    private Caller authenticate() {
        if (!SupportAccessConfig.of(session).isTenantRealm(realm.getName())) {
            return new Caller(null, null, ApiError.of(Response.Status.NOT_FOUND, "Support requests exist in tenant realms only"));
        }
        AuthResult auth = authenticateBearerOrCookie();
        if (auth == null || auth.getUser() == null) {
            return new Caller(null, null, Response.fromResponse(
                    ApiError.of(Response.Status.UNAUTHORIZED, "A valid bearer token of this realm is required"))
                    .header("WWW-Authenticate", "Bearer realm=\"" + realm.getName() + "\"").build());
        }
        return new Caller(auth.getUser(), auth.getSession(), null);
    }

    /**
     * A bearer token of this realm; or, for the account console page (same origin), the realm's SSO
     * identity cookie together with the header {@value #UI_HEADER}. A custom header cannot be sent
     * cross-origin without a CORS preflight, which this API never grants, so the cookie cannot be
     * used for cross-site request forgery.
     */
    private AuthResult authenticateBearerOrCookie() {
        String authorization = session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            return new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        }
        if (session.getContext().getRequestHeaders().getHeaderString(UI_HEADER) != null) {
            return AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        }
        return null;
    }

    private Caller authenticateForChange() {
        Caller caller = authenticate();
        if (caller.refusal() == null && caller.userSession() != null && SupportSessions.isSupportSession(caller.userSession())) {
            UserSessionModel support = caller.userSession();
            new AuditLog(session).record(realm.getId(), realm.getName(), new AuditEntry(AuditType.SUPPORT, "Support request change refused",
                    "A support session tried to change the tenant's support requests",
                    support.getNote(SupportAccess.SESSION_WHO), support.getNote(SupportAccess.SESSION_SUPPORT_USERNAME),
                    "support requests", null, java.util.List.of()), Time.currentTimeMillis(), support.getId());
            return new Caller(null, null, ApiError.of(Response.Status.FORBIDDEN,
                    "Support requests are the tenant's users' decision; a support session cannot change them"));
        }
        return caller;
    }

    private static long now() {
        return Time.currentTimeMillis();
    }

    private RealmModel management() {
        return session.realms().getRealmByName(SupportAccessConfig.of(session).managementRealm());
    }
}

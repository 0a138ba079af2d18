package io.supportaccess.keycloak.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.rest.JsonBody;
import io.supportaccess.keycloak.settings.SupportMode;
import jakarta.ws.rs.Consumes;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.audit.AuditEntry;
import io.supportaccess.keycloak.audit.AuditLog;
import io.supportaccess.keycloak.audit.AuditQuery;
import io.supportaccess.keycloak.audit.AuditType;
import io.supportaccess.keycloak.audit.rest.AuditAdminResource;
import io.supportaccess.keycloak.consent.Consent;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import io.supportaccess.keycloak.requests.SupportRequests;
import io.supportaccess.keycloak.requests.TenantClosing;
import io.supportaccess.keycloak.inventory.decision.PermissionDecisionResource;
import io.supportaccess.keycloak.rest.ApiException;
import io.supportaccess.keycloak.rest.CursorPage;
import io.supportaccess.keycloak.settings.PlatformSettings;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The tenant users' side of support requests, authenticated as a {@link TenantCaller}:
 * <pre>
 * GET    /realms/{tenant}/support-access/status     whether support is open, until when, how many requests
 * POST   /realms/{tenant}/support-access/requests   "Enable support"
 * DELETE /realms/{tenant}/support-access/requests   "Disable support" (own requests; all for tenant administrators)
 * GET    /realms/{tenant}/support-access/accesses   the tenant's support audit records, newest first (tenant
 *                                                   administrators and holders of ROLE_AUDIT_READ or view-events)
 * ...    /realms/{realm}/support-access/access-requests   access approval (management realm: support users; tenants: approvers)
 * </pre>
 */
public class TenantSupportResource {

    /** Page size of the accesses when the caller names none. */
    static final int ACCESSES_PAGE = 20;

    private final KeycloakSession session;
    private final RealmModel realm;

    TenantSupportResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** The inventory decision for applications, in every realm (not only tenants). */
    @Path("permissions")
    public PermissionDecisionResource permissions() {
        return new PermissionDecisionResource(session);
    }

    /** Access approval: the support users' requests in the management realm, the approvers' decisions in a tenant. */
    @Path("access-requests")
    public Object accessRequests() {
        RealmModel management = management();
        if (management != null && management.getId().equals(realm.getId())) {
            return new io.supportaccess.keycloak.approval.rest.SupportUserAccessRequestsResource(session, management);
        }
        return new io.supportaccess.keycloak.approval.rest.TenantAccessRequestsResource(session, realm);
    }

    @GET
    @Path("status")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> status() {
        TenantCaller caller = TenantCaller.authenticate(session, realm);
        return SupportStatusRepresentation.of(session, realm, caller, Time.currentTimeMillis());
    }

    @POST
    @Path("requests")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response enable(String body) {
        TenantCaller caller = TenantCaller.authenticateForChange(session, realm);
        SupportMode mode = requestedMode(body);
        PlatformSettings settings = PlatformSettings.read(management());
        if (settings.excludes(realm.getName())) {
            throw ApiException.conflict("This tenant is excluded from support access by the platform");
        }
        if (!settings.opensOtherThanByApproval(realm.getName())) {
            throw ApiException.conflict("Support access to this tenant is opened by approving support users' access requests only;"
                    + " support requests are not used");
        }
        if (settings.opensByPlatform(realm.getName())) {
            throw ApiException.conflict("Support access is activated for this tenant by the platform; support requests are not needed");
        }
        Optional<String> notConsent = Consent.refusal(session, realm, caller.user(), caller.userSession());
        if (notConsent.isPresent()) {
            recordRefusal(caller, notConsent.get());
            throw ApiException.forbidden(notConsent.get());
        }
        long now = Time.currentTimeMillis();
        SupportRequests.Enabling enabling = new SupportRequests(session)
                .enable(realm, caller.user(), settings.validityLimitHours(), settings.maxOpenAheadHours(), now, mode);
        if (enabling instanceof SupportRequests.Enabling.RateLimited limited) {
            throw ApiException.of(Response.Status.TOO_MANY_REQUESTS, "At most " + SupportRequests.MAX_ENABLES_PER_USER_PER_MINUTE
                            + " support requests per user and minute; try again in " + limited.retryAfterSeconds() + " s")
                    .withHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
        }
        if (enabling instanceof SupportRequests.Enabling.AtLimitAhead atLimit) {
            throw ApiException.conflict("Support access is open until " + Instant.ofEpochMilli(atLimit.expiresAt())
                    + "; another " + settings.validityLimitHours() + " hours would open the tenant more than the platform's limit of "
                    + atLimit.maxOpenAheadHours() + " hours ahead. The request was not recorded; it can be made again from "
                    + Instant.ofEpochMilli(atLimit.acceptedFrom()));
        }
        return Response.status(Response.Status.CREATED).entity(SupportStatusRepresentation.of(session, realm, caller, now)).build();
    }

    @DELETE
    @Path("requests")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> disable() {
        TenantCaller caller = TenantCaller.authenticateForChange(session, realm);
        RealmModel management = management();
        if (PlatformSettings.read(management).opensByPlatform(realm.getName())) {
            throw ApiException.conflict("Support access is activated for this tenant by the platform and cannot be disabled here");
        }
        long now = Time.currentTimeMillis();
        boolean all = SupportAccessAuth.isTenantAdministrator(realm, caller.user());
        int disabled = new SupportRequests(session).disable(realm, caller.user(), all, now);
        int ended = TenantClosing.endSessionsIfClosed(session, management, realm);
        Map<String, Object> body = SupportStatusRepresentation.of(session, realm, caller, now);
        body.put("disabledRequests", disabled);
        body.put("endedSupportSessions", ended);
        return body;
    }

    /** Who came in and what they did: the tenant's audit records of type Support, a cursor page ("Load more": {@code after}). */
    @GET
    @Path("accesses")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> accesses(@QueryParam("after") String after, @QueryParam("pageSize") String pageSize) {
        TenantCaller caller = TenantCaller.authenticate(session, realm);
        if (!SupportAccessAuth.canReadAudit(realm, caller.user())) {
            throw ApiException.forbidden("Reading support accesses needs tenant administration or " + SupportAccessAuth.ROLE_AUDIT_READ);
        }
        AuditQuery query = new AuditQuery(AuditType.SUPPORT, null, null, null, null, null, null,
                AuditQuery.Cursor.parse(after).orElse(null), CursorPage.pageSize(pageSize, ACCESSES_PAGE, AuditQuery.MAX_PAGE_SIZE));
        return AuditAdminResource.page(new AuditLog(session).query(realm.getId(), query), query);
    }

    /** {@code {"mode": "full" | "read-only"}}; no body (or no mode) is full support, as before modes existed. */
    private static SupportMode requestedMode(String body) {
        if (body == null || body.isBlank()) {
            return SupportMode.FULL;
        }
        JsonNode json = JsonBody.object(body);
        JsonBody.requireKnownFields(json, java.util.Set.of("mode"));
        return json.has("mode") ? SupportMode.parse(JsonBody.text(json, "mode", true), "mode") : SupportMode.FULL;
    }

    /** A support record, written whatever the tenant realm's own listener configuration. */
    private void recordRefusal(TenantCaller caller, String reason) {
        ClientModel client = session.getContext().getClient();
        new AuditLog(session).record(realm.getId(), realm.getName(), new AuditEntry(AuditType.SUPPORT, "Support request refused",
                "Support request refused: " + reason, caller.user().getUsername(), null, "support requests",
                client == null ? null : client.getClientId(), List.of()), Time.currentTimeMillis(),
                caller.userSession() == null ? null : caller.userSession().getId());
    }

    private RealmModel management() {
        return session.realms().getRealmByName(SupportAccessConfig.of(session).managementRealm());
    }
}

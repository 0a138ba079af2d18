package io.supportaccess.keycloak.admin;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.decision.SupportAccessDecision;
import io.supportaccess.keycloak.decision.SupportLoginFlows;
import io.supportaccess.keycloak.requests.SupportRequestEventEntity;
import io.supportaccess.keycloak.requests.SupportRequests;
import io.supportaccess.keycloak.rest.ApiError;
import io.supportaccess.keycloak.settings.PlatformSettings;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/management/support-access/tenants}: every tenant's support state (the seed's
 * tenant "Properties"), paged, for management realm administrators (view-realm).
 */
public class TenantsAdminResource {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    private final KeycloakSession session;
    private final RealmModel management;
    private final AdminPermissionEvaluator auth;

    TenantsAdminResource(KeycloakSession session, RealmModel management, AdminPermissionEvaluator auth) {
        this.session = session;
        this.management = management;
        this.auth = auth;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("first") String first, @QueryParam("max") String max) {
        auth.realm().requireViewRealm();
        int offset;
        int limit;
        try {
            offset = first == null ? 0 : Integer.parseInt(first);
            limit = max == null ? DEFAULT_PAGE : Integer.parseInt(max);
        } catch (NumberFormatException e) {
            return ApiError.badRequest("'first' and 'max' must be whole numbers");
        }
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            return ApiError.badRequest("'first' must be 0 or more and 'max' from 1 to " + MAX_PAGE);
        }
        long now = Time.currentTimeMillis();
        PlatformSettings settings = PlatformSettings.read(management);
        SupportRequests requests = new SupportRequests(session);
        List<Map<String, Object>> page = session.realms().getRealmsStream()
                .filter(r -> SupportAccessConfig.of(session).isTenantRealm(r.getName()))
                .sorted(java.util.Comparator.comparing(RealmModel::getName))
                .skip(offset).limit(limit)
                .map(r -> state(r, settings, requests, now))
                .collect(Collectors.toList());
        return Response.ok(page).build();
    }

    @GET
    @Path("{tenant}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("tenant") String tenantId) {
        auth.realm().requireViewRealm();
        RealmModel tenant = tenant(tenantId);
        if (tenant == null) {
            return ApiError.of(Response.Status.NOT_FOUND, "No tenant '" + ApiError.shorten(tenantId) + "'");
        }
        return Response.ok(state(tenant, PlatformSettings.read(management), new SupportRequests(session), Time.currentTimeMillis())).build();
    }

    @GET
    @Path("{tenant}/request-events")
    @Produces(MediaType.APPLICATION_JSON)
    public Response events(@PathParam("tenant") String tenantId, @QueryParam("first") String first, @QueryParam("max") String max) {
        auth.realm().requireViewRealm();
        RealmModel tenant = tenant(tenantId);
        if (tenant == null) {
            return ApiError.of(Response.Status.NOT_FOUND, "No tenant '" + ApiError.shorten(tenantId) + "'");
        }
        int offset;
        int limit;
        try {
            offset = first == null ? 0 : Integer.parseInt(first);
            limit = max == null ? DEFAULT_PAGE : Integer.parseInt(max);
        } catch (NumberFormatException e) {
            return ApiError.badRequest("'first' and 'max' must be whole numbers");
        }
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            return ApiError.badRequest("'first' must be 0 or more and 'max' from 1 to " + MAX_PAGE);
        }
        List<Map<String, Object>> events = new SupportRequests(session).events(tenant.getId(), offset, limit).stream()
                .map(TenantsAdminResource::event).collect(Collectors.toList());
        return Response.ok(events).build();
    }

    /**
     * Why a support user may or may not enter a tenant right now: the access decision of a support
     * login (after the support user's credentials), with the time it took on the server.
     */
    @GET
    @Path("{tenant}/decision")
    @Produces(MediaType.APPLICATION_JSON)
    public Response decision(@PathParam("tenant") String tenantId, @QueryParam("supportUser") String supportUsername) {
        auth.realm().requireViewRealm();
        auth.users().requireView();
        RealmModel tenant = tenant(tenantId);
        if (tenant == null) {
            return ApiError.of(Response.Status.NOT_FOUND, "No tenant '" + ApiError.shorten(String.valueOf(tenantId)) + "'");
        }
        UserModel supportUser = supportUsername == null ? null : session.users().getUserByUsername(management, supportUsername);
        if (supportUser == null) {
            return ApiError.of(Response.Status.NOT_FOUND, "No user '" + ApiError.shorten(String.valueOf(supportUsername)) + "' in the management realm");
        }
        long start = System.nanoTime();
        SupportAccessDecision.Outcome outcome = SupportAccessDecision.decide(session, management, supportUser, tenant);
        long micros = (System.nanoTime() - start) / 1000;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", tenant.getName());
        body.put("supportUser", supportUser.getUsername());
        String supportLogin = SupportLoginFlows.availability(tenant);
        body.put("outcome", outcome == SupportAccessDecision.Outcome.GRANTED && SupportLoginFlows.isUnavailable(supportLogin)
                ? "SUPPORT_LOGIN_UNAVAILABLE" : outcome.name());
        body.put("supportLogin", supportLogin);
        body.put("decisionMicros", micros);
        return Response.ok(body).build();
    }

    private RealmModel tenant(String tenantId) {
        RealmModel tenant = tenantId == null ? null : session.realms().getRealmByName(tenantId);
        return tenant != null && SupportAccessConfig.of(session).isTenantRealm(tenant.getName()) ? tenant : null;
    }

    private static Map<String, Object> state(RealmModel tenant, PlatformSettings settings, SupportRequests requests, long now) {
        Long expiresAt = requests.openUntil(tenant.getId(), now).orElse(null);
        boolean excluded = settings.excludes(tenant.getName());
        boolean platformOpen = settings.opensByPlatform(tenant.getName());
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("tenant", tenant.getName());
        state.put("enabled", tenant.isEnabled());
        state.put("excluded", excluded);
        state.put("platformOpen", platformOpen);
        state.put("open", !excluded && (platformOpen || expiresAt != null));
        state.put("supportLogin", SupportLoginFlows.availability(tenant));
        state.put("expiresAt", expiresAt == null ? null : Instant.ofEpochMilli(expiresAt).toString());
        state.put("activeRequests", requests.active(tenant.getId(), now).size());
        return state;
    }

    private static Map<String, Object> event(SupportRequestEventEntity e) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", e.getId());
        event.put("type", e.getType().name());
        event.put("who", e.getWho());
        event.put("time", Instant.ofEpochMilli(e.getTime()).toString());
        event.put("requestId", e.getRequestId());
        event.put("tenantExpiresAt", e.getTenantExpiresAt() == null ? null : Instant.ofEpochMilli(e.getTenantExpiresAt()).toString());
        return event;
    }
}

package io.supportaccess.keycloak.sessions.rest;

import io.supportaccess.keycloak.rest.ApiError;
import io.supportaccess.keycloak.sessions.SessionEnd;
import io.supportaccess.keycloak.sessions.SupportSessionEntity;
import io.supportaccess.keycloak.sessions.SupportSessionGuard;
import io.supportaccess.keycloak.sessions.SupportSessionRecords;
import io.supportaccess.keycloak.settings.PlatformSettings;
import jakarta.ws.rs.DELETE;
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
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/management/support-access/sessions}: who is in which tenant right now.
 * Listing needs view-users on the management realm; ending a session needs manage-users.
 * <pre>
 * GET    .../sessions?tenant=acme&supportUser=jill    live support sessions, oldest first
 * DELETE .../sessions/{id}                            ends one (refresh, userinfo, SSO cookie stop working)
 * </pre>
 */
public class SupportSessionsAdminResource {

    private static final int MAX_LISTED = 1000;

    private final KeycloakSession session;
    private final RealmModel management;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public SupportSessionsAdminResource(KeycloakSession session, RealmModel management, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.management = management;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("tenant") String tenant, @QueryParam("supportUser") String supportUser) {
        auth.users().requireView();
        PlatformSettings settings = PlatformSettings.read(management);
        SupportSessionGuard guard = new SupportSessionGuard(session);
        List<Map<String, Object>> sessions = new SupportSessionRecords(session).live().stream()
                .filter(row -> tenant == null || tenant.equals(row.getRealmName()))
                .filter(row -> supportUser == null || supportUser.equals(row.getSupportUsername()))
                .limit(MAX_LISTED)
                .map(row -> json(row, guard.endsAt(row, settings), settings))
                .toList();
        return Response.ok(sessions).build();
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response end(@PathParam("id") String id) {
        auth.users().requireManage();
        SupportSessionEntity row = new SupportSessionRecords(session).find(id).filter(SupportSessionEntity::isLive).orElse(null);
        if (row == null) {
            return ApiError.of(Response.Status.NOT_FOUND, "No live support session '" + ApiError.shorten(id) + "'");
        }
        new SupportSessionGuard(session).end(row, SessionEnd.OPERATOR, operator());
        adminEvent.operation(OperationType.DELETE).resource(ResourceType.CUSTOM)
                .resourcePath("support-access/sessions/" + row.getId()).success();
        return Response.noContent().build();
    }

    private String operator() {
        UserModel user = auth.adminAuth().getUser();
        RealmModel realm = auth.adminAuth().getRealm();
        String name = user == null ? "unknown" : user.getUsername();
        return realm == null || realm.getId().equals(management.getId()) ? name : realm.getName() + "/" + name;
    }

    private static Map<String, Object> json(SupportSessionEntity row, long endsAt, PlatformSettings settings) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", row.getId());
        json.put("tenant", row.getRealmName());
        json.put("supportUser", row.getSupportUsername());
        json.put("user", row.getTargetUsername());
        json.put("who", row.who());
        json.put("userSessionId", row.getUserSessionId());
        json.put("client", row.getClientId());
        json.put("openedBy", row.getOpenedBy());
        json.put("started", Instant.ofEpochMilli(row.getStartedAt()).toString());
        json.put("endsAt", Instant.ofEpochMilli(endsAt).toString());
        json.put("latestEnd", Instant.ofEpochMilli(row.getStartedAt() + settings.sessionMaxHours() * 3_600_000L).toString());
        return json;
    }
}

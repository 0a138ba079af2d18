package io.supportaccess.keycloak.sessions.rest;

import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.audit.AdminEventResource;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import io.supportaccess.keycloak.rest.AdminEvents;
import io.supportaccess.keycloak.rest.ApiException;
import io.supportaccess.keycloak.sessions.SessionEnd;
import io.supportaccess.keycloak.sessions.SupportSessionGuard;
import io.supportaccess.keycloak.settings.PlatformSettings;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * {@code /admin/realms/management/support-access/sessions}: who is in which tenant right now.
 * Listing needs view-users on the management realm (checked by the locator); ending a session needs manage-users.
 * <pre>
 * GET    .../sessions?tenant=acme&supportUser=jill    live support sessions, oldest first
 * DELETE .../sessions/{id}                            ends one (refresh, userinfo, SSO cookie stop working)
 * </pre>
 */
public class SupportSessionsAdminResource {

    private static final int MAX_LISTED = 1000;

    private final KeycloakSession session;
    private final RealmModel management;
    private final SupportAccessAuth permissions;
    private final AdminEventBuilder adminEvent;

    public SupportSessionsAdminResource(KeycloakSession session, RealmModel management, SupportAccessAuth permissions, AdminEventBuilder adminEvent) {
        this.session = session;
        this.management = management;
        this.permissions = permissions;
        this.adminEvent = adminEvent;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> list(@QueryParam("tenant") String tenant, @QueryParam("supportUser") String supportUser) {
        PlatformSettings settings = PlatformSettings.read(management);
        SupportSessionGuard guard = new SupportSessionGuard(session);
        return guard.live(settings).stream()
                .filter(live -> tenant == null || tenant.equals(live.realmName()))
                .filter(live -> supportUser == null || supportUser.equals(live.supportUsername()))
                .limit(MAX_LISTED)
                .map(live -> SupportSessionRepresentation.of(live, settings))
                .toList();
    }

    @DELETE
    @Path("{id}")
    public void end(@PathParam("id") String id) {
        permissions.requireManageUsers();
        if (!new SupportSessionGuard(session).end(id, SessionEnd.OPERATOR, permissions.callerName(management))) {
            throw ApiException.notFound("No live support session '" + InvalidInput.shorten(id) + "'");
        }
        AdminEvents.of(session, adminEvent, AdminEventResource.SUPPORT_SESSION, OperationType.DELETE).success();
    }
}

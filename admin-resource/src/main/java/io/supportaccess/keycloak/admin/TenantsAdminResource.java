package io.supportaccess.keycloak.admin;

import io.supportaccess.keycloak.settings.PlatformSupportMode;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.decision.SupportAccessDecision;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import io.supportaccess.keycloak.requests.SupportRequests;
import io.supportaccess.keycloak.rest.ApiException;
import io.supportaccess.keycloak.rest.OffsetPage;
import io.supportaccess.keycloak.rest.TenantRealms;
import io.supportaccess.keycloak.settings.PlatformSettings;
import io.supportaccess.keycloak.tenant.lifecycle.TenantLifecycle;
import io.supportaccess.keycloak.approval.AccessApproval;
import io.supportaccess.keycloak.approval.AccessRequestEntity;
import io.supportaccess.keycloak.approval.AccessRequests;
import io.supportaccess.keycloak.approval.rest.AccessRequestRepresentation;
import java.util.Optional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * {@code /admin/realms/management/support-access/tenants}: every tenant's support state (the product's
 * tenant "Properties"), as {@link OffsetPage}s sorted by tenant ({@code search}: tenant ids containing it, any case), for management realm administrators
 * (view-realm, checked by the locator).
 */
public class TenantsAdminResource {

    private final KeycloakSession session;
    private final RealmModel management;
    private final SupportAccessAuth permissions;
    private final TenantLifecycle lifecycle;

    TenantsAdminResource(KeycloakSession session, RealmModel management, SupportAccessAuth permissions, TenantLifecycle lifecycle) {
        this.session = session;
        this.management = management;
        this.permissions = permissions;
        this.lifecycle = lifecycle;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> list(@QueryParam("first") String first, @QueryParam("max") String max,
                                          @QueryParam("search") String search) {
        OffsetPage page = OffsetPage.of(first, max);
        String part = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
        long now = Time.currentTimeMillis();
        PlatformSettings settings = PlatformSettings.read(management);
        SupportRequests requests = new SupportRequests(session);
        return page.of(session.realms().getRealmsStream()
                        .filter(r -> SupportAccessConfig.of(session).isTenantRealm(r.getName()))
                        .filter(r -> r.getName().toLowerCase(Locale.ROOT).contains(part))
                        .sorted(Comparator.comparing(RealmModel::getName)))
                .map(r -> TenantRepresentations.state(r, settings, PlatformSupportMode.read(management), requests, now))
                .toList();
    }

    @GET
    @Path("{tenant}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> get(@PathParam("tenant") String tenantId) {
        return TenantRepresentations.state(TenantRealms.require(session, tenantId), PlatformSettings.read(management),
                PlatformSupportMode.read(management), new SupportRequests(session), Time.currentTimeMillis());
    }

    @GET
    @Path("{tenant}/request-events")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> events(@PathParam("tenant") String tenantId, @QueryParam("first") String first,
                                            @QueryParam("max") String max) {
        RealmModel tenant = TenantRealms.require(session, tenantId);
        OffsetPage page = OffsetPage.of(first, max);
        return new SupportRequests(session).events(tenant.getId(), page.first(), page.max()).stream()
                .map(TenantRepresentations::event).toList();
    }

    /**
     * Why a support user may or may not enter a tenant right now: the access decision of a support
     * login (after the support user's credentials), with the time it took on the server. Also needs view-users.
     */
    @GET
    @Path("{tenant}/decision")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> decision(@PathParam("tenant") String tenantId, @QueryParam("supportUser") String supportUsername,
                                        @QueryParam("targetUser") String targetUsername) {
        permissions.requireViewUsers();
        RealmModel tenant = TenantRealms.require(session, tenantId);
        UserModel supportUser = supportUsername == null ? null : session.users().getUserByUsername(management, supportUsername);
        if (supportUser == null) {
            throw ApiException.notFound("No user '" + InvalidInput.shorten(supportUsername) + "' in the management realm");
        }
        long start = System.nanoTime();
        SupportAccessDecision.Outcome outcome = SupportAccessDecision.decide(session, management, supportUser, tenant);
        Optional<AccessRequestEntity> approval = outcome == SupportAccessDecision.Outcome.TENANT_CLOSED
                ? SupportAccessDecision.approval(session, management, supportUser, tenant, targetUsername) : Optional.empty();
        if (approval.isPresent()) {
            outcome = SupportAccessDecision.Outcome.GRANTED;
        }
        Map<String, Object> body = TenantRepresentations.decision(tenant, supportUser, outcome, (System.nanoTime() - start) / 1000);
        approval.ifPresent(a -> {
            body.put("openedBy", "approval");
            body.put("approval", AccessRequestRepresentation.of(a, Time.currentTimeMillis()));
            body.put("explanation", AccessApproval.explain(a));
        });
        return body;
    }

    /** The tenant's access requests, newest first ({@code status}: one status, or all). */
    @GET
    @Path("{tenant}/access-requests")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> accessRequests(@PathParam("tenant") String tenantId, @QueryParam("status") String status,
                                                    @QueryParam("first") String first, @QueryParam("max") String max) {
        RealmModel tenant = TenantRealms.require(session, tenantId);
        AccessRequestEntity.Status wanted = AccessRequestRepresentation.status(status);
        OffsetPage page = OffsetPage.of(first, max);
        long now = Time.currentTimeMillis();
        return new AccessRequests(session).ofRealm(tenant.getId(), wanted == AccessRequestEntity.Status.EXPIRED ? null : wanted,
                        page.first(), page.max()).stream()
                .map(r -> AccessRequestRepresentation.of(r, now))
                .filter(r -> wanted == null || wanted.name().equals(r.get("status")))
                .toList();
    }

    // --- subtenant lifecycle (create, edit, suspend, activate, remove): TenantLifecycle checks each step's permission

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        return lifecycle.create(body);
    }

    @GET
    @Path("{tenant}/properties")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> properties(@PathParam("tenant") String tenantId) {
        return lifecycle.properties(tenantId);
    }

    @PUT
    @Path("{tenant}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@PathParam("tenant") String tenantId, String body) {
        return lifecycle.update(tenantId, body);
    }

    @POST
    @Path("{tenant}/suspend")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> suspend(@PathParam("tenant") String tenantId, String body) {
        return lifecycle.suspend(tenantId, body);
    }

    @POST
    @Path("{tenant}/activate")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> activate(@PathParam("tenant") String tenantId) {
        return lifecycle.activate(tenantId);
    }

    @DELETE
    @Path("{tenant}")
    public Response delete(@PathParam("tenant") String tenantId) {
        lifecycle.delete(tenantId);
        return Response.noContent().build();
    }
}

package io.supportaccess.keycloak.admin;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.consent.SetUpAccountEntity;
import io.supportaccess.keycloak.consent.SetUpAccounts;
import io.supportaccess.keycloak.rest.ApiError;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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
 * {@code /admin/realms/management/support-access/consent-marks/{tenant}}: what in a tenant was set up
 * by somebody who cannot consent to support (view-realm on the management realm), and lifting the
 * mark on the tenant's login configuration after review (manage-realm). Only the platform can lift
 * it: any login of the tenant, its administrators' included, may have gone through what was changed.
 */
public class ConsentMarksResource {

    static final int MAX_LISTED = 1000;

    private final KeycloakSession session;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    ConsentMarksResource(KeycloakSession session, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @GET
    @Path("{tenant}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("tenant") String tenantId) {
        auth.realm().requireViewRealm();
        RealmModel tenant = tenant(tenantId);
        if (tenant == null) {
            return ApiError.of(Response.Status.NOT_FOUND, "No tenant '" + ApiError.shorten(String.valueOf(tenantId)) + "'");
        }
        List<SetUpAccountEntity> marks = new SetUpAccounts(session).all(tenant.getId(), MAX_LISTED);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", tenant.getName());
        body.put("loginConfiguration", marks.stream().filter(m -> m.getUserId() == null).findFirst().map(m -> json(tenant, m)).orElse(null));
        body.put("accounts", marks.stream().filter(m -> m.getUserId() != null).map(m -> json(tenant, m)).toList());
        return Response.ok(body).build();
    }

    @DELETE
    @Path("{tenant}/login-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public Response liftLoginConfiguration(@PathParam("tenant") String tenantId) {
        auth.realm().requireManageRealm();
        RealmModel tenant = tenant(tenantId);
        if (tenant == null) {
            return ApiError.of(Response.Status.NOT_FOUND, "No tenant '" + ApiError.shorten(String.valueOf(tenantId)) + "'");
        }
        if (new SetUpAccounts(session).clearLoginConfiguration(tenant.getId()) == 0) {
            return ApiError.of(Response.Status.NOT_FOUND, "The login configuration of tenant '" + tenant.getName() + "' is not marked");
        }
        adminEvent.operation(OperationType.DELETE).resource(ResourceType.CUSTOM)
                .resourcePath("support-access/consent-marks/" + tenant.getName() + "/login-configuration").success();
        return Response.noContent().build();
    }

    private Map<String, Object> json(RealmModel tenant, SetUpAccountEntity mark) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (mark.getUserId() != null) {
            UserModel user = session.users().getUserById(tenant, mark.getUserId());
            json.put("userId", mark.getUserId());
            json.put("username", user == null ? null : user.getUsername());
        }
        json.put("markedAt", Instant.ofEpochMilli(mark.getMarkedAt()).toString());
        json.put("markedBy", mark.getMarkedBy());
        json.put("cause", mark.getCause());
        return json;
    }

    private RealmModel tenant(String tenantId) {
        RealmModel tenant = tenantId == null ? null : session.realms().getRealmByName(tenantId);
        return tenant != null && SupportAccessConfig.of(session).isTenantRealm(tenant.getName()) ? tenant : null;
    }
}

package io.supportaccess.keycloak.admin;

import io.supportaccess.keycloak.audit.AdminEventResource;
import io.supportaccess.keycloak.consent.ConsentMark;
import io.supportaccess.keycloak.consent.SetUpAccounts;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import io.supportaccess.keycloak.rest.AdminEvents;
import io.supportaccess.keycloak.rest.ApiException;
import io.supportaccess.keycloak.rest.TenantRealms;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * {@code /admin/realms/management/support-access/consent-marks/{tenant}}: what in a tenant was set up
 * by somebody who cannot consent to support (view-realm on the management realm, checked by the
 * locator), and lifting the mark on the tenant's login configuration after review (manage-realm).
 * Only the platform can lift it: any login of the tenant, its administrators' included, may have
 * gone through what was changed. At most {@value #MAX_LISTED} marks are listed.
 */
public class ConsentMarksResource {

    static final int MAX_LISTED = 1000;

    private final KeycloakSession session;
    private final SupportAccessAuth permissions;
    private final AdminEventBuilder adminEvent;

    ConsentMarksResource(KeycloakSession session, SupportAccessAuth permissions, AdminEventBuilder adminEvent) {
        this.session = session;
        this.permissions = permissions;
        this.adminEvent = adminEvent;
    }

    @GET
    @Path("{tenant}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> get(@PathParam("tenant") String tenantId) {
        RealmModel tenant = TenantRealms.require(session, tenantId);
        List<ConsentMark> marks = new SetUpAccounts(session).all(tenant.getId(), MAX_LISTED);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", tenant.getName());
        body.put("loginConfiguration", marks.stream().filter(ConsentMark::isLoginConfiguration).findFirst().map(m -> ConsentMarkRepresentation.of(session, tenant, m)).orElse(null));
        body.put("accounts", marks.stream().filter(m -> !m.isLoginConfiguration()).map(m -> ConsentMarkRepresentation.of(session, tenant, m)).toList());
        return body;
    }

    @DELETE
    @Path("{tenant}/login-configuration")
    public void liftLoginConfiguration(@PathParam("tenant") String tenantId) {
        permissions.requireManageRealm();
        RealmModel tenant = TenantRealms.require(session, tenantId);
        if (new SetUpAccounts(session).clearLoginConfiguration(tenant.getId()) == 0) {
            throw ApiException.notFound("The login configuration of tenant '" + tenant.getName() + "' is not marked");
        }
        AdminEvents.of(session, adminEvent, AdminEventResource.CONSENT_MARK, OperationType.DELETE).success();
    }
}

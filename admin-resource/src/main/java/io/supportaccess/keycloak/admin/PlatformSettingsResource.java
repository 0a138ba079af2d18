package io.supportaccess.keycloak.admin;

import io.supportaccess.keycloak.audit.AdminEventResource;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import io.supportaccess.keycloak.requests.TenantClosing;
import io.supportaccess.keycloak.rest.AdminEvents;
import io.supportaccess.keycloak.rest.JsonBody;
import io.supportaccess.keycloak.settings.PlatformSettings;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * {@code GET|PUT /admin/realms/management/support-access/settings}: the platform settings
 * ({@link PlatformSettingsRepresentation}). Reading needs view-realm on the management realm (checked
 * by the locator), changing needs manage-realm. A change is an admin event whose detail
 * {@value AdminEventResource#DETAIL_CHANGED} lists the changed fields.
 */
public class PlatformSettingsResource {

    private final KeycloakSession session;
    private final RealmModel management;
    private final SupportAccessAuth permissions;
    private final AdminEventBuilder adminEvent;

    PlatformSettingsResource(KeycloakSession session, RealmModel management, SupportAccessAuth permissions, AdminEventBuilder adminEvent) {
        this.session = session;
        this.management = management;
        this.permissions = permissions;
        this.adminEvent = adminEvent;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> get() {
        return PlatformSettingsRepresentation.of(PlatformSettings.read(management));
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(String body) {
        permissions.requireManageRealm();
        PlatformSettings current = PlatformSettings.read(management);
        PlatformSettings updated = PlatformSettingsRepresentation.apply(current, JsonBody.object(body));
        updated.writeTo(management);
        // every live support session is checked against the new settings (closed or excluded tenants, shorter lifetimes)
        TenantClosing.endSessionsOfClosedTenants(session);
        Map<String, Object> after = PlatformSettingsRepresentation.of(updated);
        Map<String, Object> before = PlatformSettingsRepresentation.of(current);
        String changed = after.keySet().stream()
                .filter(key -> !Objects.equals(before.get(key), after.get(key)))
                .collect(Collectors.joining(","));
        AdminEvents.of(session, adminEvent, AdminEventResource.PLATFORM_SETTINGS, OperationType.UPDATE)
                .representation(after).detail(AdminEventResource.DETAIL_CHANGED, changed).success();
        return after;
    }
}

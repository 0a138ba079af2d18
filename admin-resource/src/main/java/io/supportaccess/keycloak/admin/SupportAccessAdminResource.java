package io.supportaccess.keycloak.admin;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.audit.rest.AuditAdminResource;
import io.supportaccess.keycloak.inventory.rest.InventoryAdminResource;
import io.supportaccess.keycloak.sessions.rest.SupportSessionsAdminResource;
import io.supportaccess.keycloak.username.rest.ReservedUsernamesAdminResource;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.NotFoundException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Root of {@code /admin/realms/{realm}/support-access}; platform resources exist on the management realm only. */
public class SupportAccessAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public SupportAccessAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @Path("settings")
    public PlatformSettingsResource settings() {
        if (!SupportAccessConfig.of(session).managementRealm().equals(realm.getName())) {
            throw new NotFoundException("Platform settings exist on the management realm only");
        }
        return new PlatformSettingsResource(session, realm, auth, adminEvent);
    }

    @Path("tenants")
    public TenantsAdminResource tenants() {
        if (!SupportAccessConfig.of(session).managementRealm().equals(realm.getName())) {
            throw new NotFoundException("Tenants are listed on the management realm only");
        }
        return new TenantsAdminResource(session, realm, auth);
    }

    @Path("sessions")
    public SupportSessionsAdminResource sessions() {
        if (!SupportAccessConfig.of(session).managementRealm().equals(realm.getName())) {
            throw new NotFoundException("Support sessions are listed on the management realm only");
        }
        return new SupportSessionsAdminResource(session, realm, auth, adminEvent);
    }

    @Path("consent-marks")
    public ConsentMarksResource consentMarks() {
        if (!SupportAccessConfig.of(session).managementRealm().equals(realm.getName())) {
            throw new NotFoundException("Consent marks are listed on the management realm only");
        }
        return new ConsentMarksResource(session, auth, adminEvent);
    }

    @Path("inventory")
    public InventoryAdminResource inventory() {
        return new InventoryAdminResource(session, realm, auth, adminEvent);
    }

    @Path("audit")
    public AuditAdminResource audit() {
        return new AuditAdminResource(session, realm, auth);
    }

    @Path("suspicious-usernames")
    public ReservedUsernamesAdminResource suspiciousUsernames() {
        return new ReservedUsernamesAdminResource(session, realm, auth);
    }
}

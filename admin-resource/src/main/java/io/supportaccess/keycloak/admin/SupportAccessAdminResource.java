package io.supportaccess.keycloak.admin;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.audit.rest.AuditAdminResource;
import io.supportaccess.keycloak.configcode.rest.ConfigurationExportResource;
import io.supportaccess.keycloak.configcode.rest.ConfigurationImportResource;
import io.supportaccess.keycloak.hierarchy.rest.HierarchyUsersResource;
import io.supportaccess.keycloak.inventory.rest.InventoryAdminResource;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import io.supportaccess.keycloak.rest.ApiException;
import io.supportaccess.keycloak.sessions.rest.SupportSessionsAdminResource;
import io.supportaccess.keycloak.username.rest.ReservedUsernamesAdminResource;
import io.supportaccess.keycloak.tenant.lifecycle.TenantLifecycle;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.util.Set;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Root of {@code /admin/realms/{realm}/support-access}; platform resources exist on the management
 * realm only. Each locator checks the permission to read its resource once; a sub-resource checks
 * only what its changes need beyond that.
 */
public class SupportAccessAdminResource {

    /** Methods whose endpoints check their own permissions; any other (GET, HEAD, ...) reads. */
    private static final Set<String> CHANGES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final SupportAccessAuth permissions;
    private final AdminEventBuilder adminEvent;

    public SupportAccessAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.permissions = SupportAccessAuth.of(session, realm, auth);
        this.adminEvent = adminEvent;
    }

    @Path("settings")
    public PlatformSettingsResource settings() {
        requireManagementRealm("Platform settings exist on the management realm only");
        permissions.requireViewRealm();
        return new PlatformSettingsResource(session, realm, permissions, adminEvent);
    }

    /** Reading needs view-realm or Tenant management READ; each change checks its own permission ({@link TenantLifecycle}). */
    @Path("tenants")
    public TenantsAdminResource tenants() {
        requireManagementRealm("Tenants exist on the management realm only");
        if (!CHANGES.contains(session.getContext().getHttpRequest().getHttpMethod())) {
            permissions.requireTenantRead();
        }
        return new TenantsAdminResource(session, realm, permissions, new TenantLifecycle(session, realm, permissions, adminEvent));
    }

    @Path("sessions")
    public SupportSessionsAdminResource sessions() {
        requireManagementRealm("Support sessions are listed on the management realm only");
        permissions.requireViewUsers();
        return new SupportSessionsAdminResource(session, realm, permissions, adminEvent);
    }

    @Path("consent-marks")
    public ConsentMarksResource consentMarks() {
        requireManagementRealm("Consent marks are listed on the management realm only");
        permissions.requireViewRealm();
        return new ConsentMarksResource(session, permissions, adminEvent);
    }

    @Path("inventory")
    public InventoryAdminResource inventory() {
        return new InventoryAdminResource(session, realm, auth, adminEvent);
    }

    /** Each endpoint checks what the caller may see or manage in the hierarchy ({@link HierarchyUsersResource}). */
    @Path("users")
    public HierarchyUsersResource users() {
        return new HierarchyUsersResource(session, realm, permissions, adminEvent);
    }

    @Path("audit")
    public AuditAdminResource audit() {
        permissions.requireAuditRead();
        return new AuditAdminResource(session, realm, auth);
    }

    /** The realm's extension data as one document (configuration as code); view-realm. */
    @Path("export")
    public ConfigurationExportResource export() {
        permissions.requireViewRealm();
        return new ConfigurationExportResource(session, realm, permissions);
    }

    /** A document of {@code export} imported into the realm; manage-realm. */
    @Path("import")
    public ConfigurationImportResource importer() {
        permissions.requireManageRealm();
        return new ConfigurationImportResource(session, realm, permissions);
    }

    @Path("suspicious-usernames")
    public ReservedUsernamesAdminResource suspiciousUsernames() {
        permissions.requireViewUsers();
        return new ReservedUsernamesAdminResource(session, realm, permissions);
    }


    private void requireManagementRealm(String otherwise) {
        if (!SupportAccessConfig.of(session).managementRealm().equals(realm.getName())) {
            throw ApiException.notFound(otherwise);
        }
    }
}

package io.supportaccess.keycloak.tenant.lifecycle;

import io.supportaccess.keycloak.inventory.TenantProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** A tenant as the lifecycle API answers it: the fields {@link TenantForm} takes, plus its status. */
final class TenantView {

    static final String ACTIVE = "ACTIVE";
    static final String SUSPENDED = "SUSPENDED";

    private TenantView() {
    }

    static String status(RealmModel tenant) {
        return tenant.isEnabled() ? ACTIVE : SUSPENDED;
    }

    static Map<String, Object> of(KeycloakSession session, RealmModel tenant) {
        UserModel admin = TenantAdministrator.find(session, tenant);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(TenantForm.ID, tenant.getName());
        json.put(TenantForm.STATUS, status(tenant));
        json.put(TenantForm.COMPANY, tenant.getDisplayName());
        json.put(TenantForm.ADMIN_NAME, admin == null ? null : admin.getUsername());
        json.put(TenantForm.ADMIN_EMAIL, admin == null ? null : admin.getEmail());
        json.put(TenantForm.CONTACT_NAME, tenant.getAttribute(TenantProperties.CONTACT_NAME_ATTRIBUTE));
        json.put(TenantForm.CONTACT_PHONE, tenant.getAttribute(TenantProperties.CONTACT_PHONE_ATTRIBUTE));
        json.put(TenantForm.EXTERNAL_REFERENCE, tenant.getAttribute(TenantProperties.EXTERNAL_REFERENCE_ATTRIBUTE));
        RealmModel management = session.realms().getRealmByName(io.supportaccess.keycloak.config.SupportAccessConfig.of(session).managementRealm());
        io.supportaccess.keycloak.settings.ApprovalMode approvalMode = management == null ? null
                : io.supportaccess.keycloak.settings.PlatformSettings.read(management).tenantApprovalMode(tenant.getName());
        json.put(TenantForm.APPROVAL_MODE, approvalMode == null ? null : approvalMode.json());
        return json;
    }
}

package io.supportaccess.keycloak.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.models.RealmModel;

/**
 * Custom properties of a tenant management object, taken from its realm: the tenant ID, the realm's
 * display name and state, and the fragment {@code customProperties} (seed: "externalReference and
 * other custom properties of the associated tenant": company, contact name and phone).
 */
public final class TenantProperties {

    public static final String EXTERNAL_REFERENCE_ATTRIBUTE = "supportAccess.externalReference";
    public static final String CONTACT_NAME_ATTRIBUTE = "supportAccess.contactName";
    public static final String CONTACT_PHONE_ATTRIBUTE = "supportAccess.contactPhone";
    /** The id of the tenant administrator created with the tenant (not a property: the object does not name users). */
    public static final String ADMINISTRATOR_ATTRIBUTE = "supportAccess.administrator";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TenantProperties() {
    }

    /** {@code pending}: attributes being set right now (Keycloak announces them before the realm returns them). */
    static String of(RealmModel tenant, Map<String, String> pending) {
        return json(map(tenant, pending));
    }

    /** The properties as they are now, read from the realm. */
    public static Map<String, Object> map(RealmModel tenant, Map<String, String> pending) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("tenantId", tenant.getName());
        String externalReference = attribute(tenant, pending, EXTERNAL_REFERENCE_ATTRIBUTE);
        properties.put("externalReference", externalReference);
        properties.put("displayName", tenant.getDisplayName());
        properties.put("enabled", tenant.isEnabled());
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("externalReference", externalReference);
        custom.put("company", tenant.getDisplayName() == null ? "" : tenant.getDisplayName());
        custom.put("contactName", attribute(tenant, pending, CONTACT_NAME_ATTRIBUTE));
        custom.put("contactPhone", attribute(tenant, pending, CONTACT_PHONE_ATTRIBUTE));
        properties.put("customProperties", custom);
        return properties;
    }

    private static String attribute(RealmModel tenant, Map<String, String> pending, String name) {
        String value = pending.containsKey(name) ? pending.get(name) : tenant.getAttribute(name);
        return value == null ? "" : value;
    }

    static String json(Map<String, ?> properties) {
        try {
            return JSON.writeValueAsString(properties);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.supportaccess.keycloak.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.models.RealmModel;

/** Custom properties of a tenant management object, taken from its realm. */
public final class TenantProperties {

    static final String EXTERNAL_REFERENCE_ATTRIBUTE = "supportAccess.externalReference";
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
        String externalReference = pending.containsKey(EXTERNAL_REFERENCE_ATTRIBUTE)
                ? pending.get(EXTERNAL_REFERENCE_ATTRIBUTE) : tenant.getAttribute(EXTERNAL_REFERENCE_ATTRIBUTE);
        properties.put("externalReference", externalReference == null ? "" : externalReference);
        properties.put("displayName", tenant.getDisplayName());
        properties.put("enabled", tenant.isEnabled());
        return properties;
    }

    static String json(Map<String, ?> properties) {
        try {
            return JSON.writeValueAsString(properties);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

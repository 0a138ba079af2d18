package io.supportaccess.keycloak.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.models.RealmModel;

/** Custom properties of a tenant management object, taken from its realm. */
final class TenantProperties {

    static final String EXTERNAL_REFERENCE_ATTRIBUTE = "supportAccess.externalReference";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TenantProperties() {
    }

    static String of(RealmModel tenant) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("tenantId", tenant.getName());
        String externalReference = tenant.getAttribute(EXTERNAL_REFERENCE_ATTRIBUTE);
        properties.put("externalReference", externalReference == null ? "" : externalReference);
        properties.put("displayName", tenant.getDisplayName());
        properties.put("enabled", tenant.isEnabled());
        return json(properties);
    }

    static String json(Map<String, ?> properties) {
        try {
            return JSON.writeValueAsString(properties);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

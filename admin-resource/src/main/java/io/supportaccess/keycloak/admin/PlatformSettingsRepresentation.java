package io.supportaccess.keycloak.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.settings.PlatformSettings;
import io.supportaccess.keycloak.settings.PlatformSettingsJson;
import java.util.Map;

/**
 * The platform settings as the body of {@code GET/PUT .../settings}: the fields of
 * {@link PlatformSettingsJson} (shared with the management realm's configuration document),
 * named bare in error messages. An update takes any subset of the fields.
 */
final class PlatformSettingsRepresentation {

    private PlatformSettingsRepresentation() {
    }

    static Map<String, Object> of(PlatformSettings settings) {
        return PlatformSettingsJson.of(settings);
    }

    /** {@code current} with the fields of an update; {@code InvalidInput} naming the field for a wrong value. */
    static PlatformSettings apply(PlatformSettings current, JsonNode update) {
        return PlatformSettingsJson.apply(current, update, "");
    }
}

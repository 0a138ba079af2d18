package io.supportaccess.keycloak.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.supportaccess.keycloak.InvalidInput;
import org.junit.jupiter.api.Test;

class PlatformSettingsJsonTest {

    private static final PlatformSettings DEFAULTS = new PlatformSettings(SupportActivation.ALL, false, 24, 168);

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text.replace('\'', '"'));
    }

    @Test
    void whatItWritesReadsBackTheSame() throws Exception {
        PlatformSettings changed = PlatformSettingsJson.apply(DEFAULTS, json("{'supportAccessActivated':['globex','acme'],"
                + "'excludedTenants':['initech'],'validityLimitHours':48,'approvalMode':'available','platformSupportMode':'read-only'}"), "");
        JsonNode written = new ObjectMapper().valueToTree(PlatformSettingsJson.of(changed));
        assertThat(written.get("supportAccessActivated").toString()).isEqualTo("[\"acme\",\"globex\"]");
        assertThat(written.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(PlatformSettingsJson.FIELDS);
        assertThat(PlatformSettingsJson.of(PlatformSettingsJson.apply(DEFAULTS, written, ""))).isEqualTo(PlatformSettingsJson.of(changed));
    }

    @Test
    void errorsNameTheFieldUnderThePathOfTheirDocument() throws Exception {
        assertThatThrownBy(() -> PlatformSettingsJson.apply(DEFAULTS, json("{'validityLimitHours':0}"), "settings."))
                .isInstanceOf(InvalidInput.class).hasMessageStartingWith("'settings.validityLimitHours' must be a whole number");
        assertThatThrownBy(() -> PlatformSettingsJson.apply(DEFAULTS, json("{'validityLimitHours':0}"), ""))
                .isInstanceOf(InvalidInput.class).hasMessageStartingWith("'validityLimitHours' must be a whole number");
        assertThatThrownBy(() -> PlatformSettingsJson.apply(DEFAULTS, json("{'colour':'red'}"), "settings."))
                .isInstanceOf(InvalidInput.class).hasMessageStartingWith("Unknown field 'settings.colour'");
        assertThatThrownBy(() -> PlatformSettingsJson.apply(DEFAULTS, json("{'approvalMode':'sometimes'}"), "settings."))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("'settings.approvalMode'");
        assertThatThrownBy(() -> PlatformSettingsJson.apply(DEFAULTS, json("{'excludedTenants':['bad,id']}"), "settings."))
                .isInstanceOf(InvalidInput.class).hasMessageStartingWith("'settings.excludedTenants': not a tenant ID");
        assertThatThrownBy(() -> PlatformSettingsJson.apply(DEFAULTS, json("{'maxOpenAheadHours':10}"), "settings."))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("'settings.maxOpenAheadHours' (10) must be at least 'settings.validityLimitHours' (24)");
    }
}

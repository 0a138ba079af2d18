package io.supportaccess.keycloak.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.rest.JsonBody;
import io.supportaccess.keycloak.settings.PlatformSettings;
import io.supportaccess.keycloak.settings.SupportActivation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformSettingsRepresentationTest {

    private static final PlatformSettings DEFAULTS = new PlatformSettings(SupportActivation.ALL, false, 24, 168);

    @Test
    void anUpdateChangesOnlyTheFieldsItNames() {
        PlatformSettings updated = PlatformSettingsRepresentation.apply(DEFAULTS,
                JsonBody.object("{\"supportAccessActivated\":[\"globex\",\"acme\"],\"validityLimitHours\":48}"));
        assertThat(updated.activation().tenants()).containsExactlyInAnyOrder("acme", "globex");
        assertThat(updated.validityLimitHours()).isEqualTo(48);
        assertThat(updated.maxOpenAheadHours()).isEqualTo(168);
        assertThat(PlatformSettingsRepresentation.of(updated).get("supportAccessActivated").toString()).isEqualTo("[acme, globex]");
    }

    @Test
    void accessRequestsForAnyUserAreAllowedByDefaultAndTheSwitchSurvivesOtherChanges() {
        assertThat(PlatformSettingsRepresentation.of(DEFAULTS).get("accessRequestAnyUserAllowed")).isEqualTo(true);
        PlatformSettings named = PlatformSettingsRepresentation.apply(DEFAULTS, JsonBody.object("{\"accessRequestAnyUserAllowed\":false}"));
        assertThat(named.accessRequestAnyUserAllowed()).isFalse();
        PlatformSettings later = PlatformSettingsRepresentation.apply(named,
                JsonBody.object("{\"approvalMode\":\"only\",\"supportReasonRequired\":true,\"validityLimitHours\":48}"));
        assertThat(later.accessRequestAnyUserAllowed()).as("other changes keep it").isFalse();
        assertThatThrownBy(() -> PlatformSettingsRepresentation.apply(DEFAULTS, JsonBody.object("{\"accessRequestAnyUserAllowed\":\"no\"}")))
                .hasMessageContaining("accessRequestAnyUserAllowed");
    }

    @Test
    void reasonsAreOptionalByDefaultAndTheSettingSurvivesOtherChanges() {
        assertThat(PlatformSettingsRepresentation.of(DEFAULTS).get("supportReasonRequired")).isEqualTo(false);
        PlatformSettings required = PlatformSettingsRepresentation.apply(DEFAULTS, JsonBody.object("{\"supportReasonRequired\":true}"));
        assertThat(required.reasonRequired()).isTrue();
        PlatformSettings later = PlatformSettingsRepresentation.apply(required,
                JsonBody.object("{\"supportAccessActivated\":false,\"excludedTenants\":[\"acme\"],\"supportUserOtpRequired\":true,"
                        + "\"validityLimitHours\":48,\"maxOpenAheadHours\":200,\"supportSessionIdleMinutes\":5,"
                        + "\"supportSessionMaxHours\":2,\"supportOfflineAccessAllowed\":true}"));
        assertThat(later.reasonRequired()).as("every other setting's change keeps it").isTrue();
        assertThat(PlatformSettingsRepresentation.apply(later, JsonBody.object("{\"supportReasonRequired\":false}")).reasonRequired()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"supportAccessActivated\":\"yes\"}", "{\"supportAccessActivated\":[1]}",
            "{\"supportAccessActivated\":[\"bad,id\"]}", "{\"excludedTenants\":\"acme\"}", "{\"supportUserOtpRequired\":1}",
            "{\"validityLimitHours\":0}", "{\"maxOpenAheadHours\":10,\"validityLimitHours\":24}", "{\"unknown\":true}", "{\"supportReasonRequired\":\"true\"}"})
    void wrongValuesAreInvalidInputNamingTheField(String body) {
        assertThatThrownBy(() -> PlatformSettingsRepresentation.apply(DEFAULTS, JsonBody.object(body)))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("'");
    }

    @Test
    void tenantsAreNotNotifiedUntilTheSettingIsSwitchedOn() {
        assertThat(PlatformSettingsRepresentation.of(DEFAULTS).get("notifyTenants")).isEqualTo(false);
        PlatformSettings on = PlatformSettingsRepresentation.apply(DEFAULTS, JsonBody.object("{\"notifyTenants\":true}"));
        assertThat(on.notifyTenants()).isTrue();
        assertThat(on.withValidityLimitHours(12).notifyTenants()).as("kept by other changes").isTrue();
        assertThatThrownBy(() -> PlatformSettingsRepresentation.apply(DEFAULTS, JsonBody.object("{\"notifyTenants\":\"yes\"}")))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("'notifyTenants'");
    }
}

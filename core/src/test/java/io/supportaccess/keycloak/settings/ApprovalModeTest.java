package io.supportaccess.keycloak.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportaccess.keycloak.InvalidInput;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApprovalModeTest {

    @Test
    void callersSendTheLowerCaseNamesOnly() {
        assertThat(ApprovalMode.parse("only", "approvalMode")).isEqualTo(ApprovalMode.ONLY);
        assertThat(ApprovalMode.AVAILABLE.json()).isEqualTo("available");
        assertThatThrownBy(() -> ApprovalMode.parse("ONLY", "approvalMode")).isInstanceOf(InvalidInput.class).hasMessageContaining("approvalMode");
        assertThatThrownBy(() -> ApprovalMode.parse(null, "approvalMode")).isInstanceOf(InvalidInput.class);
        assertThat(ApprovalMode.stored("garbage", ApprovalMode.OFF)).isEqualTo(ApprovalMode.OFF);
    }

    @Test
    void anOperatorsTenantChoiceWinsAndOnlyTakesThePlatformOpeningAway() {
        PlatformSettings settings = new PlatformSettings(SupportActivation.ALL, false, 24)
                .withApproval(ApprovalMode.AVAILABLE, 24, Map.of("acme", ApprovalMode.ONLY, "globex", ApprovalMode.OFF));
        assertThat(settings.approvalMode("acme")).isEqualTo(ApprovalMode.ONLY);
        assertThat(settings.approvalMode("globex")).isEqualTo(ApprovalMode.OFF);
        assertThat(settings.approvalMode("initech")).isEqualTo(ApprovalMode.AVAILABLE);
        assertThat(settings.opensByPlatform("acme")).isFalse();
        assertThat(settings.opensByPlatform("globex")).isTrue();
        assertThat(settings.opensByPlatform("initech")).isTrue();
        assertThat(settings.withValidityLimitHours(12).approvalMode("acme")).as("kept through other changes").isEqualTo(ApprovalMode.ONLY);
    }
}

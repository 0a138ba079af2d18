package io.supportaccess.keycloak.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportaccess.keycloak.decision.TenantOpenness.ActiveRequest;
import io.supportaccess.keycloak.settings.SupportMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantOpennessTest {

    private static final ActiveRequest EARLY_READ_ONLY = new ActiveRequest("early", 1_000L, SupportMode.READ_ONLY);
    private static final ActiveRequest LATE_READ_ONLY = new ActiveRequest("late", 5_000L, SupportMode.READ_ONLY);
    private static final ActiveRequest FULL = new ActiveRequest("full", 3_000L, SupportMode.FULL);

    @Test
    void nothingOpensATenantWithoutThePlatformAndWithoutActiveRequests() {
        // a login must not record "opened by the platform" for a tenant whose last request ran out meanwhile
        TenantOpenness closed = new TenantOpenness(false, SupportMode.FULL, true, List.of());
        assertThat(closed.opening()).isEmpty();
    }

    @Test
    void thePlatformOpensBeforeAnyRequest() {
        TenantOpenness openness = new TenantOpenness(true, SupportMode.READ_ONLY, true, List.of(LATE_READ_ONLY));
        assertThat(openness.opening()).get().extracting(SupportAccessDecision.Opening::openedBy).isEqualTo("platform");
        assertThat(openness.opening().get().expiresAt()).isNull();
        assertThat(openness.mode()).isEqualTo(SupportMode.READ_ONLY);
    }

    @Test
    void theRequestThatEndsLastOpensAndTheStrongestModeWins() {
        TenantOpenness openness = new TenantOpenness(false, SupportMode.FULL, true, List.of(EARLY_READ_ONLY, LATE_READ_ONLY, FULL));
        assertThat(openness.opening()).get().extracting(SupportAccessDecision.Opening::openedBy).isEqualTo("request:late");
        assertThat(openness.opening().get().expiresAt()).isEqualTo(5_000L);
        assertThat(openness.mode()).isEqualTo(SupportMode.FULL);
        assertThat(new TenantOpenness(false, SupportMode.FULL, true, List.of(EARLY_READ_ONLY, LATE_READ_ONLY)).mode())
                .isEqualTo(SupportMode.READ_ONLY);
    }

    @Test
    void aFullRequestLiftsTheReadOnlyPlatformMode() {
        assertThat(new TenantOpenness(true, SupportMode.READ_ONLY, true, List.of(FULL)).mode()).isEqualTo(SupportMode.FULL);
        assertThat(new TenantOpenness(true, SupportMode.FULL, true, List.of(LATE_READ_ONLY)).mode()).isEqualTo(SupportMode.FULL);
    }

    @Test
    void whereOnlyApprovalsOpenRequestsOpenNothingAndTheModeIsFull() {
        TenantOpenness approvalsOnly = new TenantOpenness(false, SupportMode.FULL, false, List.of(LATE_READ_ONLY));
        assertThat(approvalsOnly.opening()).isEmpty();
        assertThat(approvalsOnly.mode()).isEqualTo(SupportMode.FULL);
    }
}

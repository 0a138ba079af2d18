package io.supportaccess.keycloak.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RetentionPacingTest {

    @Test
    void atTenPercentABatchIsFollowedByNineTimesItsDuration() {
        assertThat(new RetentionPacing(10).pauseMillis(130)).isEqualTo(1170);
    }

    @Test
    void atFiftyPercentWorkAndRestAreEqual() {
        assertThat(new RetentionPacing(50).pauseMillis(200)).isEqualTo(200);
    }

    @Test
    void fullSpeedNeverRests() {
        assertThat(RetentionPacing.FULL_SPEED.pauseMillis(5_000)).isZero();
    }

    @Test
    void aClockGoingBackwardsGivesNoNegativePause() {
        assertThat(new RetentionPacing(10).pauseMillis(-40)).isZero();
    }

    @Test
    void loadsOutsideOneToHundredAreRefused() {
        assertThatThrownBy(() -> new RetentionPacing(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetentionPacing(101)).isInstanceOf(IllegalArgumentException.class);
    }
}

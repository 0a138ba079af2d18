package io.supportaccess.keycloak.requests;

import io.supportaccess.keycloak.InvalidInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProlongationTest {

    static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void seedExampleExpiryStillAheadIsProlongedFromTheExpiry() {
        // expiry 01/09 15:00, limit 24 h, a new request (here on 01/09 10:00) makes it 01/10 15:00
        long expiry = Prolongation.newExpiry(at("2026-01-09T15:00:00Z"), at("2026-01-09T10:00:00Z"), 24);
        assertThat(expiry).isEqualTo(at("2026-01-10T15:00:00Z"));
    }

    @Test
    void pastOrMissingExpiryCountsFromNow() {
        long now = at("2026-01-12T08:00:00Z");
        assertThat(Prolongation.newExpiry(at("2026-01-10T15:00:00Z"), now, 24)).isEqualTo(at("2026-01-13T08:00:00Z"));
        assertThat(Prolongation.newExpiry(null, now, 2)).isEqualTo(at("2026-01-12T10:00:00Z"));
        assertThat(Prolongation.newExpiry(now, now, 1)).isEqualTo(at("2026-01-12T09:00:00Z"));
    }

    @Test
    void limitOutOfRangeIsRefused() {
        assertThatThrownBy(() -> Prolongation.newExpiry(null, 0, 0)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Prolongation.newExpiry(null, 0, 8761)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void boundedExpiryProlongsUpToTheLimitAheadAndRefusesWhatWouldPassIt() {
        long now = at("2026-01-12T08:00:00Z");
        assertThat(Prolongation.boundedExpiry(null, now, 24, 168)).hasValue(at("2026-01-13T08:00:00Z"));
        assertThat(Prolongation.boundedExpiry(at("2026-01-18T08:00:00Z"), now, 24, 168)).hasValue(at("2026-01-19T08:00:00Z"));
        assertThat(Prolongation.boundedExpiry(at("2026-01-18T08:00:01Z"), now, 24, 168)).isEmpty();
        assertThat(Prolongation.acceptedFrom(at("2026-01-19T00:00:00Z"), 24, 168)).isEqualTo(at("2026-01-13T00:00:00Z"));
        // a validity limit above the bound still lets the first request through
        assertThat(Prolongation.boundedExpiry(null, now, 200, 168)).hasValue(now + 200 * 3_600_000L);
    }
}

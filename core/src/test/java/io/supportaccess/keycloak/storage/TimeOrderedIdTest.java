package io.supportaccess.keycloak.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdTest {

    @Test
    void isAVersion7UuidCarryingItsMillisecond() {
        long millis = 1_764_700_000_123L;
        UUID id = UUID.fromString(TimeOrderedId.at(millis));
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        assertThat(id.toString()).hasSize(36);
    }

    @Test
    void laterIdsSortAfterEarlierOnesAsText() {
        List<String> ids = new ArrayList<>();
        for (long millis = 1_764_700_000_000L; millis < 1_764_700_000_000L + 50; millis++) {
            ids.add(TimeOrderedId.at(millis));
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void idsOfTheSameMillisecondDiffer() {
        assertThat(TimeOrderedId.at(5L)).isNotEqualTo(TimeOrderedId.at(5L));
    }
}

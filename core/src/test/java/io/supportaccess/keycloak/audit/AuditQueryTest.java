package io.supportaccess.keycloak.audit;

import io.supportaccess.keycloak.InvalidInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditQueryTest {

    @Test
    void cursorsRoundTrip() {
        AuditQuery.Cursor cursor = new AuditQuery.Cursor(1_763_900_000_123L, "0b1c2d3e-aaaa-bbbb-cccc-0123456789ab");
        assertThat(AuditQuery.Cursor.parse(cursor.toString())).contains(cursor);
        assertThat(AuditQuery.Cursor.parse(null)).isEmpty();
        assertThat(AuditQuery.Cursor.parse("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "12", ".abc", "12.", "99999999999999999999.abc", "12.a b", "12.a'--", "12.0123456789012345678901234567890123456789"})
    void malformedCursorsAreRefused(String value) {
        assertThatThrownBy(() -> AuditQuery.Cursor.parse(value)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void pageSizeAndRangeAreChecked() {
        assertThatThrownBy(() -> new AuditQuery(null, null, null, null, null, null, null, null, 0)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new AuditQuery(null, null, null, null, null, null, null, null, 1001)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new AuditQuery(null, null, null, null, null, 2L, 1L, null, 10)).isInstanceOf(InvalidInput.class);
        assertThat(new AuditQuery(null, null, null, null, null, 1L, 1L, null, 1000).pageSize()).isEqualTo(1000);
    }

    @Test
    void typesParseByDisplayNameOrConstant() {
        assertThat(AuditType.parse("User login")).contains(AuditType.USER_LOGIN);
        assertThat(AuditType.parse("user LOGIN")).contains(AuditType.USER_LOGIN);
        assertThat(AuditType.parse("INVENTORY_ROLE")).contains(AuditType.INVENTORY_ROLE);
        assertThat(AuditType.parse("Alarm")).isEmpty();
        assertThat(AuditType.parse(null)).isEmpty();
    }
}

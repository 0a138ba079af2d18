package io.supportaccess.keycloak.username;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReservedUsernamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"jill$amy", "$", "jill$", "jill\uFF04amy", "jill\uFE69amy", "jill\uD83D\uDCB2amy",
            "jill\u200B$amy", "JILL$AMY"})
    void namesThatReadLikeASupportLoginAreReserved(String name) {
        assertThat(ReservedUsernames.isReserved(name)).isTrue();
        assertThat(ReservedUsernames.reason(name)).contains("U+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"john", "jill.amy", "j\u00F6rg", "\u5F20\u4F1F", "jill-amy@example.com", "s\u0336amy", "jill\u20ACamy"})
    void ordinaryNamesAreNot(String name) {
        assertThat(ReservedUsernames.isReserved(name)).isFalse();
    }
}

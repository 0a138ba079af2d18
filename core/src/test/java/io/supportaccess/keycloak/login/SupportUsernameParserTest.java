package io.supportaccess.keycloak.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SupportUsernameParserTest {

    @Test
    void supportUserAndTarget() {
        assertThat(SupportUsernameParser.parse("jill$john"))
                .contains(new SupportUsername(Optional.empty(), "jill", Optional.of("john")));
    }

    @Test
    void emptyTargetMeansAnAdministrator() {
        SupportUsername name = SupportUsernameParser.parse("jill$").orElseThrow();
        assertThat(name.targetsAdministrator()).isTrue();
        assertThat(name.supportUser()).isEqualTo("jill");
    }

    @Test
    void tenantPrefix() {
        assertThat(SupportUsernameParser.parse("acme/jill$john"))
                .contains(new SupportUsername(Optional.of("acme"), "jill", Optional.of("john")));
    }

    @Test
    void surroundingWhitespaceIsIgnoredLikeKeycloakDoes() {
        assertThat(SupportUsernameParser.parse("  jill$john ")).isPresent();
    }

    @Test
    void whoIsSupportDollarUser() {
        assertThat(SupportUsernameParser.parse("jill$john").orElseThrow().who("john")).isEqualTo("jill$john");
    }

    @ParameterizedTest
    @ValueSource(strings = {"john", "", "$", "$john", "jill$$john", "jill$jo$hn", "a/b/jill$john", "/jill$john",
            "acme/$john", "ji ll$john", "jill$jo\u0000hn", "jill\n$john", "jill$john\u0007", "jill$jo hn"})
    void rejected(String raw) {
        assertThat(SupportUsernameParser.parse(raw)).isEmpty();
    }

    @Test
    void veryLongInputIsRejected() {
        assertThat(SupportUsernameParser.parse("j".repeat(10_000) + "$john")).isEmpty();
        assertThat(SupportUsernameParser.parse("jill$" + "j".repeat(300))).isEmpty();
    }

    @Test
    void nullIsRejected() {
        assertThat(SupportUsernameParser.parse(null)).isEmpty();
        assertThat(SupportUsernameParser.looksLikeSupportLogin(null)).isFalse();
    }

    @Test
    void nonAsciiLookAlikesAreParsedAsWrittenNotNormalised() {
        // Cyrillic 'і' in "jіll": parsed literally, so it can only match a user with exactly that name.
        assertThat(SupportUsernameParser.parse("j\u0456ll$john").orElseThrow().supportUser()).isEqualTo("j\u0456ll");
    }
}

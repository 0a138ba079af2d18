package io.supportaccess.keycloak.reason;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportaccess.keycloak.reason.SupportReason.Problem;
import org.junit.jupiter.api.Test;

class SupportReasonTest {

    @Test
    void printableReasonsUpToTheLimitAreAccepted() {
        assertThat(SupportReason.problemOf("TICKET-4711")).isNull();
        assertThat(SupportReason.problemOf("Kunde meldet: Gerät \"Pumpe 3\" offline <ok?> & €")).isNull();
        assertThat(SupportReason.problemOf("x".repeat(200))).isNull();
        // counted in characters, not UTF-16 units
        assertThat(SupportReason.problemOf("\uD83D\uDE00".repeat(200))).isNull();
        assertThat(SupportReason.normalise("  T-1 \t")).isEqualTo("T-1");
    }

    @Test
    void missingBlankTooLongAndUnprintableReasonsAreRefused() {
        assertThat(SupportReason.problemOf(null)).isEqualTo(Problem.MISSING);
        assertThat(SupportReason.problemOf(" \t ")).isEqualTo(Problem.MISSING);
        assertThat(SupportReason.problemOf("x".repeat(201))).isEqualTo(Problem.TOO_LONG);
        assertThat(SupportReason.problemOf("a\nb")).isEqualTo(Problem.NOT_PRINTABLE);
        assertThat(SupportReason.problemOf("a\u0000b")).isEqualTo(Problem.NOT_PRINTABLE);
        assertThat(SupportReason.problemOf("a\u001b[31mb")).isEqualTo(Problem.NOT_PRINTABLE);
        assertThat(SupportReason.problemOf("abc\u202Efed")).isEqualTo(Problem.NOT_PRINTABLE);
        assertThat(SupportReason.problemOf("a\u200Bb")).isEqualTo(Problem.NOT_PRINTABLE);
        assertThat(SupportReason.problemOf("a\u2028b")).isEqualTo(Problem.NOT_PRINTABLE);
        assertThat(SupportReason.problemOf("a\uE000b")).isEqualTo(Problem.NOT_PRINTABLE);
        assertThat(SupportReason.problemOf("a\uD800b")).isEqualTo(Problem.NOT_PRINTABLE);
    }

    @Test
    void aRefusedReasonIsOfferedAgainCutAndWithUnprintablesMarked() {
        assertThat(SupportReason.forCorrection(null)).isEmpty();
        assertThat(SupportReason.forCorrection("a\u0007b\nc")).isEqualTo("a\uFFFDb\uFFFDc");
        assertThat(SupportReason.forCorrection("x".repeat(10_000))).hasSize(400);
    }
}

package io.supportaccess.keycloak.settings;

import io.supportaccess.keycloak.InvalidInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SupportActivationTest {

    @Test
    void trueOpensEveryTenant() {
        SupportActivation all = SupportActivation.fromStored("true");
        assertThat(all.opens("acme")).isTrue();
        assertThat(all.toStored()).isEqualTo("true");
    }

    @Test
    void falseAndAbsentOpenNone() {
        assertThat(SupportActivation.fromStored("false").opens("acme")).isFalse();
        assertThat(SupportActivation.fromStored(null).opens("acme")).isFalse();
        assertThat(SupportActivation.fromStored("  ").opens("acme")).isFalse();
    }

    @Test
    void listOpensOnlyListedTenants() {
        SupportActivation some = SupportActivation.fromStored("acme, globex");
        assertThat(some.opens("acme")).isTrue();
        assertThat(some.opens("globex")).isTrue();
        assertThat(some.opens("initech")).isFalse();
        assertThat(some.toStored()).isEqualTo("acme,globex");
    }

    @Test
    void emptyListIsNone() {
        assertThat(SupportActivation.of(List.of())).isEqualTo(SupportActivation.NONE);
    }

    @Test
    void invalidTenantIdsAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> SupportActivation.of(List.of("acme", "bad,id")))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("not a tenant ID");
        assertThatThrownBy(() -> SupportActivation.of(java.util.Arrays.asList("acme", null)))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void corruptStoredValueFailsClosed() {
        assertThat(SupportActivation.fromStored("acme,b\u0000d").opens("acme")).isFalse();
    }
}

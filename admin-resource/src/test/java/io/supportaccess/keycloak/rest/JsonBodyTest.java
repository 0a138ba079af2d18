package io.supportaccess.keycloak.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportaccess.keycloak.InvalidInput;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "{", "not json", "[]", "null", "42", "\"text\""})
    void anythingButAJsonObjectIsA400(String body) {
        assertThatThrownBy(() -> JsonBody.object(body)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getResponse().getStatus()).isEqualTo(400));
    }

    @Test
    void anOversizedBodyIsA413() {
        String body = "{\"a\":\"" + "x".repeat(JsonBody.MAX_CHARS) + "\"}";
        assertThatThrownBy(() -> JsonBody.object(body)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getResponse().getStatus()).isEqualTo(413));
    }

    @Test
    void fieldsAreReadOrRefusedNamingTheField() {
        var json = JsonBody.object("{\"name\":\" pump \",\"on\":true,\"hours\":24,\"ids\":[\"a\",\"b\"],\"blank\":\"  \",\"ids2\":[1]}");
        assertThat(JsonBody.text(json, "name", true)).isEqualTo("pump");
        assertThat(JsonBody.text(json, "missing", false)).isNull();
        assertThat(JsonBody.bool(json, "on")).isTrue();
        assertThat(JsonBody.wholeNumber(json, "hours", 1, 8760, "hours")).isEqualTo(24);
        assertThat(JsonBody.strings(json, "ids", 10, "tenant IDs")).containsExactly("a", "b");
        assertThatThrownBy(() -> JsonBody.text(json, "missing", true)).isInstanceOf(InvalidInput.class).hasMessageContaining("'missing'");
        assertThatThrownBy(() -> JsonBody.text(json, "blank", true)).isInstanceOf(InvalidInput.class).hasMessageContaining("'blank'");
        assertThatThrownBy(() -> JsonBody.bool(json, "name")).isInstanceOf(InvalidInput.class).hasMessageContaining("'name'");
        assertThatThrownBy(() -> JsonBody.wholeNumber(json, "hours", 1, 12, "hours")).isInstanceOf(InvalidInput.class).hasMessageContaining("1 to 12");
        assertThatThrownBy(() -> JsonBody.strings(json, "ids", 1, "tenant IDs")).isInstanceOf(InvalidInput.class).hasMessageContaining("at most 1");
        assertThatThrownBy(() -> JsonBody.strings(json, "ids2", 10, "tenant IDs")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> JsonBody.requireKnownFields(json, Set.of("name"))).isInstanceOf(InvalidInput.class).hasMessageContaining("Unknown field");
    }
}

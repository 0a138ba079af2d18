package io.supportaccess.keycloak.audit.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdateChangesTest {

    @Test
    void onlyDifferingFieldsAndAttributesAreNamed() {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("username", "carol");
        before.put("firstName", "Carol");
        before.put("email", null);
        before.put("attributes.phone", List.of("1"));
        before.put("attributes.team", List.of("a"));
        Map<String, Object> after = new LinkedHashMap<>(before);
        after.put("firstName", "Caroline");
        after.put("email", "c@x.example");
        after.remove("attributes.team");
        after.put("attributes.room", List.of("7"));

        assertThat(UpdateChanges.changed(before, after)).containsExactly("firstName", "email", "team", "room");
        assertThat(UpdateChanges.changed(before, new LinkedHashMap<>(before))).isEmpty();

        // an unset setting stored as its default is no change; a real change from the default is
        Map<String, Object> unset = new LinkedHashMap<>(Map.of("displayName", "Acme"));
        Map<String, Object> defaults = new LinkedHashMap<>(Map.of("displayName", "Acme", "clientSessionIdleTimeout", 0,
                "scimApiEnabled", false, "attributes.none", List.of()));
        assertThat(UpdateChanges.changed(unset, defaults)).isEmpty();
        defaults.put("scimApiEnabled", true);
        assertThat(UpdateChanges.changed(unset, defaults)).containsExactly("scimApiEnabled");
    }
}

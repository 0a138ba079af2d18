package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;

/** Audit records of updates list what changed, not what was sent. */
class AuditChangesIT {

    static String tenant;

    @BeforeAll
    static void platform() {
        tenant = Platform.createTenant("changes");
    }

    @Test
    void aFirstNameChangeListsOnlyTheFirstName() {
        String carol = Platform.createUser(tenant, "carol", "carol-pw");
        String userUrl = Platform.url() + "/admin/realms/" + tenant + "/users/" + carol;

        Http.Reply partial = Http.put(userUrl, Platform.adminToken(), "application/json", "{\"firstName\":\"Caroline\"}");
        assertThat(partial.status()).as(partial.body()).isEqualTo(204);
        assertThat(latestUserChanges()).containsExactly("firstName");

        // as the admin console does it: the whole representation, one field changed
        JsonNode full = Http.get(userUrl, Platform.adminToken()).json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) full).put("firstName", "Carolina");
        Http.Reply whole = Http.put(userUrl, Platform.adminToken(), "application/json", full.toString());
        assertThat(whole.status()).as(whole.body()).isEqualTo(204);
        assertThat(full.size()).isGreaterThan(5);
        assertThat(latestUserChanges()).containsExactly("firstName");
    }

    @Test
    void severalChangesAreListedAndANoOpUpdateListsNone() {
        String dora = Platform.createUser(tenant, "dora", "dora-pw");
        var resource = Platform.realm(tenant).users().get(dora);
        UserRepresentation rep = resource.toRepresentation();
        rep.setLastName("Changed");
        rep.setEmail("dora.new@changes.example");
        rep.setEnabled(false);
        resource.update(rep);
        assertThat(latestUserChanges()).containsExactlyInAnyOrder("lastName", "email", "enabled");

        resource.update(resource.toRepresentation());
        assertThat(latestUserChanges()).isEmpty();

        UserRepresentation withAction = resource.toRepresentation();
        withAction.setRequiredActions(List.of("UPDATE_PASSWORD"));
        resource.update(withAction);
        assertThat(latestUserChanges()).containsExactly("requiredActions");
    }

    private static List<String> latestUserChanges() {
        JsonNode latest = Audit.all(tenant, Map.of("type", "User")).get(0);
        assertThat(latest.get("activity").asText()).isEqualTo("User updated");
        List<String> changes = new java.util.ArrayList<>();
        latest.path("changes").forEach(c -> changes.add(c.asText()));
        return changes;
    }
}

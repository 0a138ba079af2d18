package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
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

    @Test
    void groupRoleClientAndTenantUpdatesListWhatChanged() {
        var realm = Platform.realm(tenant);
        GroupRepresentation group = new GroupRepresentation();
        group.setName("ops");
        String groupId;
        try (Response response = realm.groups().add(group)) {
            assertThat(response.getStatus()).isEqualTo(201);
            groupId = response.getLocation().getPath().replaceAll(".*/", "");
        }
        GroupRepresentation groupRep = realm.groups().group(groupId).toRepresentation();
        groupRep.setName("operations");
        realm.groups().group(groupId).update(groupRep);
        assertThat(latestChanges("Global role", "Group updated")).containsExactly("name");

        RoleRepresentation role = new RoleRepresentation();
        role.setName("auditor-" + Platform.unique("r"));
        realm.roles().create(role);
        RoleRepresentation roleRep = realm.roles().get(role.getName()).toRepresentation();
        roleRep.setDescription("reads the audit");
        realm.rolesById().updateRole(roleRep.getId(), roleRep);
        assertThat(latestChanges("Global role", "Role updated")).containsExactly("description");

        String appId = realm.clients().findByClientId(Platform.CLIENT).get(0).getId();
        ClientRepresentation client = realm.clients().get(appId).toRepresentation();
        client.setDescription("the tenant's app");
        realm.clients().get(appId).update(client);
        assertThat(latestChanges("Application", "Application updated")).containsExactly("description");

        RealmRepresentation tenantRep = realm.toRepresentation();
        tenantRep.setDisplayName("Changes Inc.");
        realm.update(tenantRep);
        assertThat(latestChanges("Tenant", "Tenant realm updated")).containsExactly("displayName");
    }

    private static List<String> latestChanges(String type, String activity) {
        JsonNode latest = Audit.all(tenant, Map.of("type", type)).get(0);
        assertThat(latest.get("activity").asText()).isEqualTo(activity);
        List<String> changes = new java.util.ArrayList<>();
        latest.path("changes").forEach(c -> changes.add(c.asText()));
        return changes;
    }

    private static List<String> latestUserChanges() {
        JsonNode latest = Audit.all(tenant, Map.of("type", "User")).get(0);
        assertThat(latest.get("activity").asText()).isEqualTo("User updated");
        List<String> changes = new java.util.ArrayList<>();
        latest.path("changes").forEach(c -> changes.add(c.asText()));
        return changes;
    }
}

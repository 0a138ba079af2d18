package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SetupVersion;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * Every tenant realm and the management realm get the permission roles of the seed's categories and
 * its pre-configured global roles; where a permission means something Keycloak controls, the role
 * really does it.
 */
class PermissionCatalogueIT {

    static final List<String> GLOBAL_ROLES = List.of("admins", "devices", "business", "readers", "CEP Manager", "Cockpit User",
            "Devicemanagement User", "Global Manager", "Global Reader", "Global User Manager", "Shared User Manager", "Tenant Manager");

    @Test
    void aNewTenantHasThePermissionRolesAndTheGlobalRoles() {
        String tenant = Platform.createTenant("catalogue");
        List<String> names = roleNames(tenant);
        assertThat(names).contains("ROLE_ALARM_READ", "ROLE_ALARM_ADMIN", "ROLE_INVENTORY_CREATE", "ROLE_TENANT_MANAGEMENT_CREATE",
                "ROLE_TENANT_MANAGEMENT_UPDATE", "ROLE_TENANT_MANAGEMENT_ADMIN", "ROLE_USER_MANAGEMENT_OWN_ADMIN", "ROLE_SMARTRULE_READ",
                "ROLE_TENANT_STATISTICS_READ").containsAll(GLOBAL_ROLES);
        assertThat(names).doesNotContain("ROLE_SUPPORT_READ", "ROLE_TENANT_STATISTICS_ADMIN");
        assertThat(Platform.realm(tenant).roles().get("ROLE_MEASUREMENT_READ").toRepresentation().getDescription())
                .isEqualTo("Measurements permission, level READ: View or create measurements.");
        // time-ordered ids (UUID version 7), the first role through Keycloak's API, the others written directly
        assertThat(List.of("ROLE_ALARM_READ", "ROLE_MEASUREMENT_READ", "Global Reader")).allSatisfy(name ->
                assertThat(UUID.fromString(Platform.realm(tenant).roles().get(name).toRepresentation().getId()).version()).isEqualTo(7));
        assertThat(Platform.realm(tenant).roles().get("Global Reader").getRealmRoleComposites()).extracting(RoleRepresentation::getName)
                .containsExactlyInAnyOrder("ROLE_ALARM_READ", "ROLE_EVENT_READ", "ROLE_MEASUREMENT_READ", "ROLE_INVENTORY_READ",
                        "ROLE_DEVICE_CONTROL_READ", "ROLE_IDENTITY_READ");
        // the management realm has them too, beside the Support permission; admins do not get Support with them
        List<String> management = roleNames(Platform.MANAGEMENT);
        assertThat(management).contains("ROLE_TENANT_MANAGEMENT_ADMIN", "ROLE_SUPPORT_READ", "ROLE_SUPPORT_ADMIN").containsAll(GLOBAL_ROLES);
        assertThat(Platform.realm(Platform.MANAGEMENT).roles().get("admins").getRealmRoleComposites())
                .extracting(RoleRepresentation::getName).doesNotContain("ROLE_SUPPORT_READ", "ROLE_SUPPORT_ADMIN", "Support");
    }

    @Test
    void aGlobalUserManagerManagesUsersInKeycloakAndAGlobalReaderDoesNot() {
        String tenant = Platform.createTenant("catalogue-users");
        String managerId = Platform.createUser(tenant, "manager", "manager-pw");
        Platform.grantRealmRoles(tenant, managerId, "Global User Manager");
        String readerId = Platform.createUser(tenant, "reader", "reader-pw");
        Platform.grantRealmRoles(tenant, readerId, "Global Reader");
        String users = Platform.url() + "/admin/realms/" + tenant + "/users";

        String manager = Platform.token(tenant, "manager", "manager-pw");
        assertThat(Http.get(users, manager).status()).isEqualTo(200);
        assertThat(Http.post(users, manager, "application/json", "{\"username\":\"new-user\",\"enabled\":true}").status()).isEqualTo(201);
        // seed: "Log out all users" for User management ADMIN
        assertThat(Http.post(Platform.url() + "/admin/realms/" + tenant + "/logout-all", manager, "application/json", "").status())
                .isEqualTo(200);
        // which also ended the manager's own session: a new token, and no realm settings with it
        assertThat(Http.get(users, manager).status()).isEqualTo(401);
        manager = Platform.token(tenant, "manager", "manager-pw");
        assertThat(Http.get(users, manager).status()).isEqualTo(200);
        assertThat(Http.put(Platform.url() + "/admin/realms/" + tenant, manager, "application/json", "{\"displayName\":\"x\"}").status())
                .isEqualTo(403);

        String reader = Platform.token(tenant, "reader", "reader-pw");
        assertThat(Http.get(users, reader).status()).isEqualTo(403);
        // resource servers find the permissions in the reader's token, and the inventory decision counts them as global
        JsonNode claims = Platform.accessToken(Platform.passwordGrant(tenant, "reader", "reader-pw"));
        assertThat(claims.get("realm_access").get("roles").toString()).contains("ROLE_INVENTORY_READ", "Global Reader");
        SupportAccessClient.Inventory inventory = SupportAccessClient.admin().inventory(tenant);
        String group = inventory.createGroup("anywhere", null);
        assertThat(inventory.granted(readerId, group, "INVENTORY", "*", "READ")).isTrue();
        assertThat(inventory.granted(readerId, group, "INVENTORY", "*", "ADMIN")).isFalse();
    }

    @Test
    void theFirstAdministratorsRoleAdministersTheTenant() {
        String tenant = Platform.createTenant("catalogue-admins");
        String adminId = Platform.createUser(tenant, "first", "first-pw");
        Platform.grantRealmRoles(tenant, adminId, "admins");
        String token = Platform.token(tenant, "first", "first-pw");
        assertThat(Http.put(Platform.url() + "/admin/realms/" + tenant, token, "application/json", "{\"displayName\":\"Acme\"}").status())
                .isEqualTo(204);
        assertThat(Http.get(Platform.url() + "/admin/realms/" + tenant + "/support-access/audit", token).status()).isEqualTo(200);
    }

    @Test
    void anExistingRoleIsNeverChangedAndAnExcludedTenantIsLeftAlone() {
        // an operator's own "readers" before the realm is prepared: kept as it is
        String excluded = Platform.unique("catalogue-excluded");
        JsonNode before = Http.get(Platform.settingsUrl(), Platform.adminToken()).json();
        List<String> excludedTenants = new ArrayList<>();
        before.get("excludedTenants").forEach(t -> excludedTenants.add(t.asText()));
        excludedTenants.add(excluded);
        assertThat(Platform.putSettings("{\"excludedTenants\":" + Http.json(excludedTenants) + "}").status()).isEqualTo(200);
        try {
            var realm = new org.keycloak.representations.idm.RealmRepresentation();
            realm.setRealm(excluded);
            realm.setEnabled(true);
            Platform.admin().realms().create(realm);
            assertThat(roleNames(excluded)).doesNotContain("ROLE_ALARM_READ", "admins");
        } finally {
            assertThat(Platform.putSettings("{\"excludedTenants\":" + before.get("excludedTenants") + "}").status()).isEqualTo(200);
        }

        String imported = Platform.unique("catalogue-own");
        var realm = new org.keycloak.representations.idm.RealmRepresentation();
        realm.setRealm(imported);
        realm.setEnabled(true);
        var roles = new org.keycloak.representations.idm.RolesRepresentation();
        RoleRepresentation readers = new RoleRepresentation("readers", "our own readers", false);
        roles.setRealm(List.of(readers));
        realm.setRoles(roles);
        Platform.admin().realms().create(realm);
        RoleRepresentation kept = Platform.realm(imported).roles().get("readers").toRepresentation();
        assertThat(kept.getDescription()).isEqualTo("our own readers");
        assertThat(kept.isComposite()).isFalse();
        assertThat(roleNames(imported)).contains("ROLE_ALARM_READ", "Global Reader");
    }

    /** 22 categories: two levels each, Inventory and User management three, Tenant management four, Tenant statistics one. */
    private static final int PERMISSION_ROLES = 47;

    @Test
    void aRealmCreatedThroughTheAdminApiHasItsWholeCatalogueAndItsSetUpMarkerInTheVeryNextRequest() {
        // a bare realm, and one imported with a full representation (a client, a user, a role of its own)
        var bare = new org.keycloak.representations.idm.RealmRepresentation();
        bare.setRealm(Platform.unique("catalogue-at-once"));
        bare.setEnabled(true);
        var full = new org.keycloak.representations.idm.RealmRepresentation();
        full.setRealm(Platform.unique("catalogue-imported"));
        full.setEnabled(true);
        var client = new org.keycloak.representations.idm.ClientRepresentation();
        client.setClientId("imported-app");
        client.setPublicClient(true);
        full.setClients(List.of(client));
        var user = new org.keycloak.representations.idm.UserRepresentation();
        user.setUsername("imported-user");
        user.setEnabled(true);
        full.setUsers(List.of(user));
        var roles = new org.keycloak.representations.idm.RolesRepresentation();
        roles.setRealm(List.of(new RoleRepresentation("our-own", "a role of the tenant's own", false)));
        full.setRoles(roles);

        for (var representation : List.of(bare, full)) {
            String name = representation.getRealm();
            Platform.admin().realms().create(representation);
            // no waiting: the first request after the creation's answer sees every role
            List<RoleRepresentation> created = Platform.realm(name).roles().list(false);
            List<String> names = created.stream().map(RoleRepresentation::getName).toList();
            assertThat(names.stream().filter(n -> n.startsWith("ROLE_"))).as(name).hasSize(PERMISSION_ROLES)
                    .doesNotContain("ROLE_SUPPORT_READ", "ROLE_SUPPORT_ADMIN");
            assertThat(names).as(name).containsAll(GLOBAL_ROLES);
            assertThat(created).filteredOn(r -> !"Cockpit User".equals(r.getName()) && GLOBAL_ROLES.contains(r.getName()))
                    .as(name).allMatch(RoleRepresentation::isComposite);
            assertThat(Platform.realm(name).toRepresentation().getAttributes()).as(name)
                    .containsEntry("supportAccess.setupVersion", SetupVersion.CURRENT);
            assertThat(Platform.realm(name).roles().get("admins").getRealmRoleComposites()).as(name).hasSize(PERMISSION_ROLES);
            assertThat(Platform.realm(name).roles().get("readers").getRealmRoleComposites()).as(name).hasSize(22);
            assertThat(Platform.realm(name).roles().get("ROLE_USER_MANAGEMENT_ADMIN").getClientRoleComposites(
                    Platform.realm(name).clients().findByClientId("realm-management").get(0).getId()))
                    .extracting(RoleRepresentation::getName).containsExactlyInAnyOrder("view-users", "manage-users");
        }
        assertThat(Platform.realm(full.getRealm()).roles().get("our-own").toRepresentation().getDescription())
                .isEqualTo("a role of the tenant's own");
    }

    private static List<String> roleNames(String realm) {
        return Platform.realm(realm).roles().list().stream().map(RoleRepresentation::getName).toList();
    }
}

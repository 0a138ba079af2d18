package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Await;
import io.supportaccess.keycloak.it.support.Browser;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import io.supportaccess.keycloak.it.support.SupportSession;
import io.supportaccess.keycloak.it.support.TenantWithSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Read-only support, chosen by the tenant user who enables it: the support session's tokens carry
 * no write permission, and nothing changes through Keycloak's admin REST API, the account REST API
 * (what the account console calls) or the extension's own APIs; every refusal is audited as jill$john.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadOnlySupportIT {

    static final String JSON = "application/json";

    TenantWithSupport readOnly;

    @BeforeAll
    void tenantOpenedReadOnly() {
        Platform.setSupportActivated(false);
        readOnly = TenantWithSupport.create("ro");
        Platform.grantRealmRoles(readOnly.tenant(), readOnly.johnId(), "admins");
        Platform.createUser(readOnly.tenant(), "alice", "alice-pw");
        Http.Reply enabled = enable(readOnly.tenant(), Platform.token(readOnly.tenant(), "alice", "alice-pw"), "{\"mode\":\"read-only\"}");
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(201);
        assertThat(enabled.json().get("mode").asText()).isEqualTo("read-only");
    }

    @AfterAll
    void platformOpenAgain() {
        Platform.putSettings("{\"platformSupportMode\":\"full\"}");
        Platform.setSupportActivated(true);
    }

    @Test
    void thePlatformSettingThatOpensTenantsCanGrantReadOnlySupport() {
        TenantWithSupport byPlatform = TenantWithSupport.create("roplat");
        Platform.grantRealmRoles(byPlatform.tenant(), byPlatform.johnId(), "admins");
        Http.Reply bad = Http.put(Platform.settingsUrl(), Platform.adminToken(), JSON, "{\"platformSupportMode\":\"admin\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("platformSupportMode");
        Http.Reply set = Platform.putSettings("{\"platformSupportMode\":\"read-only\",\"supportAccessActivated\":[\"" + byPlatform.tenant() + "\"]}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("platformSupportMode").asText()).isEqualTo("read-only");
        try {
            assertThat(realmRoles(Http.jwtPayload(byPlatform.supportToken()))).contains("ROLE_INVENTORY_READ").doesNotContain("ROLE_INVENTORY_ADMIN");
            assertThat(Http.get(Platform.url() + "/admin/realms/management/support-access/tenants/" + byPlatform.tenant(),
                    Platform.adminToken()).json().get("mode").asText()).isEqualTo("read-only");
            // a tenant user's full request is stronger than the platform's read-only
            Platform.createUser(byPlatform.tenant(), "carl", "carl-pw");
            assertThat(enable(byPlatform.tenant(), Platform.token(byPlatform.tenant(), "carl", "carl-pw"), "{\"mode\":\"full\"}").status())
                    .as("requests are not needed where the platform opens the tenant").isEqualTo(409);
        } finally {
            Platform.putSettings("{\"platformSupportMode\":\"full\",\"supportAccessActivated\":false}");
        }
    }

    @Test
    void tokensOfAReadOnlySessionCarryNoWritePermissionAlsoAfterARefresh() {
        JsonNode john = Http.jwtPayload(readOnly.johnToken());
        assertThat(realmRoles(john)).as("john himself writes").contains("ROLE_INVENTORY_ADMIN", "admins");
        assertThat(clientRoles(john, "account")).contains("manage-account");

        JsonNode tokens = readOnly.supportTokens();
        for (String accessToken : List.of(tokens.get("access_token").asText(), refreshed(tokens))) {
            JsonNode support = Http.jwtPayload(accessToken);
            assertThat(realmRoles(support)).contains("ROLE_INVENTORY_READ", "ROLE_USER_MANAGEMENT_READ")
                    .noneMatch(role -> role.matches("ROLE_.+_(ADMIN|CREATE|UPDATE)")).doesNotContain("admins");
            assertThat(clientRoles(support, "account")).doesNotContain("manage-account", "manage-account-links").contains("view-profile");
            assertThat(clientRoles(support, "realm-management")).contains("view-users").doesNotContain("manage-users", "realm-admin");
        }
    }

    @Test
    void nothingChangesThroughKeycloaksApisOrTheExtensionsAndEachRefusalIsAudited() {
        String tenant = readOnly.tenant();
        String support = readOnly.supportToken();
        String admin = Platform.url() + "/admin/realms/" + tenant;

        assertThat(Http.get(admin + "/users?max=5", support).status()).as("reading stays possible").isEqualTo(200);
        Http.Reply createUser = Http.post(admin + "/users", support, JSON, "{\"username\":\"" + Platform.unique("made") + "\",\"enabled\":true}");
        assertThat(createUser.status()).as(createUser.body()).isEqualTo(403);
        assertThat(createUser.body()).contains("read-only support");
        assertThat(Http.post(admin + "/users", readOnly.johnToken(), JSON, "{\"username\":\"" + Platform.unique("byjohn") + "\"}").status())
                .as("john himself may").isEqualTo(201);

        Http.Reply profile = Http.post(Platform.url() + "/realms/" + tenant + "/account/", support, JSON,
                "{\"username\":\"john\",\"firstName\":\"Changed\",\"lastName\":\"BySupport\",\"email\":\"john@ro.example\"}");
        assertThat(profile.status()).as("the account console's profile change").isEqualTo(403);
        assertThat(Platform.realm(tenant).users().get(readOnly.johnId()).toRepresentation().getFirstName()).isNotEqualTo("Changed");

        assertThat(Http.post(admin + "/support-access/inventory/groups", support, JSON, "{\"name\":\"by-support\"}").status()).isEqualTo(403);
        assertThat(Http.put(admin + "/support-access/users/" + readOnly.johnId() + "/roles", support, JSON, "{\"roles\":[]}").status())
                .isEqualTo(403);

        List<JsonNode> refused = Audit.all(tenant, Map.of("type", "Support")).stream()
                .filter(r -> r.get("activity").asText().equals("Support change refused")).toList();
        assertThat(refused).hasSizeGreaterThanOrEqualTo(4);
        assertThat(refused).allMatch(r -> r.get("who").asText().equals(readOnly.supportLogin()));
        assertThat(refused.stream().map(r -> r.get("text").asText())).anyMatch(text -> text.contains("POST /admin/realms/" + tenant + "/users"));
    }

    @Test
    void anApplicationInitiatedActionIsRefusedInTheBrowserOfAReadOnlySession() {
        String tenant = readOnly.tenant();
        String updatePassword = Platform.url() + "/realms/" + tenant + "/protocol/openid-connect/auth?client_id=" + Platform.CLIENT
                + "&response_type=code&scope=openid&redirect_uri=" + Http.enc(Platform.REDIRECT_URI) + "&kc_action=UPDATE_PASSWORD";

        Browser john = new Browser();
        assertThat(john.login(tenant, TenantWithSupport.JOHN, TenantWithSupport.JOHN_PASSWORD).redirectedToClient()).isTrue();
        Browser.Result own = john.open(updatePassword);
        assertThat(own.status()).as("john's own browser gets the form").isEqualTo(200);
        assertThat(own.page().select("input[name=password-new]")).isNotEmpty();

        Browser jill = new Browser();
        assertThat(jill.login(tenant, readOnly.supportLogin(), TenantWithSupport.JILL_PASSWORD).redirectedToClient()).isTrue();
        Browser.Result refused = jill.open(updatePassword);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(Audit.all(tenant, Map.of("type", "Support")).stream().map(r -> r.get("who").asText() + " " + r.get("text").asText()))
                .anyMatch(line -> line.startsWith(readOnly.supportLogin() + " ") && line.contains("kc_action UPDATE_PASSWORD"));
    }

    @Test
    void theStrongestActiveRequestWinsForNewSessions() {
        TenantWithSupport both = TenantWithSupport.create("romix");
        Platform.grantRealmRoles(both.tenant(), both.johnId(), "admins");
        Platform.createUser(both.tenant(), "alice", "alice-pw");
        Platform.createUser(both.tenant(), "bob", "bob-pw");
        assertThat(enable(both.tenant(), Platform.token(both.tenant(), "alice", "alice-pw"), "{\"mode\":\"read-only\"}").status()).isEqualTo(201);
        String readOnlySession = both.supportToken();

        Http.Reply full = enable(both.tenant(), Platform.token(both.tenant(), "bob", "bob-pw"), "");
        assertThat(full.status()).isEqualTo(201);
        assertThat(full.json().get("mode").asText()).as("no mode given: full support").isEqualTo("full");
        assertThat(realmRoles(Http.jwtPayload(both.supportToken()))).contains("ROLE_INVENTORY_ADMIN");
        assertThat(Http.post(Platform.url() + "/admin/realms/" + both.tenant() + "/users", readOnlySession, JSON,
                "{\"username\":\"" + Platform.unique("late") + "\"}").status()).as("a session keeps the mode it started with").isEqualTo(403);

        JsonNode tenantState = Http.get(Platform.url() + "/admin/realms/management/support-access/tenants/" + both.tenant(),
                Platform.adminToken()).json();
        assertThat(tenantState.get("mode").asText()).isEqualTo("full");
    }

    @Test
    void aFullSessionEndsWhenTheTenantNowGrantsReadOnlySupportOnly() {
        TenantWithSupport lowered = TenantWithSupport.create("rolow");
        Platform.grantRealmRoles(lowered.tenant(), lowered.johnId(), "admins");
        Platform.createUser(lowered.tenant(), "alice", "alice-pw");
        Platform.createUser(lowered.tenant(), "bob", "bob-pw");
        assertThat(enable(lowered.tenant(), Platform.token(lowered.tenant(), "alice", "alice-pw"), "{\"mode\":\"read-only\"}").status())
                .isEqualTo(201);
        String bob = Platform.token(lowered.tenant(), "bob", "bob-pw");
        assertThat(enable(lowered.tenant(), bob, "{\"mode\":\"full\"}").status()).isEqualTo(201);
        SupportSession full = SupportSession.login(lowered.tenant(), lowered.supportLogin(), TenantWithSupport.JILL_PASSWORD);
        assertThat(realmRoles(Http.jwtPayload(full.accessToken()))).contains("ROLE_INVENTORY_ADMIN");

        // bob takes his full request back; alice's read-only one keeps the tenant open
        Http.Reply disabled = SupportAccessClient.ofTenant(lowered.tenant(), bob).disable();
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().get("open").asBoolean()).isTrue();
        assertThat(disabled.json().get("endedSupportSessions").asInt()).isEqualTo(1);
        full.assertEnded();
        assertThat(Audit.all(lowered.tenant(), Map.of("type", "Support")).stream()
                .filter(r -> r.get("activity").asText().equals("Support session ended"))
                .map(r -> r.get("who").asText() + " " + r.get("text").asText()))
                .containsExactly(lowered.supportLogin() + " Support session of " + lowered.supportLogin() + " in " + lowered.tenant()
                        + " ended: read-only now");

        // the next login is read-only, and the checks leave it alone
        SupportSession again = SupportSession.login(lowered.tenant(), lowered.supportLogin(), TenantWithSupport.JILL_PASSWORD);
        assertThat(realmRoles(Http.jwtPayload(again.accessToken()))).contains("ROLE_INVENTORY_READ").doesNotContain("ROLE_INVENTORY_ADMIN");
        assertThat(SupportAccessClient.ofTenant(lowered.tenant(), Platform.token(lowered.tenant(), "alice", "alice-pw")).status()
                .get("open").asBoolean()).isTrue();
        Await.sleep(5_000);
        assertThat(again.alive()).as("a read-only session in a read-only tenant lives on through the sweeps").isTrue();
    }

    @Test
    void fullSessionsEndWhenThePlatformLowersItsModeToReadOnly() {
        TenantWithSupport byPlatform = TenantWithSupport.create("roplow");
        assertThat(Platform.putSettings("{\"platformSupportMode\":\"full\",\"supportAccessActivated\":[\"" + byPlatform.tenant() + "\"]}")
                .status()).isEqualTo(200);
        try {
            SupportSession full = SupportSession.login(byPlatform.tenant(), byPlatform.supportLogin(), TenantWithSupport.JILL_PASSWORD);
            assertThat(full.alive()).isTrue();
            Http.Reply lowered = Platform.putSettings("{\"platformSupportMode\":\"read-only\"}");
            assertThat(lowered.status()).as(lowered.body()).isEqualTo(200);
            full.assertEnded();
            SupportSession readOnlySession = SupportSession.login(byPlatform.tenant(), byPlatform.supportLogin(), TenantWithSupport.JILL_PASSWORD);
            assertThat(realmRoles(Http.jwtPayload(readOnlySession.accessToken()))).doesNotContain("ROLE_INVENTORY_ADMIN");
            assertThat(readOnlySession.alive()).isTrue();
        } finally {
            Platform.putSettings("{\"platformSupportMode\":\"full\",\"supportAccessActivated\":false}");
        }
    }

    @Test
    void aModeOtherThanFullOrReadOnlyIsRefused() {
        String alice = Platform.token(readOnly.tenant(), "alice", "alice-pw");
        Http.Reply bad = enable(readOnly.tenant(), alice, "{\"mode\":\"write\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("read-only");
        assertThat(enable(readOnly.tenant(), alice, "{\"mode\":\"full\",\"x\":1}").status()).isEqualTo(400);
        JsonNode tenantState = Http.get(Platform.url() + "/admin/realms/management/support-access/tenants/" + readOnly.tenant(),
                Platform.adminToken()).json();
        assertThat(tenantState.get("mode").asText()).as("the operators' view").isEqualTo("read-only");
    }

    // ---

    private static Http.Reply enable(String tenant, String token, String body) {
        return Http.post(Platform.url() + "/realms/" + tenant + "/support-access/requests", token, JSON, body);
    }

    private String refreshed(JsonNode tokens) {
        Http.Reply refresh = Platform.refresh(readOnly.tenant(), tokens.get("refresh_token").asText());
        assertThat(refresh.status()).as(refresh.body()).isEqualTo(200);
        return refresh.json().get("access_token").asText();
    }

    private static List<String> realmRoles(JsonNode token) {
        List<String> roles = new ArrayList<>();
        token.path("realm_access").path("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }

    private static List<String> clientRoles(JsonNode token, String client) {
        List<String> roles = new ArrayList<>();
        token.path("resource_access").path(client).path("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }
}

package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Browser;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import io.supportaccess.keycloak.it.support.TenantWithSupport;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * Names that read like a support login ({@code jill$amy}, or with a look-alike
 * dollar sign) cannot be created or taken in a tenant realm on any path, users who have such a name
 * from before the rule are listed for operators and never taken for support users, and support
 * records are marked by the support user the server recorded, not by the shape of "who".
 */
class ReservedUsernamesIT {

    static final String FULLWIDTH = "\uFF04";
    static final String SMALL = "\uFE69";
    static final String HEAVY = "\uD83D\uDCB2";
    static final String MESSAGE_KEY = "supportAccessUsernameSeparatorMessage";

    /** Back to the platform's default (every tenant open), which other classes expect. */
    @AfterEach
    void reopenTenants() {
        Platform.setSupportActivated(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jill$amy", "jill" + FULLWIDTH + "amy", "jill" + SMALL + "amy", "jill" + HEAVY + "amy"})
    void adminRestRefusesTheNameWithAFieldError(String name) {
        String realm = Platform.createTenant("names-rest");
        UserRepresentation user = new UserRepresentation();
        user.setUsername(name);
        user.setEnabled(true);
        try (Response response = Platform.realm(realm).users().create(user)) {
            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(response.readEntity(String.class)).contains(MESSAGE_KEY);
        }
        assertThat(usernames(realm)).doesNotContain(name.toLowerCase());
    }

    @Test
    void adminRestRefusesRenamingToALookAlike() {
        String realm = Platform.createTenant("names-rename");
        allowUsernameEdits(realm);
        String id = Platform.createUser(realm, "plain", "pw");
        UserRepresentation plain = Platform.realm(realm).users().get(id).toRepresentation();
        plain.setUsername("jill" + FULLWIDTH + "plain");
        assertThatThrownBy(() -> Platform.realm(realm).users().get(id).update(plain)).isInstanceOf(BadRequestException.class);
        assertThat(Platform.realm(realm).users().get(id).toRepresentation().getUsername()).isEqualTo("plain");
        // control: renaming to an ordinary name is allowed in this realm
        plain.setUsername("plain2");
        Platform.realm(realm).users().get(id).update(plain);
        assertThat(Platform.realm(realm).users().get(id).toRepresentation().getUsername()).isEqualTo("plain2");
    }

    @Test
    void aTenantAdministratorWhoRemovesTheProfileValidatorStillCannotCreateThem() {
        String realm = Platform.createTenant("names-profile");
        String boss = tenantAdministrator(realm);
        String token = passwordGrantToken(realm, boss, "boss-pw");
        String profileUrl = Platform.url() + "/admin/realms/" + realm + "/users/profile";
        JsonNode profile = Http.get(profileUrl, token).json();
        for (JsonNode attribute : profile.get("attributes")) {
            if ("username".equals(attribute.get("name").asText())) {
                ((ObjectNode) attribute.get("validations")).remove("support-access-username-separator");
            }
        }
        Http.Reply updated = Http.put(profileUrl, token, "application/json", profile.toString());
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body()).doesNotContain("support-access-username-separator");

        for (String name : List.of("jill$amy", "jill" + FULLWIDTH + "amy")) {
            Http.Reply created = Http.post(Platform.url() + "/admin/realms/" + realm + "/users", token, "application/json",
                    "{\"username\": \"" + name + "\", \"enabled\": true}");
            assertThat(created.status()).isEqualTo(400);
        }
        assertThat(usernames(realm)).noneMatch(n -> n.startsWith("jill"));
    }

    @Test
    void partialImportByTheTenantAdministratorCannotCreateThem() {
        String realm = Platform.createTenant("names-partial");
        String boss = tenantAdministrator(realm);
        String token = passwordGrantToken(realm, boss, "boss-pw");
        for (String policy : List.of("FAIL", "SKIP", "OVERWRITE")) {
            for (String name : List.of("jill$amy", "jill" + FULLWIDTH + "amy", "JILL" + SMALL + "AMY")) {
                String body = "{\"ifResourceExists\": \"" + policy + "\", \"users\": ["
                        + "{\"username\": \"innocent\", \"enabled\": true},"
                        + "{\"username\": \"" + name + "\", \"enabled\": true,"
                        + " \"credentials\": [{\"type\": \"password\", \"value\": \"amy-pw\", \"temporary\": false}]}]}";
                Http.Reply reply = Http.post(Platform.url() + "/admin/realms/" + realm + "/partialImport", token,
                        "application/json", body);
                assertThat(reply.status()).as(policy + " " + name + ": " + reply.body()).isEqualTo(400);
                assertThat(reply.body()).contains("must not contain '$'");
            }
        }
        // the refusal rolls the whole import back
        assertThat(usernames(realm)).containsExactlyInAnyOrder("boss");
        assertThat(Platform.passwordGrant(realm, "jill$amy", "amy-pw").status()).isEqualTo(400);
    }

    @Test
    void aRealmImportCannotCreateThem() {
        String name = Platform.unique("names-import");
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(name);
        realm.setEnabled(true);
        UserRepresentation user = new UserRepresentation();
        user.setUsername("jill" + FULLWIDTH + "amy");
        user.setEnabled(true);
        realm.setUsers(List.of(user));
        assertThatThrownBy(() -> Platform.admin().realms().create(realm)).isInstanceOf(BadRequestException.class);
        assertThat(Platform.admin().realms().findAll()).noneMatch(r -> r.getRealm().equals(name));
    }

    @Test
    void serviceAccountsCannotTakeSuchANameThroughTheClientId() {
        String realm = Platform.createTenant("names-client");
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId("svc$amy");
        client.setServiceAccountsEnabled(true);
        client.setPublicClient(false);
        try (Response response = Platform.realm(realm).clients().create(client)) {
            assertThat(response.getStatus()).isEqualTo(400);
        }
        assertThat(Platform.realm(realm).clients().findByClientId("svc$amy")).isEmpty();

        ClientRepresentation ok = new ClientRepresentation();
        ok.setClientId("svc-ok");
        ok.setServiceAccountsEnabled(true);
        ok.setPublicClient(false);
        try (Response response = Platform.realm(realm).clients().create(ok)) {
            assertThat(response.getStatus()).isEqualTo(201);
        }
        ClientRepresentation renamed = Platform.realm(realm).clients().findByClientId("svc-ok").get(0);
        renamed.setClientId("svc" + FULLWIDTH + "ok");
        Http.Reply reply = Http.put(Platform.url() + "/admin/realms/" + realm + "/clients/" + renamed.getId(),
                Platform.adminToken(), "application/json", Http.JSON.valueToTree(renamed).toString());
        assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
        assertThat(Platform.realm(realm).clients().findByClientId("svc-ok")).hasSize(1);
        assertThat(Platform.realm(realm).clients().get(renamed.getId()).getServiceAccountUser().getUsername())
                .isEqualTo("service-account-svc-ok");
    }

    @Test
    void theAccountConsoleCannotRenameToThem() {
        String realm = Platform.createTenant("names-account");
        allowUsernameEdits(realm);
        Platform.createUser(realm, "john", "john-pw");
        String token = passwordGrantToken(realm, "john", "john-pw");
        String accountUrl = Platform.url() + "/realms/" + realm + "/account/";
        ObjectNode me = (ObjectNode) accountGet(accountUrl, token);
        me.put("username", "jill" + SMALL + "john");
        Http.Reply reply = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(accountUrl))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(me.toString())).build());
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.body()).contains(MESSAGE_KEY);
        assertThat(accountGet(accountUrl, token).get("username").asText()).isEqualTo("john");

        // the same account console still renames to an ordinary name
        me.put("username", "johnny");
        Http.Reply ok = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(accountUrl))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(me.toString())).build());
        assertThat(ok.status()).as(ok.body()).isEqualTo(204);
    }

    @Test
    void selfRegistrationShowsAFormError() {
        String realm = Platform.createTenant("names-register");
        RealmRepresentation settings = Platform.realm(realm).toRepresentation();
        settings.setRegistrationAllowed(true);
        Platform.realm(realm).update(settings);
        Browser browser = new Browser();
        Browser.Result login = browser.openLogin(realm);
        String registrationUrl = login.page().select("a[href*=registration]").first().absUrl("href");
        Browser.Result form = browser.open(registrationUrl);
        Browser.Result result = browser.submit(form, "#kc-register-form", Map.of(
                "username", "jill" + FULLWIDTH + "amy", "email", "amy@" + realm + ".example", "firstName", "Amy",
                "lastName", "Test", "password", "amy-password-1", "password-confirm", "amy-password-1"));
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.text()).contains("Usernames must not contain $ or a character that looks like it");
        assertThat(usernames(realm)).isEmpty();
    }

    @Test
    void anIdentityProviderCannotBringSuchAName() {
        String realm = tenantWithUpstreamProvider("names-idp");
        String upstreamName = Platform.unique("up") + "$amy";
        legacyUser(Platform.MANAGEMENT, upstreamName, "amy-pw");
        // control: an ordinary upstream user comes in through the same provider and is created
        String control = Platform.unique("upok");
        legacyUser(Platform.MANAGEMENT, control, "ok-pw");
        assertThat(brokerLogin(new Browser(), realm, control, "ok-pw").redirectedToClient()).isTrue();
        assertThat(usernames(realm)).containsExactly(control);

        Browser browser = new Browser();
        Browser.Result result = brokerLogin(browser, realm, upstreamName, "amy-pw");
        // the profile is invalid, so the first login shows the review page; submitting it keeps the field error
        assertThat(result.page().selectFirst("#kc-idp-review-profile-form")).isNotNull();
        result = browser.submit(result, "#kc-idp-review-profile-form", Map.of());
        // the page shows one error per field: ours, or Keycloak's own for '$' ("invalid character")
        assertThat(result.text()).containsAnyOf("Usernames must not contain $ or a character that looks like it",
                "Value contains invalid character");
        assertThat(result.status()).as(result.text()).isBetween(200, 499);
        assertThat(result.redirectedToClient()).isFalse();
        assertThat(usernames(realm)).containsExactly(control);
    }

    /**
     * A tenant with an OpenID Connect identity provider "upstream": the management realm, where the
     * rule does not apply, so its users can have any name.
     */
    static String tenantWithUpstreamProvider(String prefix) {
        String realm = Platform.createTenant(prefix);
        String broker = Platform.unique("broker");
        ClientRepresentation upstreamClient = new ClientRepresentation();
        upstreamClient.setClientId(broker);
        upstreamClient.setSecret("broker-secret");
        upstreamClient.setPublicClient(false);
        upstreamClient.setStandardFlowEnabled(true);
        upstreamClient.setRedirectUris(List.of(Platform.url() + "/realms/" + realm + "/broker/upstream/endpoint"));
        try (Response response = Platform.realm(Platform.MANAGEMENT).clients().create(upstreamClient)) {
            assertThat(response.getStatus()).isEqualTo(201);
        }
        String issuer = Platform.url() + "/realms/" + Platform.MANAGEMENT;
        var idp = new org.keycloak.representations.idm.IdentityProviderRepresentation();
        idp.setAlias("upstream");
        idp.setProviderId("oidc");
        idp.setEnabled(true);
        idp.setConfig(new java.util.HashMap<>(Map.of(
                "clientId", broker, "clientSecret", "broker-secret", "clientAuthMethod", "client_secret_post",
                "authorizationUrl", issuer + "/protocol/openid-connect/auth",
                "tokenUrl", issuer + "/protocol/openid-connect/token",
                "issuer", issuer, "validateSignature", "false", "syncMode", "IMPORT", "defaultScope", "openid profile email")));
        try (Response response = Platform.realm(realm).identityProviders().create(idp)) {
            assertThat(response.getStatus()).isEqualTo(201);
        }
        return realm;
    }

    @Test
    void anIdentityProviderCannotBringSuchANameWhereTheFirstLoginSkipsTheProfileReview() {
        String realm = tenantWithUpstreamProvider("names-idp-direct");
        var flows = Platform.realm(realm).flows();
        var review = flows.getExecutions("first broker login").stream()
                .filter(e -> "idp-review-profile".equals(e.getProviderId())).findFirst().orElseThrow();
        var config = flows.getAuthenticatorConfig(review.getAuthenticationConfig());
        config.getConfig().put("update.profile.on.first.login", "off");
        flows.updateAuthenticatorConfig(config.getId(), config);

        String control = Platform.unique("upok");
        legacyUser(Platform.MANAGEMENT, control, "ok-pw");
        assertThat(brokerLogin(new Browser(), realm, control, "ok-pw").redirectedToClient()).isTrue();

        String lookAlike = Platform.unique("up") + FULLWIDTH + "amy";
        legacyUser(Platform.MANAGEMENT, lookAlike, "amy-pw");
        Browser.Result result = brokerLogin(new Browser(), realm, lookAlike, "amy-pw");
        assertThat(result.redirectedToClient()).isFalse();
        assertThat(result.status()).as(result.text()).isBetween(400, 499);
        assertThat(usernames(realm)).containsExactly(control);
    }

    static Browser.Result brokerLogin(Browser browser, String realm, String upstreamUser, String password) {
        Browser.Result login = browser.openLogin(realm);
        Browser.Result upstreamLogin = browser.open(login.page().select("a[href*=/broker/upstream/]").first().absUrl("href"));
        return browser.submit(upstreamLogin, "#kc-form-login", Map.of("username", upstreamUser, "password", password));
    }

    /**
     * Users who have such a name from before the rule (made through the testing endpoint): a
     * look-alike, a '$' name and a look-alike tenant administrator, beside the tenant's boss and john.
     */
    @Nested
    class UsersFromBeforeTheRule {

        static final SupportAccessClient ADMIN = SupportAccessClient.admin();

        String realm;
        String lookAlike = "jill" + FULLWIDTH + "amy";
        String dollar = "amy$old";
        String adminLookAlike = "adm" + SMALL + "x";
        String lookAlikeId;
        String dollarId;
        String boss;
        String bossId;
        String jill;

        @BeforeEach
        void tenantWithLegacyUsers() {
            Platform.setSupportActivated(true);
            realm = Platform.createTenant("names-legacy");
            lookAlikeId = legacyUser(realm, lookAlike, "amy-pw");
            dollarId = legacyUser(realm, dollar, "old-pw");
            var realmManagement = Platform.realm(realm).clients().findByClientId("realm-management").get(0);
            RoleRepresentation realmAdmin = Platform.realm(realm).clients().get(realmManagement.getId()).roles().get("realm-admin").toRepresentation();
            String adminLookAlikeId = legacyUser(realm, adminLookAlike, "adm-pw");
            Platform.realm(realm).users().get(adminLookAlikeId).roles().clientLevel(realmManagement.getId()).add(List.of(realmAdmin));
            boss = tenantAdministrator(realm);
            bossId = Platform.realm(realm).users().searchByUsername(boss, true).get(0).getId();
            Platform.createUser(realm, "john", "john-pw");
            jill = Platform.unique("jillnames");
            Platform.createSupportUser(jill, "jill-secret", "Support");
        }

        @Test
        void theOperatorListsThemAndNotTheTenantsOrdinaryUsers() {
            JsonNode list = ADMIN.suspiciousUsernames(realm);
            assertThat(list.get("users").findValuesAsText("username")).containsExactlyInAnyOrder(lookAlike, dollar, adminLookAlike);
            assertThat(list.get("users").findValuesAsText("id")).contains(lookAlikeId, dollarId);
            assertThat(list.get("users").get(0).get("reason").asText()).contains("U+");
        }

        @Test
        void aTenantUserMayNotListThem() {
            assertThat(SupportAccessClient.as(passwordGrantToken(realm, "john", "john-pw")).suspiciousUsernamesReply(realm, Map.of()).status())
                    .isEqualTo(403);
        }

        @Test
        void aCallWithoutTokenIsUnauthorised() {
            assertThat(SupportAccessClient.as(null).suspiciousUsernamesReply(realm, Map.of()).status()).isEqualTo(401);
        }

        @ParameterizedTest(name = "max={0}")
        @ValueSource(strings = {"0", "x"})
        void aBadMaximumIsRefused(String max) {
            assertThat(ADMIN.suspiciousUsernamesReply(realm, Map.of("max", max)).status()).isEqualTo(400);
        }

        @Test
        void masterHasNoList() {
            assertThat(ADMIN.suspiciousUsernamesReply("master", Map.of()).status()).isEqualTo(404);
        }

        @Test
        void theManagementRealmListsThemAcrossTenants() {
            List<JsonNode> thisTenant = new java.util.ArrayList<>();
            ADMIN.suspiciousUsernames(Platform.MANAGEMENT).get("tenants").forEach(t -> {
                if (t.get("realm").asText().equals(realm)) {
                    thisTenant.add(t);
                }
            });
            assertThat(thisTenant).hasSize(1);
            assertThat(thisTenant.get(0).get("users").findValuesAsText("username")).containsExactlyInAnyOrder(lookAlike, dollar, adminLookAlike);
        }

        @Test
        void aSupportLoginNeverLandsOnThemNotByNameNorAsTheAdministrator() {
            Http.Reply asLookAlike = Platform.passwordGrant(realm, jill + "$" + lookAlike, "jill-secret");
            assertThat(asLookAlike.status()).isEqualTo(400);
            assertThat(asLookAlike.body()).doesNotContain("access_token").contains("cannot be supported");
            JsonNode asAdmin = Platform.accessToken(Platform.passwordGrant(realm, jill + "$", "jill-secret"));
            assertThat(asAdmin.get("sub").asText()).isEqualTo(bossId);
        }

        @Test
        void theLookAlikesOwnLoginIsAPlainLoginRecordedWithoutASupportUser() {
            JsonNode own = Platform.accessToken(Platform.passwordGrant(realm, lookAlike, "amy-pw"));
            assertThat(own.get("sub").asText()).isEqualTo(lookAlikeId);
            assertThat(own.has("act")).isFalse();
            // a refused support login naming the look-alike is not recorded as the look-alike's
            Platform.passwordGrant(realm, jill + "$" + lookAlike, "jill-secret");
            List<JsonNode> plain = Audit.all(realm, Map.of("user", lookAlike));
            assertThat(plain).isNotEmpty().allSatisfy(r -> {
                assertThat(r.get("support").asBoolean()).isFalse();
                assertThat(hasSupportUser(r)).isFalse();
            });
        }

        @Test
        void theDollarUserCannotLogInByThatNameItReadsAsASupportLogin() {
            assertThat(Platform.passwordGrant(realm, dollar, "old-pw").status()).isEqualTo(400);
        }

        @Test
        void theSupportUsersRecordsAreMarkedAsSupport() {
            Platform.passwordGrant(realm, jill + "$" + lookAlike, "jill-secret");
            Platform.accessToken(Platform.passwordGrant(realm, jill + "$", "jill-secret"));
            List<JsonNode> support = Audit.all(realm, Map.of("supportUser", jill));
            assertThat(support).extracting(r -> r.get("activity").asText()).contains("Support access granted", "Support access denied");
            assertThat(support).allSatisfy(r -> assertThat(r.get("support").asBoolean()).isTrue());
        }

        @Test
        void theTenantsAccessesListMarksThemTheSameWay() {
            Platform.accessToken(Platform.passwordGrant(realm, lookAlike, "amy-pw"));
            Platform.accessToken(Platform.passwordGrant(realm, jill + "$", "jill-secret"));
            JsonNode accesses = SupportAccessClient.as(passwordGrantToken(realm, boss, "boss-pw")).tenantSupport(realm).accesses(Map.of());
            assertThat(accesses.get("records")).isNotEmpty();
            accesses.get("records").forEach(r -> assertThat(r.get("support").asBoolean()).isEqualTo(hasSupportUser(r)));
        }

        @Test
        void oneRenamedToAValidNameIsNoLongerListed() {
            allowUsernameEdits(realm);
            UserRepresentation rep = Platform.realm(realm).users().get(lookAlikeId).toRepresentation();
            rep.setUsername("amy");
            Platform.realm(realm).users().get(lookAlikeId).update(rep);
            assertThat(ADMIN.suspiciousUsernames(realm).get("users").findValuesAsText("username"))
                    .containsExactlyInAnyOrder(dollar, adminLookAlike);
        }
    }

    @Test
    void everyRecordOfASupportSessionNamesTheSupportUserAndNoOtherDoes() {
        Platform.setSupportActivated(true);
        TenantWithSupport scene = TenantWithSupport.create("names-audit");
        String realm = scene.tenant();
        String jill = scene.jill();
        String supportToken = scene.supportToken();
        String accountUrl = Platform.url() + "/realms/" + realm + "/account/";
        ObjectNode me = (ObjectNode) accountGet(accountUrl, supportToken);
        me.put("firstName", "Johnny");
        Http.Reply update = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(accountUrl))
                .header("Authorization", "Bearer " + supportToken).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(me.toString())).build());
        assertThat(update.status()).as(update.body()).isEqualTo(204);
        assertThat(scene.johnGrant().status()).isEqualTo(200);

        List<JsonNode> records = Audit.all(realm, Map.of());
        List<JsonNode> bySupport = records.stream().filter(r -> r.get("who").asText().equals(jill + "$john")).toList();
        assertThat(bySupport).extracting(r -> r.get("activity").asText()).contains("Support access granted");
        assertThat(bySupport.size()).isGreaterThanOrEqualTo(2);
        assertThat(bySupport).allSatisfy(r -> {
            assertThat(r.get("supportUser").asText()).isEqualTo(jill);
            assertThat(r.get("support").asBoolean()).isTrue();
        });
        List<JsonNode> byJohn = records.stream().filter(r -> r.get("who").asText().equals("john")).toList();
        assertThat(byJohn).isNotEmpty().allSatisfy(r -> {
            assertThat(hasSupportUser(r)).isFalse();
            assertThat(r.get("support").asBoolean()).isFalse();
        });
    }

    // ---- helpers

    static void allowUsernameEdits(String realm) {
        RealmRepresentation settings = Platform.realm(realm).toRepresentation();
        settings.setEditUsernameAllowed(true);
        Platform.realm(realm).update(settings);
    }

    static boolean hasSupportUser(JsonNode record) {
        return !record.path("supportUser").isMissingNode() && !record.path("supportUser").isNull();
    }

    static List<String> usernames(String realm) {
        return Platform.realm(realm).users().list(0, 1000).stream().map(UserRepresentation::getUsername).toList();
    }

    static String tenantAdministrator(String realm) {
        String id = Platform.createUser(realm, "boss", "boss-pw");
        var realmManagement = Platform.realm(realm).clients().findByClientId("realm-management").get(0);
        RoleRepresentation realmAdmin = Platform.realm(realm).clients().get(realmManagement.getId()).roles().get("realm-admin").toRepresentation();
        Platform.realm(realm).users().get(id).roles().clientLevel(realmManagement.getId()).add(List.of(realmAdmin));
        return "boss";
    }

    static String passwordGrantToken(String realm, String username, String password) {
        Http.Reply reply = Platform.passwordGrant(realm, username, password);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("access_token").asText();
    }

    static JsonNode accountGet(String accountUrl, String token) {
        Http.Reply reply = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(accountUrl))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    static String legacyUser(String realm, String username, String password) {
        ObjectNode body = Http.JSON.createObjectNode().put("realm", realm).put("username", username).put("password", password);
        Http.Reply reply = Http.post(Platform.url() + "/admin/realms/master/support-access-testing/legacy-users",
                Platform.adminToken(), "application/json", body.toString());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("id").asText();
    }
}

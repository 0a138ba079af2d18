package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A support session working as the tenant administrator must not be able to give the
 * tenant's consent to support itself, through impersonation or through accounts and credentials it
 * set up.
 */
class ForgedConsentIT {

    String tenant;
    String jill;
    String aliceId;
    String bobId;
    String supportToken;

    @BeforeEach
    void tenantOpenedByAlice() {
        Platform.setSupportActivated(false);
        tenant = Platform.createTenant("consent");
        aliceId = Platform.createUser(tenant, "alice", "alice-pw");
        bobId = Platform.createUser(tenant, "bob", "bob-pw");
        String johnId = Platform.createUser(tenant, "john", "john-pw");
        grantRealmAdmin(tenant, johnId);
        jill = Platform.unique("jillc");
        Platform.createSupportUser(jill, "jill-secret", "Support");
        assertThat(SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "alice", "alice-pw")).enable().status()).isEqualTo(201);
        Http.Reply support = Http.postForm(Platform.tokenUrl(tenant), Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", jill + "$john", "password", "jill-secret"));
        assertThat(support.status()).as(support.body()).isEqualTo(200);
        supportToken = support.json().get("access_token").asText();
    }

    @AfterEach
    void restore() {
        Platform.setSupportActivated(true);
    }

    @Test
    void aSupportSessionImpersonatingATenantUserCannotEnableSupport() {
        String expiry = expiresAt();
        String cookies = impersonate(tenant, bobId, supportToken);

        Http.Reply enable = postWithCookies(Platform.url() + "/realms/" + tenant + "/support-access/requests", cookies);
        assertThat(enable.status()).as(enable.body()).isEqualTo(403);
        assertThat(enable.json().get("error_description").asText()).contains("impersonat");
        assertThat(expiresAt()).isEqualTo(expiry);
        assertThat(refusals()).anySatisfy(r -> {
            assertThat(r.get("who").asText()).isEqualTo("bob");
            assertThat(r.get("text").asText()).contains("impersonat");
        });
    }

    @Test
    void aRealAdministratorImpersonatingATenantUserCannotEnableSupportEither() {
        String expiry = expiresAt();
        String cookies = impersonate(tenant, bobId, Platform.adminToken());
        Http.Reply status = Http.send(HttpRequest.newBuilder(URI.create(SupportAccessClient.ofTenant(tenant, null).statusUrl()))
                .header("Cookie", cookies).header("X-Support-Access-UI", "1").GET().build());
        assertThat(status.status()).as("the impersonated session is a valid session of bob").isEqualTo(200);
        assertThat(status.json().get("canEnable").asBoolean()).isFalse();

        Http.Reply enable = postWithCookies(Platform.url() + "/realms/" + tenant + "/support-access/requests", cookies);
        assertThat(enable.status()).as(enable.body()).isEqualTo(403);
        assertThat(expiresAt()).isEqualTo(expiry);
    }

    @Test
    void aUserCreatedWithAPasswordInASupportSessionCannotEnableSupportUntilATenantAdministratorResetsIt() {
        Http.Reply created = Http.post(adminUrl("/users"), supportToken, "application/json",
                "{\"username\":\"mallory\",\"enabled\":true,\"email\":\"mallory@x.example\",\"firstName\":\"M\",\"lastName\":\"M\","
                        + "\"credentials\":[{\"type\":\"password\",\"value\":\"mallory-pw\",\"temporary\":false}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String malloryId = created.raw().headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        String expiry = expiresAt();

        Http.Reply enable = SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "mallory", "mallory-pw")).enable();
        assertThat(enable.status()).as(enable.body()).isEqualTo(403);
        assertThat(enable.json().get("error_description").asText()).contains("support session");
        assertThat(expiresAt()).isEqualTo(expiry);
        assertThat(SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "mallory", "mallory-pw")).statusReply().json().get("canEnable").asBoolean()).isFalse();
        assertThat(refusals()).anySatisfy(r -> assertThat(r.get("who").asText()).isEqualTo("mallory"));

        // changing the password again, herself, does not help: the support engineer knew the old one
        Http.Reply own = Http.put(adminUrl("/users/" + malloryId + "/reset-password"), supportToken, "application/json",
                "{\"type\":\"password\",\"value\":\"other-pw\",\"temporary\":false}");
        assertThat(own.status()).isEqualTo(204);
        assertThat(SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "mallory", "other-pw")).enable().status()).isEqualTo(403);

        // a tenant administrator in their own session vouches for the account by resetting its password
        resetPassword(Platform.token(tenant, "john", "john-pw"), malloryId, "fresh-pw");
        assertThat(SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "mallory", "fresh-pw")).enable().status()).isEqualTo(201);
    }

    @Test
    void anExistingUserWhosePasswordOrEmailASupportSessionChangedCannotEnableSupport() {
        resetPassword(supportToken, bobId, "known-to-support");
        assertThat(SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "bob", "known-to-support")).enable().status()).isEqualTo(403);

        // the e-mail address decides where "forgot password" goes
        Http.Reply email = Http.put(adminUrl("/users/" + aliceId), supportToken, "application/json",
                "{\"email\":\"support-mailbox@x.example\",\"firstName\":\"alice\",\"lastName\":\"Test\"}");
        assertThat(email.status()).as(email.body()).isEqualTo(204);
        assertThat(SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "alice", "alice-pw")).enable().status()).isEqualTo(403);

        // an administrator acting for himself does not mark anyone
        String john = Platform.token(tenant, "john", "john-pw");
        resetPassword(john, bobId, "bob-new-pw");
        assertThat(SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "bob", "bob-new-pw")).enable().status()).isEqualTo(201);
    }

    @Test
    void anEmailAddressChangedInTheAccountConsoleOfASupportSessionMarksTheAccount() {
        String support = Platform.passwordGrant(tenant, jill + "$john", "jill-secret").json().get("access_token").asText();
        String accountUrl = Platform.url() + "/realms/" + tenant + "/account";
        Http.Reply account = Http.send(HttpRequest.newBuilder(URI.create(accountUrl))
                .header("Authorization", "Bearer " + support).header("Accept", "application/json").GET().build());
        assertThat(account.status()).as(account.body()).isEqualTo(200);
        var profile = (com.fasterxml.jackson.databind.node.ObjectNode) account.json();
        profile.put("firstName", "Johnny");
        assertThat(Http.post(accountUrl, support, "application/json", profile.toString()).status()).isIn(200, 204);
        assertThat(SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "john", "john-pw")).statusReply().json().get("canEnable").asBoolean())
                .as("a name change does not decide who can log in").isTrue();

        profile.put("email", "support-mailbox@x.example");
        Http.Reply saved = Http.post(accountUrl, support, "application/json", profile.toString());
        assertThat(saved.status()).as(saved.body()).isIn(200, 204);
        Http.Reply enable = SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "john", "john-pw")).enable();
        assertThat(enable.status()).as(enable.body()).isEqualTo(403);
    }

    @Test
    void accountsMadeByAnAccountTheSupportSessionSetUpAreMarkedToo() {
        Http.Reply created = Http.post(adminUrl("/users"), supportToken, "application/json",
                "{\"username\":\"helper\",\"enabled\":true,\"email\":\"helper@x.example\",\"firstName\":\"H\",\"lastName\":\"H\","
                        + "\"credentials\":[{\"type\":\"password\",\"value\":\"helper-pw\",\"temporary\":false}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String helperId = created.raw().headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        grantRealmAdmin(tenant, helperId);

        // helper is a plain (non-support) session, but the support engineer knows its password
        String helper = Platform.token(tenant, "helper", "helper-pw");
        resetPassword(helper, bobId, "via-helper");
        assertThat(SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "bob", "via-helper")).enable().status()).isEqualTo(403);
        // and helper cannot lift marks, its own included
        resetPassword(helper, helperId, "helper-pw2");
        assertThat(SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "helper", "helper-pw2")).enable().status()).isEqualTo(403);
    }

    @Test
    void serviceAccountsCannotEnableSupportAndClientsMadeInASupportSessionMarkWhatTheyDo() {
        Http.Reply client = Http.post(adminUrl("/clients"), supportToken, "application/json",
                "{\"clientId\":\"robot\",\"publicClient\":false,\"serviceAccountsEnabled\":true,\"secret\":\"robot-secret\","
                        + "\"standardFlowEnabled\":false}");
        assertThat(client.status()).as(client.body()).isEqualTo(201);
        String clientId = client.raw().headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        JsonNode serviceAccount = Http.get(adminUrl("/clients/" + clientId + "/service-account-user"), supportToken).json();
        grantRealmAdmin(tenant, serviceAccount.get("id").asText());

        Http.Reply robotToken = Http.postForm(Platform.tokenUrl(tenant), Map.of("grant_type", "client_credentials",
                "client_id", "robot", "client_secret", "robot-secret"));
        assertThat(robotToken.status()).as(robotToken.body()).isEqualTo(200);
        String robot = robotToken.json().get("access_token").asText();

        Http.Reply enable = SupportAccessClient.ofTenant(tenant, robot).enable();
        assertThat(enable.status()).as(enable.body()).isEqualTo(403);
        assertThat(enable.json().get("error_description").asText()).contains("service account");

        resetPassword(robot, bobId, "via-robot");
        assertThat(SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "bob", "via-robot")).enable().status()).isEqualTo(403);
    }

    @Test
    void aSupportSessionChangingHowTheTenantLogsInFreezesConsentUntilThePlatformLiftsIt() {
        Http.Reply registration = Http.put(adminUrl(""), supportToken, "application/json", "{\"registrationAllowed\":true}");
        assertThat(registration.status()).as(registration.body()).isEqualTo(204);
        String alice = Platform.token(tenant, "alice", "alice-pw");
        Http.Reply enable = SupportAccessClient.ofTenant(tenant, alice).enable();
        assertThat(enable.status()).as(enable.body()).isEqualTo(403);
        assertThat(enable.json().get("error_description").asText()).contains("log in").contains("platform administrator");
        assertThat(SupportAccessClient.ofTenant(tenant, alice).statusReply().json().get("canEnable").asBoolean()).isFalse();

        JsonNode marks = SupportAccessClient.admin().consentMarks(tenant);
        assertThat(marks.get("loginConfiguration").get("markedBy").asText()).isEqualTo(jill + "$john");
        assertThat(marks.get("loginConfiguration").get("cause").asText()).startsWith("REALM UPDATE");
        assertThat(SupportAccessClient.as(Platform.token(tenant, "john", "john-pw")).clearLoginConfigurationMark(tenant).status())
                .as("the tenant's administrator cannot lift it").isIn(401, 403);

        Http.Reply lifted = SupportAccessClient.admin().clearLoginConfigurationMark(tenant);
        assertThat(lifted.status()).as(lifted.body()).isEqualTo(204);
        assertThat(SupportAccessClient.ofTenant(tenant, alice).enable().status()).isEqualTo(201);

        // an identity provider added in a support session freezes it again
        Http.Reply idp = Http.post(adminUrl("/identity-provider/instances"), supportToken, "application/json",
                "{\"alias\":\"elsewhere\",\"providerId\":\"oidc\",\"enabled\":true,\"config\":{\"authorizationUrl\":"
                        + "\"https://idp.example/auth\",\"tokenUrl\":\"https://idp.example/token\",\"clientId\":\"x\","
                        + "\"clientSecret\":\"y\",\"clientAuthMethod\":\"client_secret_post\"}}");
        assertThat(idp.status()).as(idp.body()).isEqualTo(201);
        assertThat(SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "bob", "bob-pw")).enable().status()).isEqualTo(403);
    }

    @Test
    void usersImportedInASupportSessionAreMarked() {
        Http.Reply imported = Http.post(adminUrl("/partialImport"), supportToken, "application/json",
                "{\"ifResourceExists\":\"SKIP\",\"users\":[{\"username\":\"imported\",\"enabled\":true,\"email\":\"imp@x.example\","
                        + "\"firstName\":\"I\",\"lastName\":\"I\",\"credentials\":[{\"type\":\"password\",\"value\":\"imported-pw\","
                        + "\"temporary\":false}]}]}");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "imported", "imported-pw")).enable().status()).isEqualTo(403);
    }

    // --- helpers

    String adminUrl(String path) {
        return Platform.url() + "/admin/realms/" + tenant + path;
    }

    String expiresAt() {
        return SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "john", "john-pw")).statusReply().json().get("expiresAt").asText();
    }

    List<JsonNode> refusals() {
        return Audit.all(tenant, Map.of("type", "Support", "activity", "Support request refused"));
    }

    void resetPassword(String bearer, String userId, String password) {
        Http.Reply reply = Http.put(adminUrl("/users/" + userId + "/reset-password"), bearer, "application/json",
                "{\"type\":\"password\",\"value\":\"" + password + "\",\"temporary\":false}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(204);
    }

    /** Keycloak's impersonation: the answer's cookies are the impersonated session's. */
    static String impersonate(String realm, String userId, String bearer) {
        Http.Reply reply = Http.post(Platform.url() + "/admin/realms/" + realm + "/users/" + userId + "/impersonation",
                bearer, "application/json", "");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        String cookies = reply.raw().headers().allValues("Set-Cookie").stream()
                .map(c -> c.split(";", 2)[0]).filter(c -> !c.endsWith("="))
                .collect(Collectors.joining("; "));
        assertThat(cookies).contains("KEYCLOAK_IDENTITY=");
        return cookies;
    }

    static Http.Reply postWithCookies(String url, String cookies) {
        return Http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookies)
                .header("X-Support-Access-UI", "1").POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    static void grantRealmAdmin(String realm, String userId) {
        var realmManagement = Platform.realm(realm).clients().findByClientId("realm-management").get(0);
        var realmAdmin = Platform.realm(realm).clients().get(realmManagement.getId()).roles().get("realm-admin").toRepresentation();
        Platform.realm(realm).users().get(userId).roles().clientLevel(realmManagement.getId()).add(List.of(realmAdmin));
    }
}

package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Browser;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import io.supportaccess.keycloak.it.support.TenantWithSupport;
import io.supportaccess.keycloak.it.support.Totp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The platform setting "support users must give a reason": the reason page of the login form, the
 * password grant's {@code support_reason}, and where the reason travels (session, tokens, audit, lists).
 */
class SupportReasonIT {

    static final SupportAccessClient ADMIN = SupportAccessClient.admin();
    static final String REASON_FORM = "#kc-support-access-reason-form";
    static final String XSS = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";

    TenantWithSupport scene;

    @BeforeEach
    void tenant() {
        Platform.setSupportActivated(true);
        scene = TenantWithSupport.create("reason");
    }

    @AfterEach
    void reasonsOff() {
        ADMIN.putSettings("{\"supportReasonRequired\":false}");
        Platform.setSupportActivated(true);
    }

    static void requireReasons() {
        ADMIN.putSettings("{\"supportReasonRequired\":true}");
    }

    @Test
    void theSettingIsOffOnANewInstallationAndTakesOnlyABoolean() {
        assertThat(Platform.initialSettings().get("supportReasonRequired").asBoolean()).isFalse();
        Http.Reply bad = ADMIN.putSettingsReply("{\"supportReasonRequired\":\"yes\"}");
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.json().get("error_description").asText()).contains("supportReasonRequired");
        assertThat(ADMIN.settings().get("supportReasonRequired").asBoolean()).isFalse();
    }

    @Test
    void aChangeOfTheSettingIsAuditedAsOption() {
        requireReasons();
        List<JsonNode> options = Audit.all(Platform.MANAGEMENT, Map.of("type", "Option", "pageSize", "1"));
        assertThat(options.get(0).get("activity").asText()).isEqualTo("Platform setting updated");
        assertThat(options.get(0).get("changes")).extracting(JsonNode::asText).containsExactly("supportReasonRequired");
        assertThat(ADMIN.settings().get("supportReasonRequired").asBoolean()).isTrue();
    }

    @Test
    void theLoginPageAsksForNoReasonWhileTheSettingIsOff() {
        Browser.Result result = new Browser().login(scene.tenant(), scene.supportLogin(), TenantWithSupport.JILL_PASSWORD);
        assertThat(result.redirectedToClient()).as(result.text()).isTrue();
        JsonNode access = Platform.accessToken(Browser.exchange(scene.tenant(), result.code()));
        assertThat(access.get("support").has("reason")).isFalse();
        assertThat(access.get("support").get("openedBy").asText()).isEqualTo("platform");
    }

    @Test
    void theLoginPageAsksForTheReasonAfterPasswordAndOtpAndTheTokensCarryIt() {
        requireReasons();
        String secret = "reason-otp-secret-" + Platform.unique("s");
        String jillOtp = Platform.unique("jillreason");
        Platform.createUserWithOtp(Platform.MANAGEMENT, jillOtp, "jill-otp-pw", secret, "Support");

        Browser browser = new Browser();
        Browser.Result wrongPassword = browser.login(scene.tenant(), jillOtp + "$john", "wrong");
        assertThat(wrongPassword.page().selectFirst(REASON_FORM)).as("no reason page before the password").isNull();
        Browser.Result otpPage = browser.submit(wrongPassword, "#kc-form-login",
                Map.of("username", jillOtp + "$john", "password", "jill-otp-pw"));
        assertThat(otpPage.page().selectFirst("#kc-support-access-otp-form")).as(otpPage.text()).isNotNull();
        assertThat(otpPage.page().selectFirst(REASON_FORM)).as("no reason page before the second factor").isNull();

        Browser.Result reasonPage = browser.submit(otpPage, "#kc-support-access-otp-form", Map.of("otp", Totp.now(secret)));
        assertThat(reasonPage.redirectedToClient()).isFalse();
        assertThat(reasonPage.page().selectFirst(REASON_FORM)).as(reasonPage.text()).isNotNull();
        assertThat(reasonPage.text()).contains("Reason or ticket reference", jillOtp + "$john");

        Browser.Result done = browser.submit(reasonPage, REASON_FORM, Map.of("support_reason", "  TICKET-4711 printer offline  "));
        assertThat(done.redirectedToClient()).as(done.text()).isTrue();
        Http.Reply tokens = Browser.exchange(scene.tenant(), done.code());
        JsonNode access = Platform.accessToken(tokens);
        assertThat(access.get("act").get("username").asText()).isEqualTo(jillOtp);
        assertThat(access.get("support").get("reason").asText()).isEqualTo("TICKET-4711 printer offline");
        JsonNode id = Http.jwtPayload(tokens.json().get("id_token").asText());
        assertThat(id.get("support").get("reason").asText()).isEqualTo("TICKET-4711 printer offline");
    }

    @Test
    void aMissingTooLongOrUnprintableReasonShowsThePageAgainWithAClearMessageAndCountsAgainstNobody() {
        requireReasons();
        String tenant = BruteForceIT.bruteForceProtectedTenant("reason-bf", 2);
        TenantWithSupport protectedScene = TenantWithSupport.in(tenant);
        Browser browser = new Browser();
        Browser.Result page = browser.login(tenant, protectedScene.supportLogin(), TenantWithSupport.JILL_PASSWORD);
        assertThat(page.page().selectFirst(REASON_FORM)).as(page.text()).isNotNull();

        page = browser.submit(page, REASON_FORM, Map.of("support_reason", "   "));
        assertThat(page.text()).contains("Enter the reason or ticket reference of this support access.");
        page = browser.submit(page, REASON_FORM, Map.of("support_reason", "x".repeat(201)));
        assertThat(page.text()).contains("The reason is too long: at most 200 characters.");
        page = browser.submit(page, REASON_FORM, Map.of("support_reason", "line one\nline two"));
        assertThat(page.text()).contains("The reason may contain printable characters only");
        page = browser.submit(page, REASON_FORM, Map.of("support_reason", "bell\u0007 and \u202Ereversed"));
        assertThat(page.text()).contains("The reason may contain printable characters only");
        assertThat(page.redirectedToClient()).isFalse();

        assertThat(failures(Platform.MANAGEMENT, protectedScene.jillId())).isZero();
        assertThat(failures(tenant, protectedScene.johnId())).isZero();

        Browser.Result done = browser.submit(page, REASON_FORM, Map.of("support_reason", "INC-1"));
        assertThat(done.redirectedToClient()).as(done.text()).isTrue();
    }

    @Test
    void aHostileReasonIsShownEscapedOnTheLoginPageAndKeptVerbatim() {
        requireReasons();
        Browser browser = new Browser();
        Browser.Result page = browser.login(scene.tenant(), scene.supportLogin(), TenantWithSupport.JILL_PASSWORD);
        String tooLong = XSS + "x".repeat(200);
        page = browser.submit(page, REASON_FORM, Map.of("support_reason", tooLong));
        assertThat(page.text()).contains("at most 200 characters");
        assertThat(page.page().select("script:containsData(alert(1))")).isEmpty();
        assertThat(page.page().select("img[onerror]")).isEmpty();
        // what was typed is offered again for correction, as text
        assertThat(page.page().selectFirst("#support_reason").attr("value")).isEqualTo(tooLong);

        Browser.Result done = browser.submit(page, REASON_FORM, Map.of("support_reason", XSS));
        assertThat(done.redirectedToClient()).as(done.text()).isTrue();
        JsonNode access = Platform.accessToken(Browser.exchange(scene.tenant(), done.code()));
        assertThat(access.get("support").get("reason").asText()).isEqualTo(XSS);
        assertThat(Audit.all(scene.tenant(), Map.of("type", "Support")).get(0).get("supportReason").asText()).isEqualTo(XSS);
    }

    @Test
    void thePasswordGrantWithoutAReasonIsRefusedClearlyAndCountsAgainstNobody() {
        requireReasons();
        String tenant = BruteForceIT.bruteForceProtectedTenant("reason-grant-bf", 2);
        TenantWithSupport protectedScene = TenantWithSupport.in(tenant);
        for (int i = 0; i < 3; i++) {
            Http.Reply refused = protectedScene.supportGrant();
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().get("error").asText()).isEqualTo("invalid_request");
            assertThat(refused.json().get("error_description").asText())
                    .isEqualTo("A reason or ticket reference for the support access is required (parameter support_reason)");
        }
        Http.Reply tooLong = grant(protectedScene, "x".repeat(201));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("error_description").asText()).contains("at most 200 characters");
        Http.Reply control = grant(protectedScene, "INC-1\r\nX-Injected: yes");
        assertThat(control.status()).isEqualTo(400);
        assertThat(control.json().get("error_description").asText()).contains("printable characters only");

        assertThat(failures(Platform.MANAGEMENT, protectedScene.jillId())).isZero();
        assertThat(failures(tenant, protectedScene.johnId())).isZero();
        // a failure factor of 2 would have locked either of them out by now
        assertThat(Platform.accessToken(grant(protectedScene, "INC-1")).get("support").get("reason").asText()).isEqualTo("INC-1");
        assertThat(Platform.accessToken(protectedScene.johnGrant()).get("preferred_username").asText()).isEqualTo("john");

        List<JsonNode> denied = Audit.all(tenant, Map.of("type", "Support", "user", protectedScene.supportLogin())).stream()
                .filter(r -> r.get("activity").asText().equals("Support access denied")).toList();
        assertThat(denied).hasSize(5);
        assertThat(denied.get(4).get("text").asText()).contains("A reason or ticket reference for the support access is required");
    }

    @Test
    void tokensUserinfoAndIntrospectionCarryTheReasonAndWhatOpenedTheTenant() {
        requireReasons();
        ActClaimIntrospectionIT.addIntrospector(scene.tenant());
        Http.Reply tokens = grant(scene, "INC-2 <b>bold</b> & \"quoted\"");
        String token = tokens.json().get("access_token").asText();
        JsonNode access = Http.jwtPayload(token);
        assertThat(access.get("act").get("username").asText()).isEqualTo(scene.jill());
        assertThat(access.get("support").get("reason").asText()).isEqualTo("INC-2 <b>bold</b> & \"quoted\"");
        assertThat(access.get("support").get("openedBy").asText()).isEqualTo("platform");
        assertThat(access.get("support").has("expiresAt")).isFalse();
        assertThat(Http.jwtPayload(tokens.json().get("id_token").asText()).get("support").get("reason").asText())
                .isEqualTo("INC-2 <b>bold</b> & \"quoted\"");

        Http.Reply userinfo = Http.get(Platform.url() + "/realms/" + scene.tenant() + "/protocol/openid-connect/userinfo", token);
        assertThat(userinfo.status()).as(userinfo.body()).isEqualTo(200);
        assertThat(userinfo.json().path("support").path("reason").asText()).as(userinfo.body()).isEqualTo("INC-2 <b>bold</b> & \"quoted\"");
        JsonNode introspected = ActClaimIntrospectionIT.introspect(scene.tenant(), token);
        assertThat(introspected.get("active").asBoolean()).as(introspected.toString()).isTrue();
        assertThat(introspected.path("support").path("reason").asText()).as(introspected.toString()).isEqualTo("INC-2 <b>bold</b> & \"quoted\"");

        // a refreshed token still says so
        JsonNode refreshed = Platform.accessToken(Platform.refresh(scene.tenant(), tokens.json().get("refresh_token").asText()));
        assertThat(refreshed.get("support").get("reason").asText()).isEqualTo("INC-2 <b>bold</b> & \"quoted\"");

        // john's own tokens have no support claim
        assertThat(Platform.accessToken(scene.johnGrant()).has("support")).isFalse();
    }

    @Test
    void aTenantOpenedByASupportRequestIsNamedWithTheRequestAndItsExpiry() {
        requireReasons();
        Platform.setSupportActivated(false);
        Http.Reply enabled = SupportAccessClient.ofTenant(scene.tenant(), scene.johnToken()).enable();
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(201);
        long expiresAt = Instant.parse(enabled.json().get("expiresAt").asText()).getEpochSecond();
        String requestId = ADMIN.requestEvents(scene.tenant()).get(0).get("requestId").asText();

        JsonNode support = Platform.accessToken(grant(scene, "INC-3")).get("support");
        assertThat(support.get("openedBy").asText()).isEqualTo("request");
        assertThat(support.get("request").asText()).isEqualTo(requestId);
        assertThat(support.get("expiresAt").asLong()).isEqualTo(expiresAt);
        assertThat(support.get("reason").asText()).isEqualTo("INC-3");
    }

    @Test
    void theReasonIsOnTheLiveSessionTheAuditRecordsOfTheSessionAndTheTenantsAccessesList() {
        requireReasons();
        Platform.createUser(scene.tenant(), "boss", "boss-pw");
        Platform.grantRealmManagementRole(scene.tenant(), "boss", "realm-admin");
        Http.Reply granted = grant(scene, "CASE-77");
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        JsonNode tokens = granted.json();

        List<JsonNode> live = ADMIN.sessions(Map.of("supportUser", scene.jill()));
        assertThat(live).hasSize(1);
        assertThat(live.get(0).get("reason").asText()).isEqualTo("CASE-77");

        // an action in the session: john's profile changed through the account REST API
        String token = tokens.get("access_token").asText();
        String account = Platform.url() + "/realms/" + scene.tenant() + "/account";
        Http.Reply profile = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(account))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build());
        assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        var changed = (com.fasterxml.jackson.databind.node.ObjectNode) profile.json();
        changed.put("firstName", "Johnny");
        assertThat(Http.post(account, token, "application/json", changed.toString()).status()).isIn(200, 204);
        // and the session's end
        Http.Reply logout = Http.postForm(Platform.url() + "/realms/" + scene.tenant() + "/protocol/openid-connect/logout",
                Map.of("client_id", Platform.CLIENT, "refresh_token", tokens.get("refresh_token").asText()));
        assertThat(logout.status()).as(logout.body()).isEqualTo(204);

        List<JsonNode> records = Audit.all(scene.tenant(), Map.of("supportUser", scene.jill()));
        assertThat(records).extracting(r -> r.get("activity").asText())
                .contains("Support access granted", "User updated", "User logout", "Support session ended");
        assertThat(records).allSatisfy(r -> assertThat(r.get("supportReason").asText()).as(r.toString()).isEqualTo("CASE-77"));
        JsonNode grantRecord = records.stream().filter(r -> r.get("activity").asText().equals("Support access granted")).findFirst().orElseThrow();
        assertThat(grantRecord.get("text").asText()).endsWith("; reason: CASE-77");
        // the management realm's view across tenants says the same
        assertThat(Audit.all(Platform.MANAGEMENT, Map.of("type", "Support", "supportUser", scene.jill())))
                .allSatisfy(r -> assertThat(r.get("supportReason").asText()).isEqualTo("CASE-77"));

        JsonNode accesses = SupportAccessClient.as(Platform.token(scene.tenant(), "boss", "boss-pw"))
                .tenantSupport(scene.tenant()).accesses(Map.of());
        List<JsonNode> fromJill = java.util.stream.StreamSupport.stream(accesses.get("records").spliterator(), false)
                .filter(r -> scene.jill().equals(r.path("supportUser").asText())).toList();
        assertThat(fromJill).isNotEmpty().allSatisfy(r -> assertThat(r.get("supportReason").asText()).isEqualTo("CASE-77"));
        // john's own records carry none
        assertThat(Platform.accessToken(scene.johnGrant()).has("support")).isFalse();
        assertThat(Audit.all(scene.tenant(), Map.of("user", "john"))).isNotEmpty()
                .allSatisfy(r -> assertThat(r.hasNonNull("supportReason")).as(r.toString()).isFalse());
    }

    @Test
    void aReasonGivenWhileTheSettingIsOffIsRecordedAndStillChecked() {
        assertThat(Platform.accessToken(scene.supportGrant()).get("support").has("reason")).isFalse();
        assertThat(Platform.accessToken(grant(scene, "voluntary")).get("support").get("reason").asText()).isEqualTo("voluntary");
        assertThat(grant(scene, "bad\u0000reason").status()).isEqualTo(400);
    }

    static Http.Reply grant(TenantWithSupport scene, String reason) {
        return Platform.passwordGrant(scene.tenant(), scene.supportLogin(), TenantWithSupport.JILL_PASSWORD, Map.of("support_reason", reason));
    }

    static int failures(String realm, String userId) {
        return ((Number) BruteForceIT.bruteForce(realm, userId).get("numFailures")).intValue();
    }
}

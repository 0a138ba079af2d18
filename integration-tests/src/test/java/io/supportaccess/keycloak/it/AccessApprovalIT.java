package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Await;
import io.supportaccess.keycloak.it.support.Browser;
import io.supportaccess.keycloak.it.support.Clock;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import io.supportaccess.keycloak.it.support.SupportSession;
import io.supportaccess.keycloak.it.support.TenantWithSupport;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * Access approval (issue 20): a support user asks a closed tenant for access through the management
 * realm's REST API, the tenant's approvers (Support approval ADMIN, in {@code admins}) approve or deny,
 * and an approval opens the tenant for that support user and target only, until its time is up.
 */
class AccessApprovalIT {

    static final String PASSWORD = "approver-secret";
    static final int MINUTE = 60;

    static GreenMail smtp;

    @BeforeAll
    static void startMailServer() {
        smtp = new GreenMail(new ServerSetup(Await.freeLoopbackPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopMailServer() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    TenantWithSupport t;
    String mary;

    @BeforeEach
    void closedPlatformWithApprovals() {
        Platform.putSettings("{\"supportAccessActivated\":false,\"approvalMode\":\"available\",\"accessRequestPendingHours\":24,"
                + "\"validityLimitHours\":24}");
        t = TenantWithSupport.in(SupportSessionLifetimeIT.longLivedTenant("approval"));
        mary = approver(t.tenant(), "mary");
    }

    @AfterEach
    void restore() {
        Clock.set(0);
        Platform.putSettings("{\"supportAccessActivated\":true,\"approvalMode\":\"off\",\"accessRequestPendingHours\":24,"
                + "\"validityLimitHours\":24,\"supportSessionIdleMinutes\":30,\"supportSessionMaxHours\":8,"
                + "\"accessRequestAnyUserAllowed\":true}");
    }

    @Test
    void whereThePlatformDoesNotAllowAnyUserARequestNamesItsTarget() {
        Platform.putSettings("{\"accessRequestAnyUserAllowed\":false}");
        Http.Reply refused = ask(t.jill(), t.tenant(), "null", 4, "INC-20", 400);
        assertThat(refused.json().get("error_description").asText()).contains("'targetUser' is required");
        assertThat(own(t.jill())).isEmpty();
        assertThat(ask(t.jill(), t.tenant(), "\"john\"", 4, "INC-20").get("targetUser").asText()).isEqualTo("john");
        assertThat(Http.get(Platform.settingsUrl(), Clock.adminToken()).json().get("accessRequestAnyUserAllowed").asBoolean()).isFalse();
    }

    @Test
    void anApprovalOpensTheTenantForThatSupportUserAndTargetOnly() {
        String bob = Platform.unique("bob");
        Platform.createSupportUser(bob, TenantWithSupport.JILL_PASSWORD, "Support");
        Platform.createUser(t.tenant(), "jane", "jane-secret");
        assertThat(t.supportGrant().status()).as("closed before the approval").isEqualTo(400);

        JsonNode asked = ask(t.jill(), t.tenant(), "\"john\"", 4, "ABC-123 printer broken");
        assertThat(asked.get("status").asText()).isEqualTo("PENDING");
        assertThat(asked.get("tenant").asText()).isEqualTo(t.tenant());
        assertThat(asked.get("supportUser").asText()).isEqualTo(t.jill());
        assertThat(asked.get("targetUser").asText()).isEqualTo("john");
        assertThat(asked.get("hoursRequested").asInt()).isEqualTo(4);
        assertThat(Instant.parse(asked.get("pendingUntil").asText())).isAfter(Instant.parse(asked.get("requestedAt").asText()));
        String id = asked.get("id").asText();

        assertThat(own(t.jill()).get(0).get("id").asText()).isEqualTo(id);
        JsonNode pending = tenantApi("GET", t.tenant(), "?status=PENDING", mary, null).json();
        assertThat(pending).extracting(r -> r.get("id").asText()).containsExactly(id);
        assertThat(tenantApi("GET", t.tenant(), "/can-approve", mary, null).json().get("canApprove").asBoolean()).isTrue();
        assertThat(t.supportGrant().status()).as("still pending").isEqualTo(400);

        Http.Reply approved = tenantApi("POST", t.tenant(), "/" + id + "/approve", mary, "{\"hours\":2,\"comment\":\"go ahead\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.json().get("decidedBy").asText()).isEqualTo("mary");
        assertThat(approved.json().get("comment").asText()).isEqualTo("go ahead");
        Instant decidedAt = Instant.parse(approved.json().get("decidedAt").asText());
        assertThat(Instant.parse(approved.json().get("approvedUntil").asText())).as("shorter than asked")
                .isEqualTo(decidedAt.plusSeconds(2 * 3600));

        JsonNode tokens = granted(t.supportGrant());
        JsonNode support = Http.jwtPayload(tokens.get("access_token").asText()).get("support");
        assertThat(support.get("openedBy").asText()).isEqualTo("approval");
        assertThat(support.get("approval").asText()).isEqualTo(id);
        assertThat(support.get("reason").asText()).isEqualTo("ABC-123 printer broken");
        // the tenant's tokens live 3 days and a support session 8 hours: this one ends with the approval
        assertThat(Http.jwtPayload(tokens.get("access_token").asText()).get("exp").asLong()).as("token ends with the approval")
                .isLessThanOrEqualTo(Instant.parse(approved.json().get("approvedUntil").asText()).getEpochSecond());
        assertThat(Platform.passwordGrant(t.tenant(), bob + "$john", TenantWithSupport.JILL_PASSWORD).status())
                .as("another support user stays out").isEqualTo(400);
        assertThat(Platform.passwordGrant(t.tenant(), t.jill() + "$jane", TenantWithSupport.JILL_PASSWORD).status())
                .as("another target stays out").isEqualTo(400);

        JsonNode decision = operator("GET", "/tenants/" + t.tenant() + "/decision?supportUser=" + t.jill(), null).json();
        assertThat(decision.get("outcome").asText()).isEqualTo("GRANTED");
        assertThat(decision.get("explanation").asText()).startsWith("approved by mary for " + t.jill() + " as john until ")
                .endsWith("reason: ABC-123 printer broken");
        JsonNode listed = operator("GET", "/tenants/" + t.tenant() + "/access-requests?status=approved", null).json();
        assertThat(listed).extracting(r -> r.get("id").asText()).containsExactly(id);

        Http.Reply again = tenantApi("POST", t.tenant(), "/" + id + "/deny", mary, "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error_description").asText()).contains("already approved").contains("mary");
        assertThat(supportActivities(t.tenant()))
                .contains("Access requested", "Access approved", "Access approval used");
    }

    @Test
    void theLoginPageOffersToAskAndTheApprovalLetsTheSupportUserIn() {
        Browser browser = new Browser();
        Browser.Result offer = browser.login(t.tenant(), t.jill() + "$", TenantWithSupport.JILL_PASSWORD);
        assertThat(offer.text()).contains("not open to support");
        Browser.Result invalid = browser.submit(offer, "#kc-support-access-ask-form", Map.of("support_ask_reason", "", "support_ask_hours", "3"));
        assertThat(invalid.text()).contains("The request was not sent").contains("reason");
        Browser.Result sent = browser.submit(invalid, "#kc-support-access-ask-form",
                Map.of("support_ask_reason", "TICKET-77 <b>", "support_ask_hours", "3"));
        assertThat(sent.page().selectFirst("#support-access-ask-sent")).as(sent.text()).isNotNull();

        Browser.Result waiting = new Browser().login(t.tenant(), t.jill() + "$", TenantWithSupport.JILL_PASSWORD);
        assertThat(waiting.page().selectFirst("#support-access-ask-waiting")).as(waiting.text()).isNotNull();

        JsonNode asked = own(t.jill()).get(0);
        assertThat(asked.get("reason").asText()).isEqualTo("TICKET-77 <b>");
        assertThat(asked.get("hoursRequested").asInt()).isEqualTo(3);
        assertThat(absent(asked, "targetUser")).as("jill$ asks for any user").isTrue();
        assertThat(tenantApi("POST", t.tenant(), "/" + asked.get("id").asText() + "/approve", mary, "{}").status()).isEqualTo(200);

        assertThat(new Browser().login(t.tenant(), t.supportLogin(), TenantWithSupport.JILL_PASSWORD).redirectedToClient()).isTrue();
        String bob = Platform.unique("bob");
        Platform.createSupportUser(bob, TenantWithSupport.JILL_PASSWORD, "Support");
        Browser.Result bobs = new Browser().login(t.tenant(), bob + "$john", TenantWithSupport.JILL_PASSWORD);
        assertThat(bobs.redirectedToClient()).isFalse();
        assertThat(bobs.page().selectFirst("#kc-support-access-ask-form")).as("bob may ask too").isNotNull();
    }

    @Test
    void aDeniedRequestOpensNothing() {
        String id = ask(t.jill(), t.tenant(), "null", 4, "INC-1").get("id").asText();
        Http.Reply denied = tenantApi("POST", t.tenant(), "/" + id + "/deny", mary, "{\"comment\":\"not today\"}");
        assertThat(denied.status()).as(denied.body()).isEqualTo(200);
        assertThat(denied.json().get("status").asText()).isEqualTo("DENIED");
        assertThat(absent(denied.json(), "approvedUntil")).isTrue();
        assertThat(t.supportGrant().status()).isEqualTo(400);
        assertThat(tenantApi("POST", t.tenant(), "/" + id + "/approve", mary, "{}").status()).isEqualTo(409);
        assertThat(own(t.jill()).get(0).get("status").asText()).isEqualTo("DENIED");
        assertThat(supportActivities(t.tenant())).contains("Access denied");
    }

    @Test
    void onlyApproversActingForThemselvesDecide() {
        String id = ask(t.jill(), t.tenant(), "null", 4, "INC-2").get("id").asText();
        String johnToken = t.johnToken();
        assertThat(tenantApi("POST", t.tenant(), "/" + id + "/approve", johnToken, "{}").status()).as("no permission").isEqualTo(403);
        assertThat(tenantApi("GET", t.tenant(), "", johnToken, null).status()).isEqualTo(403);
        assertThat(tenantApi("GET", t.tenant(), "/can-approve", johnToken, null).json().get("canApprove").asBoolean()).isFalse();

        // the support user herself, under a tenant account of the same name
        String twin = Platform.createUser(t.tenant(), t.jill(), PASSWORD);
        Platform.grantRealmRoles(t.tenant(), twin, "admins");
        String twinToken = Platform.token(t.tenant(), t.jill(), PASSWORD);
        Http.Reply self = tenantApi("POST", t.tenant(), "/" + id + "/approve", twinToken, "{}");
        assertThat(self.status()).as(self.body()).isEqualTo(403);

        // approved for any user, jill works as mary (an approver) and tries to approve bob's request
        assertThat(tenantApi("POST", t.tenant(), "/" + id + "/approve", mary, "{}").status()).isEqualTo(200);
        String bob = Platform.unique("bob");
        Platform.createSupportUser(bob, TenantWithSupport.JILL_PASSWORD, "Support");
        String bobs = ask(bob, t.tenant(), "null", 4, "INC-3").get("id").asText();
        String inSupport = granted(Platform.passwordGrant(t.tenant(), t.jill() + "$mary", TenantWithSupport.JILL_PASSWORD))
                .get("access_token").asText();
        Http.Reply forged = tenantApi("POST", t.tenant(), "/" + bobs + "/approve", inSupport, "{}");
        assertThat(forged.status()).as(forged.body()).isEqualTo(403);
        assertThat(tenantApi("GET", t.tenant(), "/can-approve", inSupport, null).json().get("canApprove").asBoolean()).isFalse();
        assertThat(tenantApi("GET", t.tenant(), "?status=PENDING", mary, null).json()).extracting(r -> r.get("id").asText())
                .containsExactly(bobs);
        assertThat(supportActivities(t.tenant())).contains("Access decision refused");
    }

    @Test
    void ofTwoApproversAtOnceOneWinsAndTheOtherGetsAConflict() throws Exception {
        String max = approver(t.tenant(), "max");
        String id = ask(t.jill(), t.tenant(), "\"john\"", 4, "INC-4").get("id").asText();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Http.Reply>> calls = new ArrayList<>();
        for (String approver : List.of(mary, max)) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return tenantApi("POST", t.tenant(), "/" + id + "/approve", approver, "{}");
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Http.Reply> call : calls) {
            statuses.add(call.get().status());
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat(supportActivities(t.tenant()).stream().filter("Access approved"::equals)).hasSize(1);
    }

    @Test
    void ofSeveralAsksAtOnceForOneTenantOneIsPendingAndTheOthersGetAConflict() throws Exception {
        String token = Platform.managementToken(t.jill(), TenantWithSupport.JILL_PASSWORD);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Http.Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String body = "{\"tenant\":\"" + t.tenant() + "\",\"targetUser\":null,\"hours\":2,\"reason\":\"RACE-" + i + "\"}";
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return Http.post(managementApi(""), token, "application/json", body);
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Http.Reply> call : calls) {
            Http.Reply reply = call.get();
            assertThat(reply.status()).as(reply.body()).isIn(201, 409);
            statuses.add(reply.status());
        }
        assertThat(statuses).as("exactly one request is created").containsOnlyOnce(201);
        assertThat(own(t.jill()).stream().filter(r -> "PENDING".equals(r.get("status").asText()))).hasSize(1);
        assertThat(supportActivities(t.tenant()).stream().filter("Access requested"::equals)).hasSize(1);
    }

    @Test
    void aSupportUserWithdrawsOnlyTheirOwnOpenRequests() {
        String bob = Platform.unique("bob");
        Platform.createSupportUser(bob, TenantWithSupport.JILL_PASSWORD, "Support");
        String id = ask(t.jill(), t.tenant(), "null", 4, "INC-5").get("id").asText();
        assertThat(ask(t.jill(), t.tenant(), "null", 4, "again", 409).status()).as("one pending request per tenant").isEqualTo(409);
        assertThat(withdraw(bob, id).status()).isEqualTo(404);
        assertThat(withdraw(t.jill(), id).status()).isEqualTo(204);
        assertThat(own(t.jill()).get(0).get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(withdraw(t.jill(), id).status()).isEqualTo(409);
        assertThat(tenantApi("POST", t.tenant(), "/" + id + "/approve", mary, "{}").status()).isEqualTo(409);

        // an approval withdrawn by the support user ends its live sessions
        String second = ask(t.jill(), t.tenant(), "null", 4, "INC-6").get("id").asText();
        assertThat(tenantApi("POST", t.tenant(), "/" + second + "/approve", mary, "{}").status()).isEqualTo(200);
        SupportSession session = SupportSession.login(t.tenant(), t.supportLogin(), TenantWithSupport.JILL_PASSWORD);
        assertThat(withdraw(t.jill(), second).status()).isEqualTo(204);
        session.assertEnded();
        assertThat(t.supportGrant().status()).isEqualTo(400);
    }

    @Test
    void anApprovalEndsWithItsTimeAndItsLiveSessionsWithIt() {
        Platform.putSettings("{\"supportSessionIdleMinutes\":1440,\"supportSessionMaxHours\":168}");
        String id = ask(t.jill(), t.tenant(), "\"john\"", 1, "INC-7").get("id").asText();
        assertThat(tenantApi("POST", t.tenant(), "/" + id + "/approve", mary, "{}").status()).isEqualTo(200);
        SupportSession session = SupportSession.login(t.tenant(), t.supportLogin(), TenantWithSupport.JILL_PASSWORD);
        SupportSession johnOwn = SupportSession.login(t.tenant(), "john", TenantWithSupport.JOHN_PASSWORD);

        Clock.set(40 * MINUTE);
        assertThat(session.refresh().status()).isEqualTo(200);
        Clock.set(65 * MINUTE);
        session.awaitEnded();
        assertThat(johnOwn.alive()).isTrue();
        assertThat(t.supportGrant().status()).isEqualTo(400);
        Await.until(Duration.ofSeconds(30), () -> "EXPIRED".equals(own(t.jill()).get(0).get("status").asText())
                && supportActivities(t.tenant()).contains("Access expired"), () -> "no expiry record");
        assertThat(Audit.all(Platform.url(), Clock.adminToken(), t.tenant(), Map.of("type", "Support")).stream()
                .filter(r -> "Support session ended".equals(r.get("activity").asText())).map(r -> r.get("text").asText()))
                .anyMatch(text -> text.endsWith("ended: expiry"));
    }

    @Test
    void anUndecidedRequestExpires() {
        Platform.putSettings("{\"accessRequestPendingHours\":1}");
        String id = ask(t.jill(), t.tenant(), "null", 4, "INC-8").get("id").asText();
        Clock.set(61 * MINUTE);
        assertThat(tenantApi("GET", t.tenant(), "?status=EXPIRED", mary, null).json()).extracting(r -> r.get("id").asText())
                .containsExactly(id);
        assertThat(tenantApi("GET", t.tenant(), "?status=PENDING", mary, null).json()).isEmpty();
        Http.Reply late = tenantApi("POST", t.tenant(), "/" + id + "/approve", mary, "{}");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("error_description").asText()).contains("expired");
        Await.until(Duration.ofSeconds(30), () -> supportActivities(t.tenant()).contains("Access expired"),
                () -> "no expiry record");
    }

    @Test
    void approvalModeOnlyClosesThePlatformOpenTenantExceptForApprovals() {
        Platform.putSettings("{\"supportAccessActivated\":true,\"approvalMode\":\"only\"}");
        String bob = Platform.unique("bob");
        Platform.createSupportUser(bob, TenantWithSupport.JILL_PASSWORD, "Support");
        assertThat(t.supportGrant().status()).as("the platform setting no longer opens it").isEqualTo(400);
        Http.Reply enable = SupportAccessClient.ofTenant(t.tenant(), t.johnToken()).enable();
        assertThat(enable.status()).as("self-service requests are not used").isEqualTo(409);

        String id = ask(t.jill(), t.tenant(), "\"john\"", 4, "INC-9").get("id").asText();
        assertThat(tenantApi("POST", t.tenant(), "/" + id + "/approve", mary, "{}").status()).isEqualTo(200);
        assertThat(t.supportGrant().status()).isEqualTo(200);
        assertThat(Platform.passwordGrant(t.tenant(), bob + "$john", TenantWithSupport.JILL_PASSWORD).status()).isEqualTo(400);

        // an operator's per-tenant choice wins over the platform's: "off" closes approvals, the platform opens it again
        Http.Reply off = operator("PUT", "/tenants/" + t.tenant(), "{\"approvalMode\":\"off\"}");
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(operator("GET", "/tenants/" + t.tenant() + "/properties", null).json().get("approvalMode").asText()).isEqualTo("off");
        assertThat(Platform.passwordGrant(t.tenant(), bob + "$john", TenantWithSupport.JILL_PASSWORD).status()).isEqualTo(200);
        assertThat(ask(bob, t.tenant(), "null", 4, "INC-10", 409).status()).isEqualTo(409);
        assertThat(operator("PUT", "/tenants/" + t.tenant(), "{\"approvalMode\":null}").status()).isEqualTo(200);
        assertThat(absent(operator("GET", "/tenants/" + t.tenant() + "/properties", null).json(), "approvalMode")).isTrue();
    }

    @Test
    void badInputIsAClear4xx() {
        String token = Platform.managementToken(t.jill(), TenantWithSupport.JILL_PASSWORD);
        for (String body : List.of("", "[]", "{", "{\"tenant\":\"" + t.tenant() + "\",\"hours\":4}",
                "{\"tenant\":\"" + t.tenant() + "\",\"hours\":0,\"reason\":\"x\"}",
                "{\"tenant\":\"" + t.tenant() + "\",\"hours\":25,\"reason\":\"x\"}",
                "{\"tenant\":\"" + t.tenant() + "\",\"hours\":\"4\",\"reason\":\"x\"}",
                "{\"tenant\":\"" + t.tenant() + "\",\"hours\":4,\"reason\":\"a\\nb\"}",
                "{\"tenant\":\"" + t.tenant() + "\",\"hours\":4,\"reason\":\"x\",\"targetUser\":\"a$b\"}",
                "{\"tenant\":\"" + t.tenant() + "\",\"hours\":4,\"reason\":\"x\",\"targetUser\":7}",
                "{\"tenant\":\"" + t.tenant() + "\",\"hours\":4,\"reason\":\"x\",\"extra\":1}")) {
            Http.Reply reply = Http.post(managementApi(""), token, "application/json", body);
            assertThat(reply.status()).as(body + " -> " + reply.body()).isEqualTo(400);
            assertThat(reply.json().get("error_description").asText()).isNotBlank();
        }
        assertThat(Http.post(managementApi(""), token, "application/json", "{\"tenant\":\"no-such-tenant\",\"hours\":4,\"reason\":\"x\"}")
                .status()).isEqualTo(404);
        assertThat(Http.post(managementApi(""), null, "application/json", "{}").status()).isEqualTo(401);
        String noSupport = Platform.unique("nosupport");
        Platform.createSupportUser(noSupport, TenantWithSupport.JILL_PASSWORD);
        assertThat(ask(noSupport, t.tenant(), "null", 4, "x", 403).status()).isEqualTo(403);

        String id = ask(t.jill(), t.tenant(), "null", 4, "INC-11").get("id").asText();
        assertThat(tenantApi("POST", t.tenant(), "/" + id + "/approve", mary, "{\"hours\":5}").status()).isEqualTo(400);
        assertThat(tenantApi("POST", t.tenant(), "/" + id + "/approve", mary, "{\"hours\":0}").status()).isEqualTo(400);
        assertThat(tenantApi("POST", t.tenant(), "/" + id + "/approve", mary, "{\"comment\":\"" + "x".repeat(501) + "\"}").status())
                .isEqualTo(400);
        assertThat(tenantApi("POST", t.tenant(), "/" + id + "/approve", mary, "{\"color\":1}").status()).isEqualTo(400);
        assertThat(tenantApi("POST", t.tenant(), "/nope/approve", mary, "{}").status()).isEqualTo(404);
        assertThat(tenantApi("GET", t.tenant(), "?status=MAYBE", mary, null).status()).isEqualTo(400);
        assertThat(Http.put(Platform.settingsUrl(), Clock.adminToken(), "application/json", "{\"approvalMode\":\"maybe\"}").status())
                .isEqualTo(400);
        assertThat(Http.put(Platform.settingsUrl(), Clock.adminToken(), "application/json", "{\"accessRequestPendingHours\":0}").status())
                .isEqualTo(400);
        assertThat(operator("PUT", "/tenants/" + t.tenant(), "{\"approvalMode\":\"sometimes\"}").status()).isEqualTo(400);
        assertThat(tenantApi("GET", t.tenant(), "?status=PENDING", mary, null).json()).extracting(r -> r.get("id").asText())
                .containsExactly(id);
    }

    @Test
    void approversAndTheSupportUserAreEmailed() throws Exception {
        RealmRepresentation rep = Platform.realm(t.tenant()).toRepresentation();
        rep.setSmtpServer(Map.of("host", "127.0.0.1", "port", String.valueOf(smtp.getSmtp().getPort()), "from", "tenant@example.org"));
        Platform.realm(t.tenant()).update(rep);
        RealmRepresentation management = Platform.realm(Platform.MANAGEMENT).toRepresentation();
        Map<String, String> before = management.getSmtpServer();
        management.setSmtpServer(Map.of("host", "127.0.0.1", "port", String.valueOf(smtp.getSmtp().getPort()), "from", "platform@example.org"));
        Platform.realm(Platform.MANAGEMENT).update(management);
        try {
            String id = ask(t.jill(), t.tenant(), "\"john\"", 3, "TICKET-42 <printer>").get("id").asText();
            MimeMessage toMary = awaitMail("mary@" + t.tenant() + ".example", "asks for access");
            assertThat(toMary.getSubject()).contains(t.jill()).contains(t.tenant());
            assertThat(GreenMailUtil.getBody(toMary)).contains("TICKET-42");

            assertThat(tenantApi("POST", t.tenant(), "/" + id + "/approve", mary, "{\"comment\":\"ok\"}").status()).isEqualTo(200);
            MimeMessage toJill = awaitMail(t.jill() + "@" + Platform.MANAGEMENT + ".example", "was approved");
            assertThat(toJill.getSubject()).contains(t.tenant());
            assertThat(GreenMailUtil.getBody(toJill)).contains("mary");
        } finally {
            RealmRepresentation restore = Platform.realm(Platform.MANAGEMENT).toRepresentation();
            restore.setSmtpServer(before == null ? Map.of() : before);
            Platform.realm(Platform.MANAGEMENT).update(restore);
        }
    }

    @Test
    void removingATenantRemovesItsRequests() {
        String id = ask(t.jill(), t.tenant(), "null", 4, "INC-12").get("id").asText();
        assertThat(own(t.jill())).extracting(r -> r.get("id").asText()).contains(id);
        Platform.realm(t.tenant()).remove();
        assertThat(own(t.jill())).extracting(r -> r.get("id").asText()).doesNotContain(id);
    }

    // --- helpers

    /** A tenant user in the global role admins (which holds Support approval ADMIN); returns an access token of theirs. */
    static String approver(String tenant, String username) {
        String id = Platform.createUser(tenant, username, PASSWORD);
        Platform.grantRealmRoles(tenant, id, "admins");
        return Platform.token(tenant, username, PASSWORD);
    }

    /** The activities of the tenant's support audit records (a token issued under the server's clock). */
    static List<String> supportActivities(String tenant) {
        return Audit.all(Platform.url(), Clock.adminToken(), tenant, Map.of("type", "Support")).stream()
                .map(r -> r.get("activity").asText()).toList();
    }

    /** Keycloak's JSON writer leaves out null fields. */
    static boolean absent(JsonNode json, String field) {
        return json.path(field).isMissingNode() || json.path(field).isNull();
    }

    static JsonNode granted(Http.Reply tokens) {
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return tokens.json();
    }

    static String managementApi(String path) {
        return Platform.url() + "/realms/" + Platform.MANAGEMENT + "/support-access/access-requests" + path;
    }

    static JsonNode ask(String supportUser, String tenant, String targetJson, int hours, String reason) {
        Http.Reply reply = ask(supportUser, tenant, targetJson, hours, reason, 201);
        return reply.json();
    }

    static Http.Reply ask(String supportUser, String tenant, String targetJson, int hours, String reason, int expected) {
        String token = Platform.managementToken(supportUser, TenantWithSupport.JILL_PASSWORD);
        Http.Reply reply = Http.post(managementApi(""), token, "application/json", "{\"tenant\":\"" + tenant + "\",\"targetUser\":" + targetJson
                + ",\"hours\":" + hours + ",\"reason\":" + Http.json(reason) + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(expected);
        return reply;
    }

    static List<JsonNode> own(String supportUser) {
        Http.Reply reply = Http.get(managementApi(""), Platform.managementToken(supportUser, TenantWithSupport.JILL_PASSWORD));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        reply.json().forEach(list::add);
        return list;
    }

    static Http.Reply withdraw(String supportUser, String id) {
        return Http.send(HttpRequest.newBuilder(URI.create(managementApi("/" + id))).DELETE()
                .header("Authorization", "Bearer " + Platform.managementToken(supportUser, TenantWithSupport.JILL_PASSWORD)).build());
    }

    static Http.Reply tenantApi(String method, String tenant, String path, String token, String body) {
        String url = Platform.url() + "/realms/" + tenant + "/support-access/access-requests" + path;
        return method.equals("GET") ? Http.get(url, token) : Http.post(url, token, "application/json", body);
    }

    static Http.Reply operator(String method, String path, String body) {
        String url = Platform.url() + "/admin/realms/" + Platform.MANAGEMENT + "/support-access" + path;
        return switch (method) {
            case "GET" -> Http.get(url, Clock.adminToken());
            case "PUT" -> Http.put(url, Clock.adminToken(), "application/json", body);
            default -> Http.post(url, Clock.adminToken(), "application/json", body);
        };
    }

    static MimeMessage awaitMail(String address, String subjectPart) {
        Await.until(Duration.ofSeconds(30), () -> !mailsTo(address, subjectPart).isEmpty(), () -> "no e-mail '" + subjectPart + "' to " + address);
        return mailsTo(address, subjectPart).get(0);
    }

    static List<MimeMessage> mailsTo(String address, String subjectPart) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(address))
                        && message.getSubject().contains(subjectPart);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}

package io.supportaccess.keycloak.it;

import static io.supportaccess.keycloak.it.support.Platform.passwordGrant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.supportaccess.keycloak.it.support.Await;
import io.supportaccess.keycloak.it.support.Browser;
import io.supportaccess.keycloak.it.support.Clock;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.Totp;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * Attacks with a support user whose own account is not set up: whoever knows a temporary password
 * (or any password of a support user whose own login would still ask for more) must not get in,
 * and must learn no more than "not fully set up"; a wrong password still learns nothing.
 */
class SupportUserReadinessIT {

    static final String NOT_READY = "Support user account is not fully set up";
    static final String NOT_READY_PAGE = "The support user account is not ready for support logins";
    static final String INVALID = "Invalid user credentials";

    static String tenant;

    @BeforeAll
    static void platform() {
        tenant = Platform.createTenant("ready");
        Platform.createUser(tenant, "john", "john-secret");
    }

    @BeforeEach
    void open() {
        Platform.setSupportActivated(true);
    }

    @Test
    void temporaryPasswordGetsNoTokensAndNoMoreThanNotSetUp() {
        String newbie = Platform.unique("newbie");
        String id = Platform.createUser(Platform.MANAGEMENT, newbie, null);
        Platform.grantRealmRoles(Platform.MANAGEMENT, id, "Support");
        CredentialRepresentation temporary = new CredentialRepresentation();
        temporary.setType(CredentialRepresentation.PASSWORD);
        temporary.setValue("temp-pw-1");
        temporary.setTemporary(true);
        Platform.realm(Platform.MANAGEMENT).users().get(id).resetPassword(temporary);

        Http.Reply grant = passwordGrant(tenant, newbie + "$john", "temp-pw-1");
        assertThat(grant.status()).as(grant.body()).isEqualTo(400);
        assertThat(grant.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(grant.json().get("error_description").asText()).isEqualTo(NOT_READY);
        assertThat(grant.body()).doesNotContain("access_token");
        // a wrong password learns nothing
        assertThat(passwordGrant(tenant, newbie + "$john", "wrong").json().get("error_description").asText()).isEqualTo(INVALID);

        Browser.Result page = new Browser().login(tenant, newbie + "$john", "temp-pw-1");
        assertThat(page.redirectedToClient()).isFalse();
        assertThat(page.text()).contains(NOT_READY_PAGE);
        Browser.Result wrong = new Browser().login(tenant, newbie + "$john", "wrong");
        assertThat(wrong.redirectedToClient()).isFalse();
        assertThat(wrong.text()).contains("Invalid username or password.").doesNotContain(NOT_READY_PAGE);

        // the support user's own action stays pending for their own login
        assertThat(Platform.realm(Platform.MANAGEMENT).users().get(id).toRepresentation().getRequiredActions())
                .containsExactly("UPDATE_PASSWORD");
        // once set up, the same support user gets in
        Platform.setPassword(Platform.MANAGEMENT, id, "own-pw-1");
        var user = Platform.realm(Platform.MANAGEMENT).users().get(id).toRepresentation();
        user.setRequiredActions(List.of());
        Platform.realm(Platform.MANAGEMENT).users().get(id).update(user);
        assertThat(Platform.accessToken(passwordGrant(tenant, newbie + "$john", "own-pw-1")).get("preferred_username").asText())
                .isEqualTo("john");
    }

    @Test
    void everyPendingRequiredActionIsRefusedWithTheSameWording() {
        for (String action : List.of("UPDATE_PASSWORD", "CONFIGURE_TOTP", "VERIFY_EMAIL", "TERMS_AND_CONDITIONS",
                "UPDATE_PROFILE", "webauthn-register")) {
            String jill = Platform.unique("jillra");
            String id = Platform.createUser(Platform.MANAGEMENT, jill, "pw-ra", u -> u.setRequiredActions(List.of(action)));
            Platform.grantRealmRoles(Platform.MANAGEMENT, id, "Support");
            Http.Reply grant = passwordGrant(tenant, jill + "$john", "pw-ra");
            assertThat(grant.status()).as(action + ": " + grant.body()).isEqualTo(400);
            assertThat(grant.json().get("error_description").asText()).as(action).isEqualTo(NOT_READY);
            assertThat(passwordGrant(tenant, jill + "$john", "not-the-pw").json().get("error_description").asText())
                    .as(action).isEqualTo(INVALID);
        }
    }

    @Test
    void aSupportUserWithOtpAndAPendingActionLearnsNothingBeforeTheCode() {
        String secret = "ready-otp-" + Platform.unique("s");
        String jill = Platform.unique("jillotpra");
        String id = Platform.createUserWithOtp(Platform.MANAGEMENT, jill, "pw-otp-ra", secret, "Support");
        var user = Platform.realm(Platform.MANAGEMENT).users().get(id).toRepresentation();
        user.setRequiredActions(List.of("UPDATE_PASSWORD"));
        Platform.realm(Platform.MANAGEMENT).users().get(id).update(user);

        assertThat(passwordGrant(tenant, jill + "$john", "pw-otp-ra").json().get("error_description").asText()).isEqualTo(INVALID);
        Http.Reply withCode = passwordGrant(tenant, jill + "$john", "pw-otp-ra", Map.of("otp", Totp.now(secret)));
        assertThat(withCode.status()).isEqualTo(400);
        assertThat(withCode.json().get("error_description").asText()).isEqualTo(NOT_READY);

        Browser browser = new Browser();
        Browser.Result otpPage = browser.login(tenant, jill + "$john", "pw-otp-ra");
        assertThat(otpPage.page().selectFirst("#kc-support-access-otp-form")).as(otpPage.text()).isNotNull();
        assertThat(otpPage.text()).doesNotContain(NOT_READY_PAGE);
        // the grant above used this period's code: Keycloak accepts a code only once, the next period's is in its window
        String nextCode = Totp.code(secret, System.currentTimeMillis() / 1000 + 30);
        Browser.Result refused = browser.submit(otpPage, "#kc-support-access-otp-form", Map.of("otp", nextCode));
        assertThat(refused.redirectedToClient()).isFalse();
        assertThat(refused.text()).contains(NOT_READY_PAGE);
    }

    @Test
    void unverifiedEmailIsRefusedWhereTheManagementRealmVerifiesEmails() {
        String jill = Platform.unique("jillmail");
        String id = Platform.createUser(Platform.MANAGEMENT, jill, "pw-mail", u -> u.setEmailVerified(false));
        Platform.grantRealmRoles(Platform.MANAGEMENT, id, "Support");
        assertThat(passwordGrant(tenant, jill + "$john", "pw-mail").status()).isEqualTo(200);

        RealmRepresentation management = Platform.realm(Platform.MANAGEMENT).toRepresentation();
        Boolean before = management.isVerifyEmail();
        management.setVerifyEmail(true);
        Platform.realm(Platform.MANAGEMENT).update(management);
        try {
            assertThat(passwordGrant(tenant, jill + "$john", "pw-mail").json().get("error_description").asText()).isEqualTo(NOT_READY);
        } finally {
            management.setVerifyEmail(before);
            Platform.realm(Platform.MANAGEMENT).update(management);
        }
    }

    @Test
    void incompleteProfileIsRefusedAsTheManagementRealmWouldAskForIt() {
        String jill = Platform.unique("jillprofile");
        ObjectNode user = Http.JSON.createObjectNode();
        user.put("username", jill);
        user.put("enabled", true);
        user.put("email", jill + "@management.example");
        user.put("emailVerified", true);
        user.putArray("realmRoles").add("Support");
        ObjectNode pwd = user.putArray("credentials").addObject();
        pwd.put("type", "password");
        pwd.put("value", "pw-profile");
        pwd.put("temporary", false);
        importUser(user);

        assertThat(passwordGrant(tenant, jill + "$john", "pw-profile").json().get("error_description").asText()).isEqualTo(NOT_READY);
        var rep = Platform.realm(Platform.MANAGEMENT).users().searchByUsername(jill, true).get(0);
        rep.setFirstName("Jill");
        rep.setLastName("Profile");
        Platform.realm(Platform.MANAGEMENT).users().get(rep.getId()).update(rep);
        assertThat(passwordGrant(tenant, jill + "$john", "pw-profile").status()).isEqualTo(200);
    }

    @Test
    void expiredPasswordIsRefused() {
        String jill = Platform.unique("jillexpired");
        Platform.createSupportUser(jill, "pw-expired-1", "Support");
        RealmRepresentation management = Platform.realm(Platform.MANAGEMENT).toRepresentation();
        String policy = management.getPasswordPolicy();
        management.setPasswordPolicy("forceExpiredPasswordChange(1)");
        Platform.realm(Platform.MANAGEMENT).update(management);
        try {
            assertThat(passwordGrant(tenant, jill + "$john", "pw-expired-1").status()).isEqualTo(200);
            Clock.set(2 * 86400 + 60);
            try {
                assertThat(passwordGrant(tenant, jill + "$john", "pw-expired-1").json().get("error_description").asText())
                        .isEqualTo(NOT_READY);
            } finally {
                Clock.set(0);
            }
        } finally {
            management.setPasswordPolicy(policy == null ? "" : policy);
            Platform.realm(Platform.MANAGEMENT).update(management);
        }
    }

    @Test
    void permanentlyLockedSupportUserLearnsNothing() {
        String jill = Platform.unique("jilllocked");
        String jillId = Platform.createSupportUser(jill, "pw-locked", "Support");
        RealmRepresentation management = Platform.realm(Platform.MANAGEMENT).toRepresentation();
        Boolean permanent = management.isPermanentLockout();
        Integer factor = management.getFailureFactor();
        Integer maxTemporary = management.getMaxTemporaryLockouts();
        management.setPermanentLockout(true);
        management.setFailureFactor(2);
        management.setMaxTemporaryLockouts(0);
        Platform.realm(Platform.MANAGEMENT).update(management);
        try {
            assertThat(passwordGrant(tenant, jill + "$john", "wrong-1").json().get("error_description").asText()).isEqualTo(INVALID);
            assertThat(passwordGrant(tenant, jill + "$john", "wrong-2").json().get("error_description").asText()).isEqualTo(INVALID);
            // Keycloak records failures asynchronously: wait until the lockout is recorded
            awaitLockedOut(jillId);
            Http.Reply right = passwordGrant(tenant, jill + "$john", "pw-locked");
            assertThat(right.status()).isEqualTo(400);
            assertThat(right.json().get("error_description").asText()).isEqualTo(INVALID);
        } finally {
            management.setPermanentLockout(permanent);
            management.setFailureFactor(factor);
            management.setMaxTemporaryLockouts(maxTemporary);
            Platform.realm(Platform.MANAGEMENT).update(management);
        }
    }

    static void awaitLockedOut(String supportUserId) {
        Await.until(Duration.ofSeconds(30), () -> Boolean.TRUE.equals(
                        Platform.realm(Platform.MANAGEMENT).attackDetection().bruteForceUserStatus(supportUserId).get("disabled"))
                        || !Platform.realm(Platform.MANAGEMENT).users().get(supportUserId).toRepresentation().isEnabled(),
                () -> "the support user is not locked out after 30 s: "
                        + Platform.realm(Platform.MANAGEMENT).attackDetection().bruteForceUserStatus(supportUserId));
    }

    @Test
    void aWebAuthnCredentialTheManagementFlowWouldAskForRefusesTheSupportLogin() {
        String plain = Platform.unique("jillplain");
        Platform.createSupportUser(plain, "pw-plain", "Support");
        String keyOnly = Platform.unique("jillkey");
        ObjectNode user = Http.JSON.createObjectNode();
        user.put("username", keyOnly);
        user.put("enabled", true);
        user.put("email", keyOnly + "@management.example");
        user.put("emailVerified", true);
        user.put("firstName", "Jill");
        user.put("lastName", "Key");
        user.putArray("realmRoles").add("Support");
        var credentials = user.putArray("credentials");
        ObjectNode pwd = credentials.addObject();
        pwd.put("type", "password");
        pwd.put("value", "pw-key");
        pwd.put("temporary", false);
        ObjectNode key = credentials.addObject();
        key.put("type", "webauthn");
        key.put("userLabel", "security key");
        key.put("secretData", "{}");
        key.put("credentialData", "{\"aaguid\":\"00000000-0000-0000-0000-000000000000\",\"credentialId\":\"AQIDBA\","
                + "\"credentialPublicKey\":\"pQECAyYgASFYIA\",\"counter\":0,\"attestationStatementFormat\":\"none\"}");
        importUser(user);
        assertThat(passwordGrant(tenant, keyOnly + "$john", "pw-key").status())
                .as("WebAuthn step not in the management flow yet").isEqualTo(200);

        List<Runnable> restore = new ArrayList<>();
        try {
            enableWebAuthnInTwoFactorSubflow(restore);
            Http.Reply refused = passwordGrant(tenant, keyOnly + "$john", "pw-key");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("error_description").asText()).isEqualTo(NOT_READY);
            assertThat(new Browser().login(tenant, keyOnly + "$john", "pw-key").text()).contains(NOT_READY_PAGE);
            assertThat(passwordGrant(tenant, keyOnly + "$john", "wrong").json().get("error_description").asText()).isEqualTo(INVALID);
            // a support user without a key is not asked for one
            assertThat(passwordGrant(tenant, plain + "$john", "pw-plain").status()).isEqualTo(200);
        } finally {
            restore.forEach(Runnable::run);
        }
        assertThat(passwordGrant(tenant, keyOnly + "$john", "pw-key").status()).isEqualTo(200);
    }

    @Test
    void aManagementFlowRequiringWebAuthnForEveryoneRefusesEverySupportLogin() {
        String plain = Platform.unique("jillnokey");
        Platform.createSupportUser(plain, "pw-nokey", "Support");
        var flows = Platform.realm(Platform.MANAGEMENT).flows();
        String copy = Platform.unique("browser-webauthn");
        try (Response response = flows.copy("browser", Map.of("newName", copy))) {
            assertThat(response.getStatus()).isEqualTo(201);
        }
        RealmRepresentation management = Platform.realm(Platform.MANAGEMENT).toRepresentation();
        String boundBefore = management.getBrowserFlow();
        try {
            flows.addExecution(copy + " forms", Map.of("provider", "webauthn-authenticator"));
            AuthenticationExecutionInfoRepresentation added = flows.getExecutions(copy).stream()
                    .filter(e -> "webauthn-authenticator".equals(e.getProviderId()) && e.getLevel() == 1).findFirst().orElseThrow();
            added.setRequirement("REQUIRED");
            flows.updateExecutions(copy, added);
            management.setBrowserFlow(copy);
            Platform.realm(Platform.MANAGEMENT).update(management);

            Http.Reply refused = passwordGrant(tenant, plain + "$john", "pw-nokey");
            assertThat(refused.json().get("error_description").asText()).isEqualTo(NOT_READY);
            assertThat(passwordGrant(tenant, plain + "$john", "wrong").json().get("error_description").asText()).isEqualTo(INVALID);
        } finally {
            management.setBrowserFlow(boundBefore);
            Platform.realm(Platform.MANAGEMENT).update(management);
            flows.getFlows().stream().filter(f -> copy.equals(f.getAlias())).forEach(f -> flows.deleteFlow(f.getId()));
        }
        assertThat(passwordGrant(tenant, plain + "$john", "pw-nokey").status()).isEqualTo(200);
    }

    @Test
    void aSupportUserWithoutPasswordIsAnsweredInvalidCredentials() {
        // e.g. an account that logs in only through an identity provider
        String jill = Platform.unique("jillidp");
        String id = Platform.createUser(Platform.MANAGEMENT, jill, null);
        Platform.grantRealmRoles(Platform.MANAGEMENT, id, "Support");
        for (String guess : List.of("", "x", jill)) {
            Http.Reply grant = passwordGrant(tenant, jill + "$john", guess);
            assertThat(grant.status()).isEqualTo(400);
            assertThat(grant.json().get("error_description").asText()).isEqualTo(INVALID);
        }
    }

    @Test
    void aManagementRealmThatDoesNotLogInWithPasswordsRefusesEverySupportLogin() {
        String plain = Platform.unique("jillnopw");
        Platform.createSupportUser(plain, "pw-nopw", "Support");
        var flows = Platform.realm(Platform.MANAGEMENT).flows();
        String copy = Platform.unique("browser-idp-only");
        try (Response response = flows.copy("browser", Map.of("newName", copy))) {
            assertThat(response.getStatus()).isEqualTo(201);
        }
        RealmRepresentation management = Platform.realm(Platform.MANAGEMENT).toRepresentation();
        String boundBefore = management.getBrowserFlow();
        try {
            AuthenticationExecutionInfoRepresentation forms = flows.getExecutions(copy).stream()
                    .filter(e -> (copy + " forms").equals(e.getDisplayName())).findFirst().orElseThrow();
            forms.setRequirement("DISABLED");
            flows.updateExecutions(copy, forms);
            management.setBrowserFlow(copy);
            Platform.realm(Platform.MANAGEMENT).update(management);

            assertThat(passwordGrant(tenant, plain + "$john", "pw-nopw").json().get("error_description").asText()).isEqualTo(NOT_READY);
            assertThat(passwordGrant(tenant, plain + "$john", "wrong").json().get("error_description").asText()).isEqualTo(INVALID);
        } finally {
            management.setBrowserFlow(boundBefore);
            Platform.realm(Platform.MANAGEMENT).update(management);
            flows.getFlows().stream().filter(f -> copy.equals(f.getAlias())).forEach(f -> flows.deleteFlow(f.getId()));
        }
        assertThat(passwordGrant(tenant, plain + "$john", "pw-nopw").status()).isEqualTo(200);
    }

    /** Sets the WebAuthn step of the management realm's conditional 2FA subflow (and its OTP step) to ALTERNATIVE. */
    private static void enableWebAuthnInTwoFactorSubflow(List<Runnable> restore) {
        var flows = Platform.realm(Platform.MANAGEMENT).flows();
        List<AuthenticationExecutionInfoRepresentation> executions = flows.getExecutions("browser");
        AuthenticationExecutionInfoRepresentation otp = executions.stream()
                .filter(e -> "auth-otp-form".equals(e.getProviderId())).findFirst().orElseThrow(() -> new AssertionError("no OTP form"));
        AuthenticationExecutionInfoRepresentation webauthn = executions.stream()
                .filter(e -> "webauthn-authenticator".equals(e.getProviderId()) && e.getLevel() == otp.getLevel()).findFirst()
                .orElseThrow(() -> new AssertionError("no WebAuthn step beside the OTP form"));
        for (AuthenticationExecutionInfoRepresentation step : List.of(otp, webauthn)) {
            String before = step.getRequirement();
            if (!"ALTERNATIVE".equals(before)) {
                step.setRequirement("ALTERNATIVE");
                flows.updateExecutions("browser", step);
                restore.add(() -> {
                    step.setRequirement(before);
                    flows.updateExecutions("browser", step);
                });
            }
        }
    }

    private static void importUser(ObjectNode user) {
        ObjectNode body = Http.JSON.createObjectNode();
        body.put("ifResourceExists", "FAIL");
        body.putArray("users").add(user);
        Http.Reply reply = Http.send(HttpRequest.newBuilder(URI.create(Platform.url() + "/admin/realms/" + Platform.MANAGEMENT + "/partialImport"))
                .header("Authorization", "Bearer " + Platform.adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }
}

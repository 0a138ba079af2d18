package io.supportaccess.keycloak.it;

import static io.supportaccess.keycloak.it.support.Platform.passwordGrant;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportaccess.keycloak.it.support.Await;
import io.supportaccess.keycloak.it.support.Browser;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.Totp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The support user's own second factor, through the password grant and as a platform policy. */
class SupportUserOtpIT {

    static String tenant;

    @BeforeAll
    static void platform() {
        tenant = Platform.createTenant("otp");
        Platform.createUser(tenant, "john", "john-secret");
    }

    @BeforeEach
    void open() {
        Platform.setSupportActivated(true);
    }

    @AfterEach
    void resetPolicy() {
        Platform.setSupportUserOtpRequired(false);
    }

    @Test
    void passwordGrantRequiresTheSupportUsersOtpCode() {
        String secret = "grant-otp-" + Platform.unique("s");
        String jill = Platform.unique("jillotp");
        String jillId = Platform.createUserWithOtp(Platform.MANAGEMENT, jill, "pw-otp", secret, "Support");

        Http.Reply withoutCode = passwordGrant(tenant, jill + "$john", "pw-otp");
        assertThat(withoutCode.status()).isEqualTo(400);
        assertThat(withoutCode.json().get("error_description").asText()).isEqualTo("Invalid user credentials");
        String wrong = "000000".equals(Totp.now(secret)) ? "111111" : "000000";
        assertThat(passwordGrant(tenant, jill + "$john", "pw-otp", Map.of("otp", wrong)).status()).isEqualTo(400);
        // Keycloak records failures asynchronously and refuses the user meanwhile: wait until both are counted
        awaitFailuresRecorded(jillId, 2);

        Http.Reply withCode = passwordGrant(tenant, jill + "$john", "pw-otp", Map.of("otp", Totp.now(secret)));
        assertThat(Platform.accessToken(withCode).get("preferred_username").asText()).isEqualTo("john");
    }

    static void awaitFailuresRecorded(String supportUserId, int failures) {
        Await.until(Duration.ofSeconds(30), () -> {
            Map<String, Object> status = Platform.realm(Platform.MANAGEMENT).attackDetection().bruteForceUserStatus(supportUserId);
            return ((Number) status.get("numFailures")).intValue() >= failures && !Boolean.TRUE.equals(status.get("disabled"));
        }, () -> "brute-force status of the support user after 30 s: "
                + Platform.realm(Platform.MANAGEMENT).attackDetection().bruteForceUserStatus(supportUserId));
    }

    @Test
    void supportUserWhoMustSetUpOtpButHasNoneIsRefusedWithAClearMessage() {
        String jill = Platform.unique("jillnootp");
        String id = Platform.createUser(Platform.MANAGEMENT, jill, "pw-no-otp", u -> u.setRequiredActions(List.of("CONFIGURE_TOTP")));
        Platform.grantRealmRoles(Platform.MANAGEMENT, id, "Support");

        Http.Reply grant = passwordGrant(tenant, jill + "$john", "pw-no-otp");
        assertThat(grant.status()).isEqualTo(400);
        assertThat(grant.json().get("error_description").asText()).isEqualTo("Support user account is not fully set up");
        assertThat(new Browser().login(tenant, jill + "$john", "pw-no-otp").text())
                .contains("The support user account is not ready for support logins");
        // The required action is the support user's own and stays pending.
        assertThat(Platform.realm(Platform.MANAGEMENT).users().get(id).toRepresentation().getRequiredActions()).containsExactly("CONFIGURE_TOTP");
    }

    @Test
    void managementRealmFlowThatRequiresOtpForEveryoneAppliesToSupportLogins() {
        String jill = Platform.unique("jillflow");
        Platform.createSupportUser(jill, "pw-flow", "Support");
        assertThat(passwordGrant(tenant, jill + "$john", "pw-flow").status()).isEqualTo(200);

        var flows = Platform.realm(Platform.MANAGEMENT).flows();
        List<org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation> changed = new java.util.ArrayList<>();
        try {
            for (var execution : flows.getExecutions("browser")) {
                boolean otpSubflow = execution.getAuthenticationFlow() != null && execution.getAuthenticationFlow()
                        && execution.getDisplayName() != null && execution.getDisplayName().contains("Conditional")
                        && !execution.getDisplayName().contains("Organization");
                boolean otpForm = "auth-otp-form".equals(execution.getProviderId());
                if (otpSubflow || otpForm) {
                    var copy = flows.getExecutions("browser").stream().filter(e -> e.getId().equals(execution.getId())).findFirst().orElseThrow();
                    String before = copy.getRequirement();
                    copy.setRequirement("REQUIRED");
                    flows.updateExecutions("browser", copy);
                    copy.setRequirement(before);
                    changed.add(copy);
                }
            }
            assertThat(changed).hasSizeGreaterThanOrEqualTo(2);
            Http.Reply refused = passwordGrant(tenant, jill + "$john", "pw-flow");
            assertThat(refused.json().get("error_description").asText()).isEqualTo("Support user account is not fully set up");
        } finally {
            java.util.Collections.reverse(changed);
            for (var execution : changed) {
                flows.updateExecutions("browser", execution);
            }
        }
        assertThat(passwordGrant(tenant, jill + "$john", "pw-flow").status()).isEqualTo(200);
    }

    @Test
    void platformPolicyCanRequireOtpForEverySupportUser() {
        String jill = Platform.unique("jillpolicy");
        Platform.createSupportUser(jill, "pw-policy", "Support");
        assertThat(passwordGrant(tenant, jill + "$john", "pw-policy").status()).isEqualTo(200);

        Platform.setSupportUserOtpRequired(true);
        Http.Reply refused = passwordGrant(tenant, jill + "$john", "pw-policy");
        assertThat(refused.json().get("error_description").asText()).isEqualTo("Support user account is not fully set up");
        // a wrong password still says only "invalid credentials"
        assertThat(passwordGrant(tenant, jill + "$john", "wrong").json().get("error_description").asText()).isEqualTo("Invalid user credentials");
    }
}

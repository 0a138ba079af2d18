package io.supportaccess.keycloak.it;

import static io.supportaccess.keycloak.it.support.Platform.passwordGrant;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.TenantWithSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;

/** Failed support logins count against the support user in the management realm, never against the target. */
class BruteForceIT {

    @Test
    void lockingOutTheSupportUserLeavesTheTargetUntouched() {
        Platform.setSupportActivated(true);
        TenantWithSupport scene = TenantWithSupport.in(bruteForceProtectedTenant("bf", 3));
        String tenant = scene.tenant();
        String johnId = scene.johnId();
        String jill = scene.jill();
        String jillId = scene.jillId();

        for (int i = 0; i < 35; i++) {
            assertThat(passwordGrant(tenant, jill + "$john", "wrong-" + i).status()).isEqualTo(400);
        }
        Map<String, Object> jillRecord = bruteForce(Platform.MANAGEMENT, jillId);
        assertThat((Boolean) jillRecord.get("disabled")).as(jillRecord.toString()).isTrue();
        assertThat(((Number) jillRecord.get("numFailures")).intValue()).isGreaterThanOrEqualTo(30);

        // Locked out: even the right password is refused, with the ordinary answer.
        Http.Reply locked = passwordGrant(tenant, jill + "$john", "jill-secret");
        assertThat(locked.status()).isEqualTo(400);
        assertThat(locked.json().get("error_description").asText()).isEqualTo("Invalid user credentials");

        // The target has no failures recorded and logs in as usual.
        Map<String, Object> johnRecord = bruteForce(tenant, johnId);
        assertThat(((Number) johnRecord.get("numFailures")).intValue()).isZero();
        assertThat((Boolean) johnRecord.get("disabled")).isFalse();
        assertThat(passwordGrant(tenant, "john", "john-secret").status()).isEqualTo(200);

        // Once an administrator clears jill's record, she gets in again.
        Platform.realm(Platform.MANAGEMENT).attackDetection().clearBruteForceForUser(jillId);
        assertThat(passwordGrant(tenant, jill + "$john", "jill-secret").status()).isEqualTo(200);
    }

    @Test
    void supportLoginDoesNotResetTheTargetsOwnFailures() {
        Platform.setSupportActivated(true);
        TenantWithSupport scene = TenantWithSupport.in(bruteForceProtectedTenant("bf2", 10));
        String tenant = scene.tenant();
        String johnId = scene.johnId();
        String jill = scene.jill();

        passwordGrant(tenant, "john", "wrong-1");
        passwordGrant(tenant, "john", "wrong-2");
        assertThat(((Number) bruteForce(tenant, johnId).get("numFailures")).intValue()).isEqualTo(2);
        assertThat(passwordGrant(tenant, jill + "$john", "jill-secret").status()).isEqualTo(200);
        assertThat(((Number) bruteForce(tenant, johnId).get("numFailures")).intValue()).isEqualTo(2);
    }

    @Test
    void anEarlierAttemptOnTheSameLoginPageDoesNotMakeSupportFailuresCountAgainstThatUser() {
        Platform.setSupportActivated(true);
        TenantWithSupport scene = TenantWithSupport.in(bruteForceProtectedTenant("bf3", 10));
        String tenant = scene.tenant();
        String johnId = scene.johnId();
        String jill = scene.jill();

        io.supportaccess.keycloak.it.support.Browser browser = new io.supportaccess.keycloak.it.support.Browser();
        var page = browser.login(tenant, "john", "wrong");
        assertThat(((Number) bruteForce(tenant, johnId).get("numFailures")).intValue()).isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            page = browser.submit(page, "#kc-form-login", Map.of("username", jill + "$john", "password", "wrong-" + i));
            assertThat(page.redirectedToClient()).isFalse();
        }
        assertThat(((Number) bruteForce(tenant, johnId).get("numFailures")).intValue()).isEqualTo(1);
    }

    static String bruteForceProtectedTenant(String prefix, int failureFactor) {
        String tenant = Platform.createTenant(prefix);
        RealmRepresentation rep = Platform.realm(tenant).toRepresentation();
        rep.setBruteForceProtected(true);
        rep.setFailureFactor(failureFactor);
        rep.setQuickLoginCheckMilliSeconds(1L);
        Platform.realm(tenant).update(rep);
        return tenant;
    }

    static Map<String, Object> bruteForce(String realm, String userId) {
        return Platform.realm(realm).attackDetection().bruteForceUserStatus(userId);
    }
}

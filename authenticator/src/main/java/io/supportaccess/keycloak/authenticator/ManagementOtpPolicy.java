package io.supportaccess.keycloak.authenticator;

import org.keycloak.authentication.authenticators.browser.OTPFormAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.RealmModel;

/**
 * The management realm's own policy: when its browser flow makes the OTP form mandatory for
 * everyone (the OTP step REQUIRED, and no enclosing subflow conditional or disabled), a support
 * user without OTP must set it up before any support login.
 */
final class ManagementOtpPolicy {

    private static final int MAX_DEPTH = 16;

    private ManagementOtpPolicy() {
    }

    static boolean requiresOtp(RealmModel management) {
        AuthenticationFlowModel browser = management.getBrowserFlow();
        return browser != null && requiredIn(management, browser.getId(), 0);
    }

    private static boolean requiredIn(RealmModel realm, String flowId, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        return realm.getAuthenticationExecutionsStream(flowId).anyMatch(execution -> {
            if (execution.isAuthenticatorFlow()) {
                return !execution.isConditional() && !execution.isDisabled()
                        && requiredIn(realm, execution.getFlowId(), depth + 1);
            }
            return OTPFormAuthenticatorFactory.PROVIDER_ID.equals(execution.getAuthenticator())
                    && execution.getRequirement() == AuthenticationExecutionModel.Requirement.REQUIRED;
        });
    }
}

package io.supportaccess.keycloak.authenticator;

import java.util.List;
import java.util.Optional;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * What the management realm's own browser flow would ask of a support user, compared with what a
 * support login checks (the password, and the OTP code whenever the user has OTP). A support login
 * may only stand in for a login that needs nothing more:
 * <ul>
 *   <li>the flow must log in with a password at all;</li>
 *   <li>where the flow offers alternatives, the route through the password step is the one that
 *   counts (cookie, identity provider or passkey routes beside it are not taken);</li>
 *   <li>a REQUIRED OTP step that applies makes OTP mandatory;</li>
 *   <li>any other credential step that applies (WebAuthn, passkeys, recovery codes, ...) refuses the
 *   user when it is REQUIRED, or when the user has such a credential and cannot answer the step
 *   with an OTP alternative instead.</li>
 * </ul>
 * A conditional subflow applies when its only conditions are "user configured" and the user has a
 * credential of one of its steps; any other condition is taken as met, since it cannot be
 * evaluated outside the management realm's own flow.
 */
final class ManagementLoginRequirements {

    private static final int MAX_DEPTH = 16;
    private static final String USER_CONFIGURED = "conditional-user-configured";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserModel user;
    private String unmet;

    private ManagementLoginRequirements(KeycloakSession session, RealmModel realm, UserModel user) {
        this.session = session;
        this.realm = realm;
        this.user = user;
    }

    /** Why the management realm's own login would ask this user for more than a support login checks; empty if nothing. */
    static Optional<String> unmet(KeycloakSession session, RealmModel management, UserModel supportUser) {
        AuthenticationFlowModel browser = management.getBrowserFlow();
        ManagementLoginRequirements walk = new ManagementLoginRequirements(session, management, supportUser);
        if (browser == null || !walk.hasPasswordStep(browser.getId(), 0)) {
            return Optional.of("the management realm's browser flow does not log in with a password");
        }
        walk.flow(browser.getId(), 0);
        return Optional.ofNullable(walk.unmet);
    }

    private void flow(String flowId, int depth) {
        if (depth > MAX_DEPTH || unmet != null) {
            return;
        }
        List<AuthenticationExecutionModel> executions = enabled(flowId);
        AuthenticationExecutionModel passwordRoute = executions.stream()
                .filter(AuthenticationExecutionModel::isAlternative)
                .filter(e -> isPasswordStep(e) || (e.isAuthenticatorFlow() && hasPasswordStep(e.getFlowId(), depth + 1)))
                .findFirst().orElse(null);
        boolean otpAlternative = executions.stream()
                .anyMatch(e -> e.isAlternative() && OTPCredentialModel.TYPE.equals(credentialType(e)));
        for (AuthenticationExecutionModel execution : executions) {
            if (passwordRoute != null && execution.isAlternative() && execution != passwordRoute) {
                continue;
            }
            if (execution.isAuthenticatorFlow()) {
                if (!execution.isConditional() || conditionsMayHold(execution.getFlowId())) {
                    flow(execution.getFlowId(), depth + 1);
                }
                continue;
            }
            step(execution, otpAlternative);
        }
    }

    private void step(AuthenticationExecutionModel execution, boolean otpAlternative) {
        String type = credentialType(execution);
        if (type == null || PasswordCredentialModel.TYPE.equals(type) || unmet != null) {
            return;
        }
        boolean has = hasCredential(type);
        if (OTPCredentialModel.TYPE.equals(type)) {
            if (execution.isRequired() && !has) {
                unmet = "OTP is required but not set up";
            }
            return;
        }
        if (execution.isRequired()) {
            unmet = "the flow requires a credential of type " + type;
        } else if (has && !(otpAlternative && hasCredential(OTPCredentialModel.TYPE))) {
            unmet = "the flow would ask for the user's credential of type " + type;
        }
    }

    private boolean conditionsMayHold(String subflowId) {
        List<AuthenticationExecutionModel> executions = enabled(subflowId);
        List<AuthenticationExecutionModel> conditions = executions.stream()
                .filter(e -> !e.isAuthenticatorFlow() && factory(e) instanceof ConditionalAuthenticatorFactory).toList();
        if (conditions.isEmpty() || conditions.stream().anyMatch(c -> !USER_CONFIGURED.equals(c.getAuthenticator()))) {
            return true;
        }
        return executions.stream().map(this::credentialType)
                .anyMatch(type -> type != null && !PasswordCredentialModel.TYPE.equals(type) && hasCredential(type));
    }

    private boolean hasPasswordStep(String flowId, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        return enabled(flowId).stream().anyMatch(e -> isPasswordStep(e)
                || (e.isAuthenticatorFlow() && !e.isConditional() && hasPasswordStep(e.getFlowId(), depth + 1)));
    }

    private boolean isPasswordStep(AuthenticationExecutionModel execution) {
        return PasswordCredentialModel.TYPE.equals(credentialType(execution));
    }

    private List<AuthenticationExecutionModel> enabled(String flowId) {
        return realm.getAuthenticationExecutionsStream(flowId).filter(e -> !e.isDisabled()).toList();
    }

    private boolean hasCredential(String type) {
        return user.credentialManager().getStoredCredentialsByTypeStream(type).findAny().isPresent();
    }

    /** The credential type a step checks (its factory's reference category), or null for steps that check none. */
    private String credentialType(AuthenticationExecutionModel execution) {
        if (execution.isAuthenticatorFlow()) {
            return null;
        }
        AuthenticatorFactory factory = factory(execution);
        if (factory == null || factory instanceof ConditionalAuthenticatorFactory) {
            return null;
        }
        String category = factory.getReferenceCategory();
        return category == null || category.isBlank() ? null : category;
    }

    private AuthenticatorFactory factory(AuthenticationExecutionModel execution) {
        if (execution.getAuthenticator() == null) {
            return null;
        }
        var factory = session.getKeycloakSessionFactory().getProviderFactory(Authenticator.class, execution.getAuthenticator());
        return factory instanceof AuthenticatorFactory authenticatorFactory ? authenticatorFactory : null;
    }
}

package io.supportaccess.keycloak.tenant.lifecycle;

import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.rest.ApiException;
import java.util.Set;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * The acting operator's own password, given again to confirm a suspension: checked by Keycloak's
 * credential manager against the operator's own realm, counted by that realm's brute-force
 * protection (a wrong password is a failed login of the operator; a locked-out operator is refused
 * without a check). The password is never echoed.
 */
final class OperatorPassword {

    static final int MAX_LENGTH = 255;

    private OperatorPassword() {
    }

    static void confirm(KeycloakSession session, RealmModel home, UserModel operator, String password, String what) {
        if (password == null || password.isEmpty() || password.length() > MAX_LENGTH) {
            throw new InvalidInput("'password' (your own password, to confirm that you " + what + ") is required, at most "
                    + MAX_LENGTH + " characters");
        }
        if (operator == null || home == null || operator.getServiceAccountClientLink() != null) {
            throw ApiException.forbidden("Only a user with a password can confirm that they " + what);
        }
        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        boolean counted = home.isBruteForceProtected();
        if (counted && (protector.isTemporarilyDisabled(session, home, operator) || protector.isPermanentlyLockedOut(session, home, operator))) {
            throw ApiException.forbidden("Your account is locked after too many failed login attempts; try again later");
        }
        if (!operator.credentialManager().isValid(UserCredentialModel.password(password))) {
            if (counted) {
                protector.failedLogin(home, operator, session.getContext().getConnection(), session.getContext().getUri(),
                        Set.of(PasswordCredentialModel.TYPE));
            }
            throw ApiException.forbidden("Your password is not correct; nothing was changed");
        }
        if (counted && session.loginFailures().getUserLoginFailure(home, operator.getId()) != null) {
            protector.successfulLogin(home, operator, session.getContext().getConnection(), session.getContext().getUri(),
                    Set.of(PasswordCredentialModel.TYPE));
        }
    }
}

package io.supportaccess.keycloak.authenticator.directgrant;

import io.supportaccess.keycloak.SupportAccess;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.directgrant.ValidatePassword;

/**
 * Keycloak's "Password" step of the password grant, except after a granted support login: the
 * support user's password was checked already, and the target's password is never checked.
 */
public class SupportDirectGrantPassword extends ValidatePassword {

    public static final String PROVIDER_ID = "support-access-grant-password";

    @Override
    public void authenticate(AuthenticationFlowContext ctx) {
        if (ctx.getAuthenticationSession().getAuthNote(SupportAccess.NOTE_SUPPORT_USER_ID) != null) {
            ctx.success();
            return;
        }
        super.authenticate(ctx);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Password (with support login)";
    }

    @Override
    public String getHelpText() {
        return "Validates the password of the password grant; skipped after a support login, whose support user's "
                + "password was validated by the username step.";
    }
}

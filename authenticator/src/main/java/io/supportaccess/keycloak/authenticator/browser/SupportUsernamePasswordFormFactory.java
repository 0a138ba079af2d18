package io.supportaccess.keycloak.authenticator.browser;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordFormFactory;
import org.keycloak.models.KeycloakSession;

/** Registers {@link SupportUsernamePasswordForm}; otherwise configured like Keycloak's own form. */
public class SupportUsernamePasswordFormFactory extends UsernamePasswordFormFactory {

    public static final String PROVIDER_ID = "support-access-login-form";

    @Override
    public Authenticator create(KeycloakSession session) {
        return new SupportUsernamePasswordForm(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Username Password Form (with support login)";
    }

    @Override
    public String getHelpText() {
        return "Keycloak's username and password form that also accepts support logins (support$user, support$, "
                + "tenant/support$user) checked against the management realm.";
    }
}

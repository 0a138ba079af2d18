package io.supportaccess.keycloak.authenticator.condition;

import io.supportaccess.keycloak.SupportAccess;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * True unless the flow is a granted support login. Added to the conditional subflows (OTP and
 * the like) of tenant login flows, so that the target user's second factor is never asked for.
 */
public class NotSupportLoginCondition implements ConditionalAuthenticator {

    static final NotSupportLoginCondition SINGLETON = new NotSupportLoginCondition();

    @Override
    public boolean matchCondition(AuthenticationFlowContext ctx) {
        return ctx.getAuthenticationSession().getAuthNote(SupportAccess.NOTE_SUPPORT_USER_ID) == null;
    }

    @Override
    public void action(AuthenticationFlowContext ctx) {
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}

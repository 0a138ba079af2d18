package io.supportaccess.keycloak.hierarchy.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.rest.ApiException;
import io.supportaccess.keycloak.rest.JsonBody;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.keycloak.authentication.actiontoken.execactions.ExecuteActionsActionToken;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.theme.Theme;

/**
 * A new user's first password, as the seed's "To add a user" offers it: a password the user must
 * change at their first login ({@code password}, {@code passwordTemporary}, default true), and/or a
 * password reset link by e-mail ({@code sendPasswordResetEmail}). Keycloak does the work: its
 * password policy checks the password, its credential store hashes it, its required action
 * "Update password" asks for the new one, and its action token and e-mail templates make the link
 * (as the admin API's execute-actions e-mail does). A refusal happens before the creating
 * transaction commits: nothing is created.
 */
final class InitialPassword {

    private static final int MAX_LENGTH = 1024;
    private static final Logger LOG = Logger.getLogger(InitialPassword.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    InitialPassword(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Refuses a request that cannot work (read before the user is created). */
    static void check(JsonNode json, RealmModel realm) {
        String password = password(json);
        boolean resetEmail = json.has("sendPasswordResetEmail") && JsonBody.bool(json, "sendPasswordResetEmail");
        if (json.has("passwordTemporary")) {
            JsonBody.bool(json, "passwordTemporary");
            if (password == null) {
                throw new InvalidInput("'passwordTemporary' needs a 'password'");
            }
        }
        if (resetEmail) {
            if (JsonBody.text(json, "email", false) == null) {
                throw new InvalidInput("'sendPasswordResetEmail' needs the user's 'email'");
            }
            if (realm.getSmtpConfig() == null || realm.getSmtpConfig().get("host") == null) {
                throw ApiException.conflict("Realm " + realm.getName() + " has no e-mail server set up: no password reset link can be sent");
            }
        }
    }

    void apply(UserModel user, JsonNode json) {
        String password = password(json);
        if (password != null) {
            try {
                user.credentialManager().updateCredential(UserCredentialModel.password(password, false));
            } catch (ModelException e) {
                throw new InvalidInput("The password is not valid: " + policyMessage(e));
            }
            if (!json.has("passwordTemporary") || JsonBody.bool(json, "passwordTemporary")) {
                user.addRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
            }
        }
        if (json.has("sendPasswordResetEmail") && JsonBody.bool(json, "sendPasswordResetEmail")) {
            sendResetLink(user);
        }
    }

    private static String password(JsonNode json) {
        if (!json.has("password") || json.get("password").isNull()) {
            return null;
        }
        if (!json.get("password").isTextual() || json.get("password").asText().isEmpty()) {
            throw new InvalidInput("'password' must be a non-empty string");
        }
        String password = json.get("password").asText();
        if (password.length() > MAX_LENGTH) {
            throw new InvalidInput("'password' is longer than " + MAX_LENGTH + " characters");
        }
        return password;
    }

    private void sendResetLink(UserModel user) {
        int lifespan = realm.getActionTokenGeneratedByAdminLifespan();
        List<String> actions = List.of(UserModel.RequiredAction.UPDATE_PASSWORD.name());
        ExecuteActionsActionToken token = new ExecuteActionsActionToken(user.getId(), user.getEmail(), Time.currentTime() + lifespan,
                actions, null, Constants.ACCOUNT_MANAGEMENT_CLIENT_ID);
        UriBuilder builder = LoginActionsService.actionTokenProcessor(session.getContext().getUri());
        builder.queryParam("key", token.serialize(session, realm, session.getContext().getUri()));
        String link = builder.build(realm.getName()).toString();
        try {
            session.getProvider(EmailTemplateProvider.class)
                    .setAttribute(Constants.TEMPLATE_ATTR_REQUIRED_ACTIONS, actions)
                    .setRealm(realm)
                    .setUser(user)
                    .sendExecuteActions(link, TimeUnit.SECONDS.toMinutes(lifespan));
        } catch (EmailException e) {
            LOG.warnf(e, "Password reset link for a new user of realm %s not sent", realm.getName());
            throw ApiException.of(Response.Status.BAD_GATEWAY, "The password reset link could not be sent through the e-mail server of realm "
                    + realm.getName() + "; the user was not created");
        }
    }

    /** Keycloak's policy message ("invalidPasswordMinLengthMessage", 12) in the words of its login theme. */
    private String policyMessage(ModelException e) {
        Object[] parameters = e.getParameters() == null ? new Object[0] : e.getParameters();
        try {
            Properties messages = session.theme().getTheme(Theme.Type.LOGIN).getMessages(Locale.ENGLISH);
            String pattern = e.getMessage() == null ? null : messages.getProperty(e.getMessage());
            if (pattern != null) {
                return MessageFormat.format(pattern, parameters);
            }
        } catch (IOException | RuntimeException ignored) {
            // fall back to the key
        }
        return e.getMessage() + (parameters.length == 0 ? "" : " " + java.util.Arrays.toString(parameters));
    }
}

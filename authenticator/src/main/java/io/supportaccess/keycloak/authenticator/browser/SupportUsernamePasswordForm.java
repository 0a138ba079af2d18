package io.supportaccess.keycloak.authenticator.browser;

import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.authenticator.Refusal;
import io.supportaccess.keycloak.authenticator.SupportLogin;
import io.supportaccess.keycloak.login.SupportUsername;
import io.supportaccess.keycloak.login.SupportUsernameParser;
import io.supportaccess.keycloak.reason.SupportReason;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Keycloak's username and password form, plus support logins: {@code support$user} with the
 * support user's password, then the support user's own OTP code when they have one. Any other
 * username is handled exactly as by the stock form.
 */
public class SupportUsernamePasswordForm extends org.keycloak.authentication.authenticators.browser.UsernamePasswordForm {

    static final String OTP_TEMPLATE = "support-access-otp.ftl";
    static final String REASON_TEMPLATE = "support-access-reason.ftl";
    static final String OTP_FIELD = "otp";
    static final String PASSWORD_FIELD = "password";

    public SupportUsernamePasswordForm(KeycloakSession session) {
        super(session);
    }

    @Override
    public void action(AuthenticationFlowContext ctx) {
        MultivaluedMap<String, String> form = ctx.getHttpRequest().getDecodedFormParameters();
        AuthenticationSessionModel authSession = ctx.getAuthenticationSession();
        boolean continuing = !form.containsKey("cancel") && !form.containsKey(AuthenticationManager.FORM_USERNAME);
        if (continuing && authSession.getAuthNote(SupportAccess.NOTE_ASK_SUPPORT_USER_ID) != null) {
            new AskForAccessStep(ctx).submit(form);
            return;
        }
        if (continuing && authSession.getAuthNote(SupportAccess.NOTE_REASON_PENDING_SUPPORT_USER_ID) != null) {
            reasonStep(ctx, form);
            return;
        }
        boolean otpPending = authSession.getAuthNote(SupportAccess.NOTE_PENDING_SUPPORT_USER_ID) != null;
        if (otpPending && continuing) {
            otpStep(ctx, form);
            return;
        }
        clearPending(authSession);
        String username = form.getFirst(AuthenticationManager.FORM_USERNAME);
        if (form.containsKey("cancel") || !SupportLogin.appliesTo(ctx.getRealm(), username)) {
            super.action(ctx);
            return;
        }
        passwordStep(ctx, username, form.getFirst(PASSWORD_FIELD));
    }

    private void passwordStep(AuthenticationFlowContext ctx, String username, String password) {
        Optional<SupportUsername> name = SupportUsernameParser.parse(username);
        SupportLogin.describeAttempt(ctx, username, name);
        if (name.isEmpty()) {
            refuse(ctx, username, Refusal.INVALID_CREDENTIALS);
            return;
        }
        SupportLogin.CredentialCheck check = SupportLogin.checkPassword(ctx, name.get(), password);
        if (check.refusal() != null) {
            refuse(ctx, username, check.refusal());
            return;
        }
        if (check.otpDue()) {
            AuthenticationSessionModel authSession = ctx.getAuthenticationSession();
            authSession.setAuthNote(SupportAccess.NOTE_PENDING_SUPPORT_USER_ID, check.supportUser().getId());
            authSession.setAuthNote(SupportAccess.NOTE_PENDING_USERNAME, username);
            ctx.challenge(otpForm(ctx, check.supportUser(), null));
            return;
        }
        authorizeAndGrant(ctx, username, name.get(), check.supportUser());
    }

    private void otpStep(AuthenticationFlowContext ctx, MultivaluedMap<String, String> form) {
        Optional<Pending> pending = resume(ctx, SupportAccess.NOTE_PENDING_SUPPORT_USER_ID);
        if (pending.isEmpty()) {
            return;
        }
        UserModel supportUser = pending.get().supportUser();
        if (!SupportLogin.checkOtp(ctx, supportUser, form.getFirst(OTP_FIELD))) {
            SupportLogin.logRefusal(ctx, Refusal.INVALID_CREDENTIALS);
            ctx.failureChallenge(Refusal.INVALID_CREDENTIALS.flowError(), otpForm(ctx, supportUser, "invalidTotpMessage"));
            return;
        }
        clearPending(ctx.getAuthenticationSession());
        authorizeAndGrant(ctx, pending.get().username(), pending.get().name(), supportUser);
    }

    /** A login a later step continues: what the password step left in the authentication session. */
    private record Pending(String username, SupportUsername name, UserModel supportUser) {
    }

    /**
     * The login the password step left pending, read back for a later step ({@code supportUserNote}
     * names the auth note with the support user's id); refused as invalid credentials, and empty,
     * when the name no longer parses or the support user is gone or may no longer log in.
     */
    private Optional<Pending> resume(AuthenticationFlowContext ctx, String supportUserNote) {
        AuthenticationSessionModel authSession = ctx.getAuthenticationSession();
        String username = authSession.getAuthNote(SupportAccess.NOTE_PENDING_USERNAME);
        Optional<SupportUsername> name = SupportUsernameParser.parse(username);
        SupportLogin.describeAttempt(ctx, username, name);
        var management = SupportLogin.managementRealm(ctx.getSession());
        UserModel supportUser = management == null ? null
                : ctx.getSession().users().getUserById(management, authSession.getAuthNote(supportUserNote));
        if (name.isEmpty() || supportUser == null || !SupportLogin.mayContinue(ctx.getSession(), supportUser)) {
            clearPending(authSession);
            refuse(ctx, username, Refusal.INVALID_CREDENTIALS);
            return Optional.empty();
        }
        return Optional.of(new Pending(username, name.get(), supportUser));
    }

    private void authorizeAndGrant(AuthenticationFlowContext ctx, String username, SupportUsername name, UserModel supportUser) {
        SupportLogin.Authorization authorization = SupportLogin.authorize(ctx, name, supportUser);
        if (authorization.refusal() == Refusal.TENANT_CLOSED && AskForAccessStep.offered(ctx)) {
            SupportLogin.logRefusal(ctx, Refusal.TENANT_CLOSED);
            ctx.failureChallenge(Refusal.TENANT_CLOSED.flowError(), new AskForAccessStep(ctx).offer(username, supportUser));
            return;
        }
        if (authorization.refusal() != null) {
            refuse(ctx, username, authorization.refusal());
            return;
        }
        if (SupportLogin.reasonRequired(ctx.getSession())) {
            AuthenticationSessionModel authSession = ctx.getAuthenticationSession();
            authSession.setAuthNote(SupportAccess.NOTE_REASON_PENDING_SUPPORT_USER_ID, supportUser.getId());
            authSession.setAuthNote(SupportAccess.NOTE_PENDING_USERNAME, username);
            ctx.challenge(reasonForm(ctx, username, null, null));
            return;
        }
        SupportLogin.grant(ctx, supportUser, authorization, null);
        ctx.success();
    }

    /**
     * The reason page of an authenticated, permitted support user. A missing or malformed reason
     * shows the page again: a plain challenge, which Keycloak counts against nobody. The decision is
     * taken again with the reason, as the tenant may have closed meanwhile.
     */
    private void reasonStep(AuthenticationFlowContext ctx, MultivaluedMap<String, String> form) {
        Optional<Pending> pending = resume(ctx, SupportAccess.NOTE_REASON_PENDING_SUPPORT_USER_ID);
        if (pending.isEmpty()) {
            return;
        }
        String username = pending.get().username();
        String reason = form.getFirst(SupportReason.PARAMETER);
        SupportReason.Problem problem = SupportReason.problemOf(reason);
        if (problem != null) {
            ctx.challenge(reasonForm(ctx, username, reason, Refusal.of(problem).messageKey()));
            return;
        }
        clearPending(ctx.getAuthenticationSession());
        SupportLogin.Authorization authorization = SupportLogin.authorize(ctx, pending.get().name(), pending.get().supportUser());
        if (authorization.refusal() != null) {
            refuse(ctx, username, authorization.refusal());
            return;
        }
        SupportLogin.grant(ctx, pending.get().supportUser(), authorization, SupportReason.normalise(reason));
        ctx.success();
    }

    private Response reasonForm(AuthenticationFlowContext ctx, String username, String reason, String error) {
        var form = ctx.form()
                .setAttribute("supportLogin", username)
                .setAttribute("supportReason", SupportReason.forCorrection(reason))
                .setAttribute("supportReasonMaxLength", SupportReason.MAX_LENGTH);
        if (error != null) {
            form.setError(error, SupportReason.MAX_LENGTH);
        }
        return form.createForm(REASON_TEMPLATE);
    }

    private void refuse(AuthenticationFlowContext ctx, String username, Refusal refusal) {
        SupportLogin.logRefusal(ctx, refusal);
        MultivaluedMap<String, String> formData = new MultivaluedHashMap<>();
        if (username != null && username.length() <= SupportUsernameParser.MAX_LENGTH) {
            formData.putSingle(AuthenticationManager.FORM_USERNAME, username);
        }
        Response page = ctx.form().setFormData(formData).setError(refusal.messageKey()).createLoginUsernamePassword();
        ctx.failureChallenge(refusal.flowError(), page);
    }

    private Response otpForm(AuthenticationFlowContext ctx, UserModel supportUser, String error) {
        var form = ctx.form().setAttribute("supportUser", supportUser.getUsername());
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(OTP_TEMPLATE);
    }

    private static void clearPending(AuthenticationSessionModel authSession) {
        authSession.removeAuthNote(SupportAccess.NOTE_PENDING_SUPPORT_USER_ID);
        authSession.removeAuthNote(SupportAccess.NOTE_PENDING_USERNAME);
        authSession.removeAuthNote(SupportAccess.NOTE_REASON_PENDING_SUPPORT_USER_ID);
        authSession.removeAuthNote(SupportAccess.NOTE_ASK_SUPPORT_USER_ID);
    }
}

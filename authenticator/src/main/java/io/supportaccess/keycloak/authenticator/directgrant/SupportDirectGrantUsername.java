package io.supportaccess.keycloak.authenticator.directgrant;

import io.supportaccess.keycloak.authenticator.Refusal;
import io.supportaccess.keycloak.authenticator.SupportLogin;
import io.supportaccess.keycloak.login.SupportUsername;
import io.supportaccess.keycloak.login.SupportUsernameParser;
import io.supportaccess.keycloak.reason.SupportReason;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.directgrant.ValidateUsername;

/**
 * Keycloak's "Username Validation" step of the password grant, plus support logins. For
 * {@code support$user} it checks the support user's password and, when they have one, their OTP
 * code (parameter {@code otp} or {@code totp}, as Keycloak's own OTP step), then makes the target
 * the flow's user. {@link SupportDirectGrantPassword} then leaves the target's password alone. The
 * reason for the access is the parameter {@value SupportReason#PARAMETER}, required when the platform says so.
 */
public class SupportDirectGrantUsername extends ValidateUsername {

    public static final String PROVIDER_ID = "support-access-grant-username";

    @Override
    public void authenticate(AuthenticationFlowContext ctx) {
        String username = retrieveUsername(ctx);
        if (!SupportLogin.appliesTo(ctx.getRealm(), username)) {
            super.authenticate(ctx);
            return;
        }
        Optional<SupportUsername> name = SupportUsernameParser.parse(username);
        SupportLogin.describeAttempt(ctx, username, name);
        if (name.isEmpty()) {
            refuse(ctx, Refusal.INVALID_CREDENTIALS);
            return;
        }
        SupportLogin.CredentialCheck check = SupportLogin.checkPassword(ctx, name.get(), retrievePassword(ctx));
        if (check.refusal() != null) {
            refuse(ctx, check.refusal());
            return;
        }
        if (check.otpDue() && !SupportLogin.checkOtp(ctx, check.supportUser(), retrieveOtp(ctx))) {
            refuse(ctx, Refusal.INVALID_CREDENTIALS);
            return;
        }
        SupportLogin.Authorization authorization = SupportLogin.authorize(ctx, name.get(), check.supportUser());
        if (authorization.refusal() != null) {
            refuse(ctx, authorization.refusal());
            return;
        }
        // asked for only now, from an authenticated and permitted support user; no user is set on the flow
        // yet, so this refusal counts against nobody in Keycloak's brute-force protection
        String reason = ctx.getHttpRequest().getDecodedFormParameters().getFirst(SupportReason.PARAMETER);
        if (reason != null || SupportLogin.reasonRequired(ctx.getSession())) {
            SupportReason.Problem problem = SupportReason.problemOf(reason);
            if (problem != null) {
                refuse(ctx, Refusal.of(problem));
                return;
            }
            reason = SupportReason.normalise(reason);
        }
        SupportLogin.grant(ctx, check.supportUser(), authorization, reason);
        ctx.success();
    }

    private void refuse(AuthenticationFlowContext ctx, Refusal refusal) {
        SupportLogin.logRefusal(ctx, refusal);
        ctx.failure(refusal.flowError(), errorResponse(refusal.grantStatus(), refusal.grantError(), refusal.grantDescription()));
    }

    private static String retrieveOtp(AuthenticationFlowContext ctx) {
        var params = ctx.getHttpRequest().getDecodedFormParameters();
        String otp = params.getFirst("otp");
        return otp != null ? otp : params.getFirst("totp");
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Username Validation (with support login)";
    }

    @Override
    public String getHelpText() {
        return "Validates the username of the password grant; support logins (support$user) are checked against "
                + "the management realm, with the support user's password and OTP.";
    }
}

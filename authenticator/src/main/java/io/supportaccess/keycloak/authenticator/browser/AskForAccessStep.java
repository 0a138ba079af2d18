package io.supportaccess.keycloak.authenticator.browser;

import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.approval.AccessApproval;
import io.supportaccess.keycloak.approval.AccessRequestEntity;
import io.supportaccess.keycloak.approval.AccessRequestRefused;
import io.supportaccess.keycloak.approval.AccessRequests;
import io.supportaccess.keycloak.authenticator.SupportLogin;
import io.supportaccess.keycloak.login.SupportUsername;
import io.supportaccess.keycloak.login.SupportUsernameParser;
import io.supportaccess.keycloak.reason.SupportReason;
import io.supportaccess.keycloak.settings.ApprovalMode;
import io.supportaccess.keycloak.settings.PlatformSettings;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The login page's offer to a support user who proved who they are (password, and OTP where they
 * have one) and is permitted, but finds the tenant closed: ask its approvers for access (reason,
 * hours, the user typed or any user). The request is the same as through the REST API; the page then
 * says it was sent. Whatever is typed here counts against nobody (plain challenges).
 */
final class AskForAccessStep {

    static final String TEMPLATE = "support-access-ask.ftl";
    static final String REASON_FIELD = "support_ask_reason";
    static final String HOURS_FIELD = "support_ask_hours";
    static final String ANY_USER_FIELD = "support_ask_any_user";

    private final AuthenticationFlowContext ctx;

    AskForAccessStep(AuthenticationFlowContext ctx) {
        this.ctx = ctx;
    }

    /** Whether approvals are on (available or the only way) for this tenant. */
    static boolean offered(AuthenticationFlowContext ctx) {
        RealmModel management = SupportLogin.managementRealm(ctx.getSession());
        return management != null && PlatformSettings.read(management).approvalMode(ctx.getRealm().getName()) != ApprovalMode.OFF;
    }

    Response offer(String username, UserModel supportUser) {
        AuthenticationSessionModel authSession = ctx.getAuthenticationSession();
        authSession.setAuthNote(SupportAccess.NOTE_ASK_SUPPORT_USER_ID, supportUser.getId());
        authSession.setAuthNote(SupportAccess.NOTE_PENDING_USERNAME, username);
        return page(username, null, null, false, null);
    }

    /** The support user's latest request for this tenant, told on the page: still waiting, or denied (by whom, why). */
    private void describeLatest(org.keycloak.forms.login.LoginFormsProvider form, String supportUserId) {
        long now = Time.currentTimeMillis();
        new AccessRequests(ctx.getSession()).latestOf(ctx.getRealm().getId(), supportUserId)
                .ifPresent(latest -> {
                    String status = AccessApproval.status(latest, now);
                    if (status.equals(AccessRequestEntity.Status.PENDING.name())) {
                        form.setAttribute("supportAskWaitingUntil", Instant.ofEpochMilli(latest.getPendingUntil()).toString());
                    } else if (status.equals(AccessRequestEntity.Status.DENIED.name())) {
                        form.setAttribute("supportAskDeniedBy", latest.getDecidedBy());
                        form.setAttribute("supportAskDeniedComment", latest.getComment() == null ? "" : latest.getComment());
                    }
                });
    }

    void submit(MultivaluedMap<String, String> form) {
        AuthenticationSessionModel authSession = ctx.getAuthenticationSession();
        String username = authSession.getAuthNote(SupportAccess.NOTE_PENDING_USERNAME);
        Optional<SupportUsername> name = SupportUsernameParser.parse(username);
        RealmModel management = SupportLogin.managementRealm(ctx.getSession());
        UserModel supportUser = management == null ? null
                : ctx.getSession().users().getUserById(management, authSession.getAuthNote(SupportAccess.NOTE_ASK_SUPPORT_USER_ID));
        if (name.isEmpty() || supportUser == null || !SupportLogin.mayContinue(ctx.getSession(), supportUser)) {
            authSession.removeAuthNote(SupportAccess.NOTE_ASK_SUPPORT_USER_ID);
            ctx.challenge(ctx.form().setError("invalidUserMessage").createLoginUsernamePassword());
            return;
        }
        String reason = form.getFirst(REASON_FIELD);
        boolean anyUser = form.containsKey(ANY_USER_FIELD) || name.get().targetUser().isEmpty();
        String target = anyUser ? null : name.get().targetUser().get();
        try {
            AccessRequestEntity request = new AccessApproval(ctx.getSession()).request(management, supportUser, ctx.getRealm().getName(),
                    target, hours(form.getFirst(HOURS_FIELD)), reason, Time.currentTimeMillis());
            authSession.removeAuthNote(SupportAccess.NOTE_ASK_SUPPORT_USER_ID);
            ctx.challenge(page(username, reason, null, anyUser, request));
        } catch (InvalidInput | AccessRequestRefused e) {
            ctx.challenge(page(username, reason, e.getMessage(), anyUser, null));
        }
    }

    private static int hours(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Response page(String username, String reason, String error, boolean anyUser, AccessRequestEntity sent) {
        RealmModel management = SupportLogin.managementRealm(ctx.getSession());
        int maxHours = management == null ? 1 : PlatformSettings.read(management).validityLimitHours();
        Optional<SupportUsername> name = SupportUsernameParser.parse(username);
        var form = ctx.form()
                .setAttribute("supportLogin", username)
                .setAttribute("supportTenant", ctx.getRealm().getName())
                .setAttribute("supportAskTarget", name.flatMap(SupportUsername::targetUser).orElse(""))
                .setAttribute("supportAskAnyUser", anyUser)
                .setAttribute("supportAskReason", SupportReason.forCorrection(reason))
                .setAttribute("supportAskMaxHours", maxHours)
                .setAttribute("supportReasonMaxLength", SupportReason.MAX_LENGTH);
        String supportUserId = ctx.getAuthenticationSession().getAuthNote(SupportAccess.NOTE_ASK_SUPPORT_USER_ID);
        if (sent == null && supportUserId != null) {
            describeLatest(form, supportUserId);
        }
        if (sent != null) {
            form.setAttribute("supportAskSent", true)
                    .setAttribute("supportAskPendingUntil", Instant.ofEpochMilli(sent.getPendingUntil()).toString());
        }
        if (error != null) {
            form.setError("supportAccessAskRefusedMessage", error);
        }
        return form.createForm(TEMPLATE);
    }
}

package io.supportaccess.keycloak.authenticator;

import io.supportaccess.keycloak.reason.SupportReason;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;

/**
 * Why a support login was refused: the login page message (theme bundle key), the password
 * grant's error description, and the login event's error. Refusals that are shown before the
 * support user has proven who they are all say "invalid credentials", so that nothing is learnt
 * about support users, tenants or target users.
 */
public enum Refusal {
    INVALID_CREDENTIALS("invalidUserMessage", 400, "Invalid user credentials",
            Errors.INVALID_USER_CREDENTIALS, AuthenticationFlowError.INVALID_CREDENTIALS),
    WRONG_TENANT("supportAccessWrongTenantMessage", 400, "Invalid user credentials",
            Errors.INVALID_USER_CREDENTIALS, AuthenticationFlowError.INVALID_USER),
    /** Every reason why the support user could not finish a login in the management realm itself, alike. */
    SUPPORT_USER_NOT_READY("supportAccessSupportUserNotReadyMessage", 400,
            "Support user account is not fully set up",
            "support_user_not_ready", AuthenticationFlowError.ACCESS_DENIED),
    NOT_A_TENANT("supportAccessNotATenantMessage", 400, "Support login is not possible in this realm",
            "support_not_a_tenant", AuthenticationFlowError.ACCESS_DENIED),
    TENANT_DISABLED("supportAccessNotATenantMessage", 400, "Support login is not possible in this realm",
            Errors.REALM_DISABLED, AuthenticationFlowError.ACCESS_DENIED),
    NOT_PERMITTED("supportAccessNotPermittedMessage", 400, "Support user is not permitted to support this tenant",
            "support_not_permitted", AuthenticationFlowError.ACCESS_DENIED),
    TENANT_EXCLUDED("supportAccessTenantExcludedMessage", 400, "Tenant is excluded from support access by the platform",
            "support_tenant_excluded", AuthenticationFlowError.ACCESS_DENIED),
    OFFLINE_NOT_ALLOWED("supportAccessOfflineNotAllowedMessage", 400, "Support sessions cannot request offline access",
            "support_offline_not_allowed", AuthenticationFlowError.ACCESS_DENIED),
    TENANT_CLOSED("supportAccessTenantClosedMessage", 400, "Tenant is not open to support access",
            "support_tenant_closed", AuthenticationFlowError.ACCESS_DENIED),
    TARGET_UNAVAILABLE("supportAccessTargetUnavailableMessage", 400,
            "The user to support does not exist, is disabled or cannot be supported",
            "support_target_unavailable", AuthenticationFlowError.ACCESS_DENIED),
    TARGET_ACTIONS_PENDING("supportAccessTargetActionsPendingMessage", 400,
            "The user to support has pending account actions",
            "support_target_actions_pending", AuthenticationFlowError.ACCESS_DENIED),
    /** The platform asks for a reason and none was given; shown only to an authenticated, permitted support user. */
    REASON_MISSING("supportAccessReasonMissingMessage", 400,
            "A reason or ticket reference for the support access is required (parameter support_reason)",
            "support_reason_missing", AuthenticationFlowError.ACCESS_DENIED),
    REASON_TOO_LONG("supportAccessReasonTooLongMessage", 400,
            "The reason for the support access must be at most " + SupportReason.MAX_LENGTH + " characters",
            "support_reason_invalid", AuthenticationFlowError.ACCESS_DENIED),
    REASON_NOT_PRINTABLE("supportAccessReasonNotPrintableMessage", 400,
            "The reason for the support access must consist of printable characters only (no line breaks or control characters)",
            "support_reason_invalid", AuthenticationFlowError.ACCESS_DENIED);

    private final String messageKey;
    private final int grantStatus;
    private final String grantDescription;
    private final String eventError;
    private final AuthenticationFlowError flowError;

    Refusal(String messageKey, int grantStatus, String grantDescription, String eventError, AuthenticationFlowError flowError) {
        this.messageKey = messageKey;
        this.grantStatus = grantStatus;
        this.grantDescription = grantDescription;
        this.eventError = eventError;
        this.flowError = flowError;
    }

    public String messageKey() {
        return messageKey;
    }

    public int grantStatus() {
        return grantStatus;
    }

    public String grantDescription() {
        return grantDescription;
    }

    public String eventError() {
        return eventError;
    }

    public AuthenticationFlowError flowError() {
        return flowError;
    }

    /** The password grant's OAuth error: a missing or malformed {@code support_reason} is a malformed request. */
    public String grantError() {
        return isAboutTheReason() ? "invalid_request" : "invalid_grant";
    }

    public boolean isAboutTheReason() {
        return this == REASON_MISSING || this == REASON_TOO_LONG || this == REASON_NOT_PRINTABLE;
    }

    public static Refusal of(SupportReason.Problem problem) {
        return switch (problem) {
            case MISSING -> REASON_MISSING;
            case TOO_LONG -> REASON_TOO_LONG;
            case NOT_PRINTABLE -> REASON_NOT_PRINTABLE;
        };
    }
}

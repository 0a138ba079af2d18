package io.supportaccess.keycloak.authenticator;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.approval.AccessApproval;
import io.supportaccess.keycloak.decision.SupportAccessDecision;
import org.keycloak.common.util.Time;
import io.supportaccess.keycloak.login.SupportUsername;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import io.supportaccess.keycloak.settings.PlatformSettings;
import io.supportaccess.keycloak.username.ReservedUsernames;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.models.ImpersonationSessionNote;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The steps of a support login shared by the login form and the password grant. The support user
 * is checked against the management realm: its users, credentials, OTP policy and brute-force
 * record. Nothing of the target user's credentials or counters is read or written.
 */
public final class SupportLogin {

    private static final int MAX_EVENT_DETAIL = 255;
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SupportLogin.class);

    private SupportLogin() {
    }

    /**
     * Whether a login name goes the support way: it uses {@code $}. Whether support may enter the
     * realm is the platform's decision (settings of the management realm), never the tenant's.
     */
    public static boolean appliesTo(RealmModel realm, String username) {
        return username != null && username.indexOf('$') >= 0;
    }

    /** Result of checking the support user's password: a refusal, or the support user and whether an OTP code is still due. */
    public record CredentialCheck(Refusal refusal, UserModel supportUser, boolean otpDue) {
        static CredentialCheck refused(Refusal refusal) {
            return new CredentialCheck(refusal, null, false);
        }
    }

    /**
     * Result of authorising an authenticated support user: a refusal, or the tenant user to log in as with
     * what let the support user in and the session's mode, as the decision saw them.
     */
    public record Authorization(Refusal refusal, UserModel target, SupportAccessDecision.Entry entry) {
        static Authorization refused(Refusal refusal) {
            return new Authorization(refusal, null, null);
        }
    }

    public static void describeAttempt(AuthenticationFlowContext ctx, String rawUsername, Optional<SupportUsername> name) {
        ctx.getEvent().detail(Details.USERNAME, truncate(rawUsername));
        ctx.getAuthenticationSession().removeAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME);
        name.ifPresent(n -> ctx.getEvent()
                .detail(SupportAccess.DETAIL_SUPPORT_USER, truncate(n.supportUser()))
                .detail(SupportAccess.DETAIL_SUPPORT_REALM, SupportAccessConfig.of(ctx.getSession()).managementRealm())
                .detail(SupportAccess.DETAIL_WHO, truncate(n.who(n.targetUser().orElse("")))));
    }

    public static RealmModel managementRealm(KeycloakSession session) {
        return session.realms().getRealmByName(SupportAccessConfig.of(session).managementRealm());
    }

    public static CredentialCheck checkPassword(AuthenticationFlowContext ctx, SupportUsername name, String password) {
        RealmModel tenant = ctx.getRealm();
        if (name.tenant().isPresent() && !name.tenant().get().equals(tenant.getName())) {
            return CredentialCheck.refused(Refusal.WRONG_TENANT);
        }
        KeycloakSession session = ctx.getSession();
        RealmModel management = managementRealm(session);
        if (management == null || management.getId().equals(tenant.getId())) {
            AuthenticatorUtils.dummyHash(ctx);
            return CredentialCheck.refused(Refusal.INVALID_CREDENTIALS);
        }
        UserModel supportUser = session.users().getUserByUsername(management, name.supportUser());
        if (supportUser == null || !supportUser.isEnabled() || supportUser.getServiceAccountClientLink() != null
                || isLockedOut(session, management, supportUser)) {
            LOG.debugf("Support user '%s' unknown, disabled, a service account or locked out", name.supportUser());
            AuthenticatorUtils.dummyHash(ctx);
            return CredentialCheck.refused(Refusal.INVALID_CREDENTIALS);
        }
        ctx.getEvent().detail(SupportAccess.DETAIL_SUPPORT_USER_ID, supportUser.getId());
        if (password == null || password.isEmpty()
                || !supportUser.credentialManager().isValid(UserCredentialModel.password(password))) {
            LOG.debugf("Wrong password of support user '%s'", name.supportUser());
            recordFailure(ctx, management, supportUser, PasswordCredentialModel.TYPE);
            return CredentialCheck.refused(Refusal.INVALID_CREDENTIALS);
        }
        boolean hasOtp = supportUser.credentialManager().isConfiguredFor(OTPCredentialModel.TYPE);
        if (!hasOtp) {
            recordSuccess(ctx, management, supportUser);
        }
        return new CredentialCheck(null, supportUser, hasOtp);
    }

    /** Checks the support user's own OTP code; a wrong code counts against the support user. */
    public static boolean checkOtp(AuthenticationFlowContext ctx, UserModel supportUser, String code) {
        RealmModel management = managementRealm(ctx.getSession());
        boolean valid = code != null && !code.isBlank() && code.length() <= 64
                && supportUser.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE)
                        .anyMatch(c -> supportUser.credentialManager()
                                .isValid(new UserCredentialModel(c.getId(), OTPCredentialModel.TYPE, code.strip())));
        if (valid) {
            recordSuccess(ctx, management, supportUser);
        } else {
            recordFailure(ctx, management, supportUser, OTPCredentialModel.TYPE);
        }
        return valid;
    }

    /** Whether an OTP-pending support user may still try a code (not locked out or disabled meanwhile). */
    public static boolean mayContinue(KeycloakSession session, UserModel supportUser) {
        RealmModel management = managementRealm(session);
        return management != null && supportUser.isEnabled() && !isLockedOut(session, management, supportUser);
    }

    /** Locked by the management realm's brute-force protection, for now or for good. */
    private static boolean isLockedOut(KeycloakSession session, RealmModel management, UserModel supportUser) {
        if (!management.isBruteForceProtected()) {
            return false;
        }
        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        return protector.isTemporarilyDisabled(session, management, supportUser)
                || protector.isPermanentlyLockedOut(session, management, supportUser);
    }

    /**
     * Decides on an authenticated support user (password and, where they have one, OTP code checked)
     * and resolves the tenant user to log in as. A support user who could not finish a login in the
     * management realm itself right now is refused first, all reasons alike.
     */
    public static Authorization authorize(AuthenticationFlowContext ctx, SupportUsername name, UserModel supportUser) {
        KeycloakSession session = ctx.getSession();
        RealmModel tenant = ctx.getRealm();
        RealmModel management = managementRealm(session);
        if (!SupportUserReadiness.isReady(session, management, supportUser)) {
            return Authorization.refused(Refusal.SUPPORT_USER_NOT_READY);
        }
        SupportAccessDecision.Outcome outcome = SupportAccessDecision.decide(session, management, supportUser, tenant);
        Optional<UserModel> target = Optional.empty();
        if (outcome == SupportAccessDecision.Outcome.TENANT_CLOSED) {
            // closed to everyone else; an approval opens it for this support user and its target only
            target = resolveTarget(session, tenant, name);
            if (target.isPresent() && SupportAccessDecision.approval(session, management, supportUser, tenant, target.get().getUsername()).isPresent()) {
                outcome = SupportAccessDecision.Outcome.GRANTED;
            }
        }
        switch (outcome) {
            case NOT_A_TENANT:
                return Authorization.refused(Refusal.NOT_A_TENANT);
            case TENANT_DISABLED:
                return Authorization.refused(Refusal.TENANT_DISABLED);
            case NOT_PERMITTED:
                return Authorization.refused(Refusal.NOT_PERMITTED);
            case TENANT_EXCLUDED:
                return Authorization.refused(Refusal.TENANT_EXCLUDED);
            case TENANT_CLOSED:
                return Authorization.refused(Refusal.TENANT_CLOSED);
            default:
                break;
        }
        if (asksForOfflineAccess(ctx) && !PlatformSettings.read(management).offlineAccessAllowed()) {
            return Authorization.refused(Refusal.OFFLINE_NOT_ALLOWED);
        }
        if (target.isEmpty()) {
            target = resolveTarget(session, tenant, name);
        }
        if (target.isEmpty() || !target.get().isEnabled() || target.get().getServiceAccountClientLink() != null
                || ReservedUsernames.isReserved(target.get().getUsername())) {
            return Authorization.refused(Refusal.TARGET_UNAVAILABLE);
        }
        if (hasPendingActions(tenant, target.get())) {
            return Authorization.refused(Refusal.TARGET_ACTIONS_PENDING);
        }
        Optional<SupportAccessDecision.Entry> entry = SupportAccessDecision.entry(session, management, tenant, supportUser,
                target.get().getUsername());
        if (entry.isEmpty()) {
            // closed since the decision above (a request ran out or was withdrawn): nothing lets the support user in
            return Authorization.refused(Refusal.TENANT_CLOSED);
        }
        return new Authorization(null, target.get(), entry.get());
    }

    private static Optional<UserModel> resolveTarget(KeycloakSession session, RealmModel tenant, SupportUsername name) {
        return name.targetUser()
                .map(username -> Optional.ofNullable(session.users().getUserByUsername(tenant, username)))
                .orElseGet(() -> firstAdministrator(session, tenant));
    }

    /**
     * Makes the flow's user the target and marks the session as a support session, with the reason
     * given (null when none), what opened the tenant and the mode, as the authorisation saw them.
     */
    public static void grant(AuthenticationFlowContext ctx, UserModel supportUser, Authorization authorization, String reason) {
        UserModel target = authorization.target();
        AuthenticationSessionModel authSession = ctx.getAuthenticationSession();
        String who = supportUser.getUsername() + "$" + target.getUsername();
        String realmName = SupportAccessConfig.of(ctx.getSession()).managementRealm();
        authSession.setAuthNote(SupportAccess.NOTE_SUPPORT_USER_ID, supportUser.getId());
        authSession.setUserSessionNote(ImpersonationSessionNote.IMPERSONATOR_ID.toString(), supportUser.getId());
        authSession.setUserSessionNote(ImpersonationSessionNote.IMPERSONATOR_USERNAME.toString(), supportUser.getUsername());
        authSession.setUserSessionNote(SupportAccess.SESSION_SUPPORT_USER_ID, supportUser.getId());
        authSession.setUserSessionNote(SupportAccess.SESSION_SUPPORT_USERNAME, supportUser.getUsername());
        authSession.setUserSessionNote(SupportAccess.SESSION_SUPPORT_REALM, realmName);
        authSession.setUserSessionNote(SupportAccess.SESSION_WHO, who);
        SupportAccessDecision.Opening opening = authorization.entry().opening();
        if (opening.approvalId() != null) {
            // the approval's reason stands for the access when the login gave none
            String approved = new AccessApproval(ctx.getSession()).used(opening.approvalId(), who, Time.currentTimeMillis());
            reason = reason == null ? approved : reason;
        }
        authSession.setUserSessionNote(SupportAccess.SESSION_OPENED_BY, opening.openedBy());
        if (opening.expiresAt() != null) {
            authSession.setUserSessionNote(SupportAccess.SESSION_OPEN_UNTIL, Long.toString(opening.expiresAt()));
        }
        ctx.getEvent().detail(SupportAccess.DETAIL_OPENED_BY, opening.openedBy());
        if (reason != null) {
            authSession.setUserSessionNote(SupportAccess.SESSION_SUPPORT_REASON, reason);
            ctx.getEvent().detail(SupportAccess.DETAIL_SUPPORT_REASON, reason);
        }
        authSession.setUserSessionNote(SupportAccess.SESSION_SUPPORT_MODE, authorization.entry().mode().name());
        ctx.getEvent()
                .detail(SupportAccess.DETAIL_SUPPORT_USER, supportUser.getUsername())
                .detail(SupportAccess.DETAIL_SUPPORT_USER_ID, supportUser.getId())
                .detail(SupportAccess.DETAIL_SUPPORT_REALM, realmName)
                .detail(SupportAccess.DETAIL_WHO, who)
                .user(target);
        ctx.setUser(target);
    }

    /** Whether the platform asks support users for a reason or ticket reference on every support access. */
    public static boolean reasonRequired(KeycloakSession session) {
        RealmModel management = managementRealm(session);
        return management != null && PlatformSettings.read(management).reasonRequired();
    }

    /** Whether the login asks for an offline token: the {@code offline_access} scope of the authorization or token request. */
    private static boolean asksForOfflineAccess(AuthenticationFlowContext ctx) {
        String scope = ctx.getAuthenticationSession().getClientNote(org.keycloak.protocol.oidc.OIDCLoginProtocol.SCOPE_PARAM);
        if (scope == null && ctx.getHttpRequest() != null && ctx.getHttpRequest().getDecodedFormParameters() != null) {
            scope = ctx.getHttpRequest().getDecodedFormParameters().getFirst(org.keycloak.OAuth2Constants.SCOPE);
        }
        return org.keycloak.util.TokenUtil.isOfflineTokenRequested(scope);
    }

    public static void logRefusal(AuthenticationFlowContext ctx, Refusal refusal) {
        ctx.getEvent().detail(SupportAccess.DETAIL_SUPPORT_REFUSAL, refusal.name().toLowerCase()).error(refusal.eventError());
    }

    /**
     * A support login must not run the target's required actions (they would be prompted to the
     * support user and consumed). Keycloak runs them after every login, so such a target is refused.
     */
    private static boolean hasPendingActions(RealmModel tenant, UserModel target) {
        return target.getRequiredActionsStream().findAny().isPresent()
                || (tenant.isVerifyEmail() && !target.isEmailVerified() && target.getEmail() != null);
    }

    /**
     * The administrator that {@code support$} logs in as: among the enabled, non-service-account users
     * holding the realm-management {@code realm-admin} role (directly or through a group), the one
     * created first, ties broken by username. Users whose names read like a support login (from
     * before the username rule) are never targets: {@code who} would name two support users.
     */
    static Optional<UserModel> firstAdministrator(KeycloakSession session, RealmModel tenant) {
        RoleModel realmAdmin = SupportAccessAuth.realmAdminRole(tenant);
        if (realmAdmin == null) {
            return Optional.empty();
        }
        Stream<UserModel> direct = session.users().getRoleMembersStream(tenant, realmAdmin);
        Stream<UserModel> viaGroups = session.groups().getGroupsStream(tenant)
                .filter(g -> g.hasRole(realmAdmin))
                .flatMap(g -> session.users().getGroupMembersStream(tenant, g));
        return Stream.concat(direct, viaGroups)
                .filter(UserModel::isEnabled)
                .filter(u -> u.getServiceAccountClientLink() == null)
                .filter(u -> !ReservedUsernames.isReserved(u.getUsername()))
                .min(Comparator.comparing((UserModel u) -> u.getCreatedTimestamp() == null ? Long.MAX_VALUE : u.getCreatedTimestamp())
                        .thenComparing(UserModel::getUsername));
    }

    private static void recordFailure(AuthenticationFlowContext ctx, RealmModel management, UserModel supportUser, String credentialType) {
        if (management.isBruteForceProtected()) {
            ctx.getSession().getProvider(BruteForceProtector.class).failedLogin(management, supportUser,
                    ctx.getConnection(), ctx.getUriInfo(), Set.of(credentialType));
        }
    }

    /**
     * Resets the support user's failure count, if there is one. Keycloak processes a brute-force
     * record asynchronously and refuses the user's next attempt while that runs, so a support user
     * without failures is left alone (quick successive support logins would otherwise be refused).
     */
    private static void recordSuccess(AuthenticationFlowContext ctx, RealmModel management, UserModel supportUser) {
        if (management.isBruteForceProtected()
                && ctx.getSession().loginFailures().getUserLoginFailure(management, supportUser.getId()) != null) {
            ctx.getSession().getProvider(BruteForceProtector.class).successfulLogin(management, supportUser,
                    ctx.getConnection(), ctx.getUriInfo(), Set.of(PasswordCredentialModel.TYPE));
        }
    }

    static String truncate(String value) {
        if (value == null) {
            return null;
        }
        String cut = value.length() > MAX_EVENT_DETAIL ? value.substring(0, MAX_EVENT_DETAIL) : value;
        return cut.replaceAll("[\\p{Cntrl}\\p{Cf}]", "?");
    }
}

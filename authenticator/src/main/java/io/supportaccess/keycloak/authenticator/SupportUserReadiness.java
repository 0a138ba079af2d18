package io.supportaccess.keycloak.authenticator;

import io.supportaccess.keycloak.settings.PlatformSettings;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

/**
 * Whether an authenticated support user could, right now, finish a login in the management realm
 * itself: no required action pending or due (stored ones of any kind, an unverified e-mail where the
 * realm verifies e-mails, an expired password, an incomplete user profile), OTP set up where it is
 * mandatory, and no credential demanded that a support login cannot check
 * ({@link ManagementLoginRequirements}). The reason is only logged: every one is refused alike.
 */
final class SupportUserReadiness {

    private static final Logger LOG = Logger.getLogger(SupportUserReadiness.class);

    private SupportUserReadiness() {
    }

    static boolean isReady(KeycloakSession session, RealmModel management, UserModel supportUser) {
        Optional<String> reason = whyNot(session, management, supportUser);
        reason.ifPresent(r -> LOG.debugf("Support user '%s' is not ready for support logins: %s", supportUser.getUsername(), r));
        return reason.isEmpty();
    }

    static Optional<String> whyNot(KeycloakSession session, RealmModel management, UserModel supportUser) {
        Optional<String> pending = supportUser.getRequiredActionsStream().findFirst();
        if (pending.isPresent()) {
            return Optional.of("required action " + pending.get() + " pending");
        }
        if (management.isVerifyEmail() && !supportUser.isEmailVerified()) {
            return Optional.of("e-mail not verified");
        }
        if (passwordExpired(management, supportUser)) {
            return Optional.of("password expired");
        }
        boolean hasOtp = supportUser.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).findAny().isPresent();
        if (!hasOtp && PlatformSettings.read(management).supportUserOtpRequired()) {
            return Optional.of("the platform requires OTP of support users");
        }
        Optional<String> flow = ManagementLoginRequirements.unmet(session, management, supportUser);
        if (flow.isPresent()) {
            return flow;
        }
        if (isEnabled(management, UserModel.RequiredAction.VERIFY_PROFILE.name()) && !profileComplete(session, management, supportUser)) {
            return Optional.of("user profile incomplete");
        }
        return Optional.empty();
    }

    private static boolean passwordExpired(RealmModel management, UserModel supportUser) {
        int days = management.getPasswordPolicy().getDaysToExpirePassword();
        if (days < 0) {
            return false;
        }
        Long created = supportUser.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .findFirst().map(CredentialModel::getCreatedDate).orElse(null);
        return created == null || Time.currentTimeMillis() - created > TimeUnit.DAYS.toMillis(days);
    }

    private static boolean isEnabled(RealmModel management, String alias) {
        RequiredActionProviderModel action = management.getRequiredActionProviderByAlias(alias);
        return action != null && action.isEnabled();
    }

    /** The management realm's user profile, as its "verify profile" action checks it at every login. */
    private static boolean profileComplete(KeycloakSession session, RealmModel management, UserModel supportUser) {
        RealmModel previous = session.getContext().getRealm();
        session.getContext().setRealm(management);
        try {
            session.getProvider(UserProfileProvider.class).create(UserProfileContext.UPDATE_PROFILE, supportUser).validate();
            return true;
        } catch (ValidationException e) {
            return false;
        } finally {
            session.getContext().setRealm(previous);
        }
    }
}

package io.supportaccess.keycloak.consent;

import io.supportaccess.keycloak.requests.SupportSessions;
import java.util.Optional;
import org.keycloak.models.ImpersonationSessionNote;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * Whether a session stands for its user's own decision. Support requests are the tenant's consent:
 * they must come from a person of the tenant acting for themselves, not from a support session, an
 * impersonation (whoever impersonates), a service account, or an account whose login a support
 * session set up and so could use.
 */
public final class Consent {

    private Consent() {
    }

    /** Why this caller cannot give the tenant's consent; empty when it can. */
    public static Optional<String> refusal(KeycloakSession session, RealmModel realm, UserModel user, UserSessionModel userSession) {
        if (userSession != null && SupportSessions.isSupportSession(userSession)) {
            return Optional.of("Support requests are the tenant's users' decision; a support session cannot change them");
        }
        if (isImpersonation(userSession)) {
            return Optional.of("This session is an impersonation of " + user.getUsername() + " by "
                    + userSession.getNote(ImpersonationSessionNote.IMPERSONATOR_USERNAME.toString())
                    + "; support requests must come from the user, logged in themself");
        }
        if (user.getServiceAccountClientLink() != null) {
            return Optional.of("A service account cannot enable support; support requests must come from a person of the tenant");
        }
        SetUpAccounts marks = new SetUpAccounts(session);
        var login = marks.loginConfiguration(realm.getId());
        if (login.isPresent()) {
            return Optional.of(login.get().getMarkedBy() + ", in a session that cannot consent, changed how this tenant's users log in ("
                    + login.get().getCause() + "), so no login here stands for its user's own decision any more; support requests"
                    + " are refused until a platform administrator has reviewed the change");
        }
        if (marks.isMarked(realm.getId(), user.getId())) {
            return Optional.of("This account, or its password, e-mail or other login, was set up in a support session (or by an account"
                    + " set up in one); it cannot enable support until a tenant administrator, in their own session, resets its password");
        }
        return Optional.empty();
    }

    public static boolean isImpersonation(UserSessionModel userSession) {
        return userSession != null && userSession.getNote(ImpersonationSessionNote.IMPERSONATOR_ID.toString()) != null;
    }

    /**
     * Whether what this actor does to an account must mark it: the actor acts in a support session or
     * an impersonation, or is itself an account whose login a support session set up.
     */
    public static boolean actorCannotConsent(KeycloakSession session, RealmModel actorRealm, String actorUserId, UserSessionModel actorSession) {
        if (actorSession != null && (SupportSessions.isSupportSession(actorSession) || isImpersonation(actorSession))) {
            return true;
        }
        return actorRealm != null && actorUserId != null && new SetUpAccounts(session).isMarked(actorRealm.getId(), actorUserId);
    }
}

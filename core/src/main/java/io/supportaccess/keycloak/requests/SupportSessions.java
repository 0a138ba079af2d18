package io.supportaccess.keycloak.requests;

import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.settings.SupportMode;
import org.keycloak.models.UserSessionModel;

/** Recognises support sessions by the notes the support login put on the user session. */
public final class SupportSessions {

    private SupportSessions() {
    }

    public static boolean isSupportSession(UserSessionModel userSession) {
        return userSession.getNote(SupportAccess.SESSION_SUPPORT_USER_ID) != null;
    }

    /** A support session granted read-only support; never an ordinary session. */
    public static boolean isReadOnly(UserSessionModel userSession) {
        return userSession != null && isSupportSession(userSession)
                && SupportMode.stored(userSession.getNote(SupportAccess.SESSION_SUPPORT_MODE)) == SupportMode.READ_ONLY;
    }
}

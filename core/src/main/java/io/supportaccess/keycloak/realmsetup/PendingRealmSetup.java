package io.supportaccess.keycloak.realmsetup;

import java.util.HashMap;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The support access set-up of realms created in this session, not yet run. The bootstrap runs it
 * once the creating transaction has committed, in a small transaction of its own (still before the
 * HTTP response is sent); code that needs it within the creating transaction (roles of the
 * catalogue, the username rule) completes it there with {@link #completeNow}.
 */
public final class PendingRealmSetup {

    private static final String ATTRIBUTE = PendingRealmSetup.class.getName();

    private PendingRealmSetup() {
    }

    /** Registers the set-up of a new realm, as it would run in the creating transaction. */
    public static void register(KeycloakSession session, RealmModel realm, Runnable setUpInThisTransaction) {
        pending(session).put(realm.getId(), setUpInThisTransaction);
    }

    /** Runs a pending set-up of the realm now, in the session's transaction; nothing if none is pending. */
    public static void completeNow(KeycloakSession session, RealmModel realm) {
        Runnable setUp = pending(session).remove(realm.getId());
        if (setUp != null) {
            setUp.run();
        }
    }

    /** Whether the realm's set-up is still pending, taking it off the list (the caller runs it). */
    public static boolean take(KeycloakSession session, String realmId) {
        return pending(session).remove(realmId) != null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Runnable> pending(KeycloakSession session) {
        Map<String, Runnable> pending = session.getAttribute(ATTRIBUTE, Map.class);
        if (pending == null) {
            pending = new HashMap<>();
            session.setAttribute(ATTRIBUTE, pending);
        }
        return pending;
    }
}

package io.supportaccess.keycloak.bootstrap;

import io.supportaccess.keycloak.realmsetup.PendingRealmSetup;
import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * A new realm's set-up, run once the transaction that created it has committed, in a transaction of its
 * own. In the creating transaction every flush checks the thousands of entities Keycloak left there
 * (Keycloak flushes after each role, flow step and scope it adds), in its own transaction a flush checks
 * a few. Keycloak commits a request's transaction before it writes the response, so the caller that
 * created the realm finds it prepared. Should the set-up fail, the realm stays unmarked: the next start
 * prepares it.
 */
final class AfterCreationSetup extends AbstractKeycloakTransaction {

    private static final Logger LOG = Logger.getLogger(AfterCreationSetup.class);

    private final KeycloakSession creatingSession;
    private final RealmLifecycle realms;
    private final String realmId;
    private final String realmName;

    AfterCreationSetup(KeycloakSession creatingSession, RealmLifecycle realms, String realmId, String realmName) {
        this.creatingSession = creatingSession;
        this.realms = realms;
        this.realmId = realmId;
        this.realmName = realmName;
    }

    @Override
    protected void commitImpl() {
        if (!PendingRealmSetup.take(creatingSession, realmId)) {
            // completed within the creating transaction
            return;
        }
        try {
            long started = System.nanoTime();
            long[] prepared = new long[1];
            boolean done = KeycloakModelUtils.runJobInTransactionWithResult(creatingSession.getKeycloakSessionFactory(), session -> {
                boolean result = realms.prepareLocked(session, realmId);
                prepared[0] = System.nanoTime();
                return result;
            });
            if (done) {
                long ended = System.nanoTime();
                RealmLifecycle.logPrepared(realmName);
                LOG.debugf("Realm '%s': set-up transaction with its commit %.1f ms (the commit %.1f ms)", realmName,
                        (ended - started) / 1e6, (ended - prepared[0]) / 1e6);
            }
        } catch (RuntimeException e) {
            // the realm exists (its creation committed): the response stays a success, the next start prepares it
            LOG.errorf(e, "Support access set-up of the new realm '%s' failed; the realm stays unprepared until the next start",
                    realmName);
        }
    }

    @Override
    protected void rollbackImpl() {
        PendingRealmSetup.take(creatingSession, realmId);
    }
}

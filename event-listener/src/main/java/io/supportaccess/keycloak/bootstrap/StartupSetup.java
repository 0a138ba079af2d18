package io.supportaccess.keycloak.bootstrap;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.cluster.ExecutionResult;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Start-up set-up of the realms: two queries find the realms not yet prepared by this set-up
 * version (new, unmarked, or marked by an older version); only those are prepared, each in its own
 * transaction, by one node of the cluster (a cluster-wide task lock; each realm's row lock besides). A
 * realm whose set-up fails stays unmarked and is tried again at the next start; the server starts regardless.
 */
final class StartupSetup {

    static final String TASK_KEY = "support-access-realm-setup";

    private static final Logger LOG = Logger.getLogger(StartupSetup.class);

    private record Realm(String id, String name) {
    }

    private final RealmLifecycle realms;

    StartupSetup(RealmLifecycle realms) {
        this.realms = realms;
    }

    void run(KeycloakSessionFactory factory) {
        List<Realm> pending = KeycloakModelUtils.runJobInTransactionWithResult(factory, StartupSetup::realmsToPrepare);
        if (pending.isEmpty()) {
            LOG.debug("All realms are prepared by the current support access set-up version");
            return;
        }
        // generous: a realm takes well under a second; the lock only expires early if this node dies
        int timeoutSeconds = 300 + pending.size();
        ExecutionResult<int[]> result;
        // a session without a transaction of its own: the lock is the cluster's, each realm has its own transaction,
        // and one around them all would outlast the transaction timeout with many realms to prepare
        try (KeycloakSession session = factory.create()) {
            result = session.getProvider(ClusterProvider.class).executeIfNotExecuted(TASK_KEY, timeoutSeconds, () -> prepare(factory, pending));
        }
        if (!result.isExecuted()) {
            LOG.infof("Another node is preparing %d realm(s) for support access; this node skips it", pending.size());
            return;
        }
        int[] counts = result.getResult();
        LOG.infof("Support access set-up version %s: %d realm(s) prepared, %d failed (retried at the next start)",
                RealmLifecycle.SETUP_VERSION, counts[0], counts[1]);
    }

    /** Realm ids and names, and the set-up marker of every realm: no query per realm, no realm loaded. */
    private static List<Realm> realmsToPrepare(KeycloakSession session) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        Map<String, String> versions = new HashMap<>();
        em.createQuery("select a.realm.id, a.value from RealmAttributeEntity a where a.name = :name", Object[].class)
                .setParameter("name", RealmLifecycle.SETUP_VERSION_ATTRIBUTE)
                .getResultList().forEach(row -> versions.put((String) row[0], (String) row[1]));
        List<Realm> pending = new ArrayList<>();
        for (Object[] row : em.createQuery("select r.id, r.name from RealmEntity r", Object[].class).getResultList()) {
            String id = (String) row[0];
            String name = (String) row[1];
            if (RealmLifecycle.needsSetUp(name, versions.get(id))) {
                pending.add(new Realm(id, name));
            }
        }
        return pending;
    }

    private int[] prepare(KeycloakSessionFactory factory, List<Realm> pending) {
        int prepared = 0;
        int failed = 0;
        for (Realm realm : pending) {
            try {
                boolean done = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> realms.prepareLocked(session, realm.id()));
                if (done) {
                    prepared++;
                    RealmLifecycle.logPrepared(realm.name());
                }
            } catch (RuntimeException e) {
                failed++;
                LOG.warnf(e, "Support access set-up of realm '%s' failed; the realm stays unprepared and is tried again at the next start",
                        realm.name());
            }
        }
        return new int[] {prepared, failed};
    }
}

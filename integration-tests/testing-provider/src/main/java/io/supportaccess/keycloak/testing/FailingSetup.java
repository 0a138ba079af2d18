package io.supportaccess.keycloak.testing;

import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PreInsertEvent;
import org.hibernate.event.spi.PreInsertEventListener;
import org.hibernate.event.spi.PreUpdateEvent;
import org.hibernate.event.spi.PreUpdateEventListener;
import org.jboss.logging.Logger;
import org.keycloak.models.jpa.entities.RealmAttributeEntity;
import org.keycloak.models.jpa.entities.RealmEntity;

/**
 * Makes a realm's support access set-up fail or wait, for the start-up tests: in a realm with the
 * attribute {@code supportAccess.testing.refuseSetupVersion = N}, writing the set-up marker with
 * version N is refused, so the set-up's transaction rolls back as any failure would; with
 * {@code supportAccess.testing.holdSetupVersion = N}, writing it waits until the file named by
 * {@code supportAccess.testing.holdSetupUntilFile} exists (at most five minutes), so that a test can
 * start another node while this one is preparing the realms.
 */
final class FailingSetup implements PreInsertEventListener, PreUpdateEventListener {

    static final String REFUSE_ATTRIBUTE = "supportAccess.testing.refuseSetupVersion";
    static final String HOLD_ATTRIBUTE = "supportAccess.testing.holdSetupVersion";
    static final String HOLD_FILE_ATTRIBUTE = "supportAccess.testing.holdSetupUntilFile";
    private static final String MARKER = "supportAccess.setupVersion";
    private static final long MAX_HOLD_MILLIS = 300_000;
    private static final Logger LOG = Logger.getLogger(FailingSetup.class);

    private FailingSetup() {
    }

    static synchronized void install(EntityManagerFactory factory) {
        EventListenerRegistry registry = factory.unwrap(SessionFactoryImplementor.class).getEventEngine().getListenerRegistry();
        for (Object listener : registry.getEventListenerGroup(EventType.PRE_INSERT).listeners()) {
            if (listener instanceof FailingSetup) {
                return;
            }
        }
        FailingSetup failing = new FailingSetup();
        registry.appendListeners(EventType.PRE_INSERT, failing);
        registry.appendListeners(EventType.PRE_UPDATE, failing);
    }

    @Override
    public boolean onPreInsert(PreInsertEvent event) {
        check(event.getEntity());
        return false;
    }

    @Override
    public boolean onPreUpdate(PreUpdateEvent event) {
        check(event.getEntity());
        return false;
    }

    private static void check(Object entity) {
        if (!(entity instanceof RealmAttributeEntity attribute) || !MARKER.equals(attribute.getName())) {
            return;
        }
        RealmEntity realm = attribute.getRealm();
        String version = attribute.getValue();
        if (has(realm, HOLD_ATTRIBUTE, version)) {
            hold(realm);
        }
        if (has(realm, REFUSE_ATTRIBUTE, version)) {
            throw new IllegalStateException("set-up marker refused by the realm's testing attribute");
        }
    }

    private static void hold(RealmEntity realm) {
        Path release = Path.of(value(realm, HOLD_FILE_ATTRIBUTE));
        LOG.infof("Testing: holding the set-up of realm '%s' until %s exists", realm.getName(), release);
        long deadline = System.currentTimeMillis() + MAX_HOLD_MILLIS;
        while (!Files.exists(release) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.infof("Testing: set-up of realm '%s' released", realm.getName());
    }

    private static boolean has(RealmEntity realm, String name, String version) {
        return realm != null && version != null && version.equals(value(realm, name));
    }

    private static String value(RealmEntity realm, String name) {
        return realm.getAttributes().stream().filter(a -> name.equals(a.getName())).map(RealmAttributeEntity::getValue)
                .findFirst().orElse(null);
    }
}

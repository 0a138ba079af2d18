package io.supportaccess.keycloak.testing;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PreInsertEvent;
import org.hibernate.event.spi.PreInsertEventListener;
import org.hibernate.event.spi.PreUpdateEvent;
import org.hibernate.event.spi.PreUpdateEventListener;
import org.keycloak.models.jpa.entities.RealmAttributeEntity;
import org.keycloak.models.jpa.entities.RealmEntity;

/**
 * Makes a realm's support access set-up fail, for the start-up tests: in a realm with the attribute
 * {@code supportAccess.testing.refuseSetupVersion = N}, writing the set-up marker with version N is
 * refused, so the set-up's transaction rolls back as any failure would.
 */
final class FailingSetup implements PreInsertEventListener, PreUpdateEventListener {

    static final String REFUSE_ATTRIBUTE = "supportAccess.testing.refuseSetupVersion";
    private static final String MARKER = "supportAccess.setupVersion";

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
        if (entity instanceof RealmAttributeEntity attribute && MARKER.equals(attribute.getName())
                && refused(attribute.getRealm(), attribute.getValue())) {
            throw new IllegalStateException("set-up marker refused by the realm's testing attribute");
        }
    }

    private static boolean refused(RealmEntity realm, String version) {
        return realm != null && version != null && realm.getAttributes().stream()
                .anyMatch(a -> REFUSE_ATTRIBUTE.equals(a.getName()) && version.equals(a.getValue()));
    }
}

package io.supportaccess.keycloak.username;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.AbstractPreDatabaseOperationEvent;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PreInsertEvent;
import org.hibernate.event.spi.PreInsertEventListener;
import org.hibernate.event.spi.PreUpdateEvent;
import org.hibernate.event.spi.PreUpdateEventListener;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ModelException;
import org.keycloak.models.ModelValidationException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.jpa.entities.RealmEntity;
import org.keycloak.models.jpa.entities.UserEntity;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * Applies {@link ReservedUsernames} where every local user of Keycloak is written: the user table.
 * Hibernate calls it before each insert and update of a {@link UserEntity}, whichever code path
 * creates or renames the user (admin REST, partial and realm import, account console,
 * registration, identity-provider first login, user federation import and sync, service accounts
 * of new or renamed clients, ...). A refused name aborts the write with a
 * {@link ModelValidationException}, which Keycloak answers with 400 on its REST paths.
 *
 * <p>Updates are checked only when the username changes, so a user who got such a name before the
 * rule (see the operator listing) can still be disabled, edited or renamed to a valid name.
 */
public final class UsernameStorageGuard implements PreInsertEventListener, PreUpdateEventListener {

    private static final Logger LOG = Logger.getLogger(UsernameStorageGuard.class);
    private final KeycloakSessionFactory sessions;

    private UsernameStorageGuard(KeycloakSessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Registers the guard with Keycloak's entity manager factory once (the same way Keycloak adds its own JPA listeners). */
    public static synchronized void install(KeycloakSessionFactory sessions, EntityManagerFactory factory) {
        EventListenerRegistry registry = factory.unwrap(SessionFactoryImplementor.class).getEventEngine().getListenerRegistry();
        for (Object listener : registry.getEventListenerGroup(EventType.PRE_INSERT).listeners()) {
            if (listener instanceof UsernameStorageGuard) {
                return;
            }
        }
        UsernameStorageGuard guard = new UsernameStorageGuard(sessions);
        registry.appendListeners(EventType.PRE_INSERT, guard);
        registry.appendListeners(EventType.PRE_UPDATE, guard);
        LOG.debug("Username rule installed on the user table");
    }

    @Override
    public boolean onPreInsert(PreInsertEvent event) {
        if (event.getEntity() instanceof UserEntity user) {
            check(event, user.getRealmId(), user.getUsername());
        }
        return false;
    }

    @Override
    public boolean onPreUpdate(PreUpdateEvent event) {
        if (event.getEntity() instanceof UserEntity user) {
            String[] properties = event.getPersister().getPropertyNames();
            for (int i = 0; i < properties.length; i++) {
                if ("username".equals(properties[i])) {
                    Object before = event.getOldState() == null ? null : event.getOldState()[i];
                    Object after = event.getState()[i];
                    if (after != null && !after.equals(before)) {
                        check(event, user.getRealmId(), (String) after);
                    }
                }
            }
        }
        return false;
    }

    private void check(AbstractPreDatabaseOperationEvent event, String realmId, String username) {
        if (!ReservedUsernames.isReserved(username)) {
            return;
        }
        String realmName = realmName(event, realmId);
        if (!SupportAccessConfig.of(sessions).isTenantRealm(realmName)) {
            return;
        }
        LOG.infof("Refused username '%s' in tenant realm '%s': %s", username, realmName, ReservedUsernames.reason(username));
        String message = ReservedUsernames.EXPLANATION + " (refused: '" + username + "')";
        ModelValidationException refusal = new ModelValidationException(message);
        // Keycloak's error handler answers 400 for this type and shows the message when the cause is a ModelException
        refusal.initCause(new ModelException(message));
        throw refusal;
    }

    private static String realmName(AbstractPreDatabaseOperationEvent event, String realmId) {
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (session != null) {
            RealmModel context = session.getContext().getRealm();
            if (context != null && context.getId().equals(realmId)) {
                return context.getName();
            }
        }
        // the realm may be created in this very transaction (realm import): read it through the same persistence context
        if (realmId != null && event.getSession() instanceof Session hibernate) {
            RealmEntity realm = hibernate.find(RealmEntity.class, realmId);
            return realm == null ? null : realm.getName();
        }
        return null;
    }
}

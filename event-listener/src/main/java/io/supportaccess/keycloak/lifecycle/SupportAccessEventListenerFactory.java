package io.supportaccess.keycloak.lifecycle;

import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.audit.AuditRetentionTask;
import io.supportaccess.keycloak.requests.RequestExpiryTask;
import io.supportaccess.keycloak.inventory.Inventory;
import io.supportaccess.keycloak.sessions.SupportSessionSweepTask;
import io.supportaccess.keycloak.sessions.listener.SupportSessionEvents;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

/**
 * The extension's event listener, and the hook that keeps realms ready for support logins: at
 * start-up (after migration and realm import) every realm not yet prepared by the current set-up
 * version is set up (see {@link StartupSetup}), and so is every realm created later, whether through
 * the admin console, the REST API or an import.
 *
 * <p>Server options ({@code --spi-events-listener--support-access--<key>=<value>}):
 * {@code management-realm} (default {@code management}); {@code expiry-interval-seconds} (default
 * 60): how often expired support requests are closed and their sessions ended;
 * {@code audit-max-age-days} (default 60): audit records older than this are removed;
 * {@code audit-retention-interval-seconds} (default 3600): how often that runs;
 * {@code session-sweep-interval-seconds} (default 15): how often live support sessions are checked
 * against the platform's lifespan and idle timeout; {@code restore-stock-flows} (default false):
 * gives every tenant realm Keycloak's stock login steps back at start-up (before removing the jar);
 * {@code testing-clock} (default false, tests only; not named "...-enabled", which Keycloak would take for a build-time option).
 */
public class SupportAccessEventListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "support-access";

    private static final Logger LOG = Logger.getLogger(SupportAccessEventListenerFactory.class);

    private long expiryIntervalMillis = 60_000L;
    private int auditMaxAgeDays = 60;
    private long retentionIntervalMillis = 3_600_000L;
    private long sweepIntervalMillis = 15_000L;
    private boolean restoreStockFlows;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new SupportAccessEventListener(session);
    }

    @Override
    public void init(Config.Scope config) {
        SupportAccess.configureManagementRealmName(config.get("management-realm", SupportAccess.DEFAULT_MANAGEMENT_REALM));
        SupportAccess.configureTestingClock(config.getBoolean("testing-clock", false));
        expiryIntervalMillis = Math.max(1, config.getInt("expiry-interval-seconds", 60)) * 1000L;
        auditMaxAgeDays = Math.max(1, config.getInt("audit-max-age-days", 60));
        retentionIntervalMillis = Math.max(1, config.getInt("audit-retention-interval-seconds", 3600)) * 1000L;
        sweepIntervalMillis = Math.max(1, config.getInt("session-sweep-interval-seconds", 15)) * 1000L;
        restoreStockFlows = config.getBoolean("restore-stock-flows", false);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> RealmLifecycle.setUpManagementRealm(session, restoreStockFlows));
                if (!restoreStockFlows) {
                    try {
                        StartupSetup.run(factory);
                    } catch (RuntimeException e) {
                        // realms stay as they are (unmarked ones are tried again at the next start); the server starts
                        LOG.errorf(e, "Support access set-up of the realms at start-up failed");
                    }
                }
            } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
                RealmLifecycle.setUpRealm(created.getKeycloakSession(), created.getCreatedRealm());
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                RealmLifecycle.removeRealm(removed.getKeycloakSession(), removed.getRealm());
            } else if (event instanceof RealmModel.RealmAttributeUpdateEvent updated) {
                RealmLifecycle.tenantUpdated(updated.getKeycloakSession(), updated.getRealm(),
                        updated.getAttributeName(), updated.getAttributeValue());
            } else if (event instanceof UserModel.UserRemovedEvent removed) {
                new Inventory(removed.getKeycloakSession()).removeUser(removed.getRealm(), removed.getUser().getId());
                new SupportSessionEvents(removed.getKeycloakSession()).userRemoved(removed.getRealm(), removed.getUser());
            }
        });
        try (KeycloakSession session = factory.create()) {
            session.getProvider(TimerProvider.class).schedule(
                    new ClusterAwareScheduledTaskRunner(factory, new RequestExpiryTask(), expiryIntervalMillis),
                    expiryIntervalMillis, RequestExpiryTask.NAME);
            session.getProvider(TimerProvider.class).schedule(
                    new ClusterAwareScheduledTaskRunner(factory, new AuditRetentionTask(auditMaxAgeDays), retentionIntervalMillis),
                    retentionIntervalMillis, AuditRetentionTask.NAME);
            session.getProvider(TimerProvider.class).schedule(
                    new ClusterAwareScheduledTaskRunner(factory, new SupportSessionSweepTask(), sweepIntervalMillis),
                    sweepIntervalMillis, SupportSessionSweepTask.NAME);
        }
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}

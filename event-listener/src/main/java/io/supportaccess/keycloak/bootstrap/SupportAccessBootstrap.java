package io.supportaccess.keycloak.bootstrap;

import io.supportaccess.keycloak.audit.AuditRetentionTask;
import io.supportaccess.keycloak.audit.RetentionPacing;
import io.supportaccess.keycloak.audit.listener.RealmAuditListener;
import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.hierarchy.UserHierarchy;
import io.supportaccess.keycloak.inventory.Inventory;
import io.supportaccess.keycloak.requests.RequestExpiryTask;
import io.supportaccess.keycloak.sessions.SupportSessionSweepTask;
import io.supportaccess.keycloak.sessions.listener.SupportSessionEvents;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import org.keycloak.provider.ProviderEvent;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * The extension's bootstrap. Keycloak knows it as the event listener provider
 * {@code support-access}, whose scope carries the server options
 * ({@code --spi-events-listener--support-access--<key>}, read once into {@link SupportAccessConfig});
 * the listener it creates feeds a realm's own audit log ({@link RealmAuditListener}).
 *
 * <p>At start-up (after migration and realm import) it prepares the management realm and every
 * realm not yet prepared by the current set-up version ({@link StartupSetup}); later it prepares
 * each new realm once, right after the transaction that created it commits ({@link AfterCreationSetup}),
 * whether created through the admin console, the REST API or an import,
 * cleans up after removed realms and users, and schedules the cluster-aware tasks (request expiry,
 * audit retention, support session sweep).
 */
public class SupportAccessBootstrap implements EventListenerProviderFactory, SupportAccessConfig.Holder {

    public static final String PROVIDER_ID = SupportAccessConfig.PROVIDER_ID;

    private static final Logger LOG = Logger.getLogger(SupportAccessBootstrap.class);

    private SupportAccessConfig config = SupportAccessConfig.DEFAULTS;
    /** {@code --spi-events-listener--support-access--config-import-dir}: where {@code <realm>-support-access.json} files are read at start-up. */
    private String configImportDir;
    /** The audit retention's own thread (see {@link AuditRetentionTask}). */
    private ExecutorService retentionWorker;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new RealmAuditListener(session);
    }

    @Override
    public void init(Config.Scope scope) {
        config = SupportAccessConfig.read(scope);
        configImportDir = scope.get("config-import-dir");
    }

    @Override
    public SupportAccessConfig configuration() {
        return config;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        RealmLifecycle realms = new RealmLifecycle(config);
        factory.register(event -> onProviderEvent(factory, realms, event));
        try (KeycloakSession session = factory.create()) {
            TimerProvider timer = session.getProvider(TimerProvider.class);
            schedule(factory, timer, new RequestExpiryTask(), config.expiryInterval().toMillis(), RequestExpiryTask.NAME);
            retentionWorker = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, AuditRetentionTask.NAME);
                thread.setDaemon(true);
                return thread;
            });
            schedule(factory, timer, new AuditRetentionTask(config.auditMaxAgeDays(), new RetentionPacing(config.auditRetentionLoadPercent()),
                    retentionWorker), config.auditRetentionInterval().toMillis(), AuditRetentionTask.NAME);
            schedule(factory, timer, new SupportSessionSweepTask(), config.sessionSweepInterval().toMillis(), SupportSessionSweepTask.NAME);
        }
    }

    private void onProviderEvent(KeycloakSessionFactory factory, RealmLifecycle realms, ProviderEvent event) {
        if (event instanceof PostMigrationEvent) {
            startUp(factory, realms);
        } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
            realms.realmCreated(created.getKeycloakSession(), created.getCreatedRealm());
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            realms.removeRealm(removed.getKeycloakSession(), removed.getRealm());
            new UserHierarchy(removed.getKeycloakSession()).realmRemoved(removed.getRealm());
        } else if (event instanceof RealmModel.RealmAttributeUpdateEvent updated) {
            realms.tenantUpdated(updated.getKeycloakSession(), updated.getRealm(), updated.getAttributeName(), updated.getAttributeValue());
        } else if (event instanceof UserModel.UserRemovedEvent removed) {
            new Inventory(removed.getKeycloakSession()).removeUser(removed.getRealm(), removed.getUser().getId());
            new UserHierarchy(removed.getKeycloakSession()).userRemoved(removed.getRealm(), removed.getUser().getId());
            new SupportSessionEvents(removed.getKeycloakSession()).userRemoved(removed.getRealm(), removed.getUser());
        }
    }

    /** The start-up work, its time logged (what the extension adds to Keycloak's start-up, see the tenants benchmark). */
    private void startUp(KeycloakSessionFactory factory, RealmLifecycle realms) {
        long started = System.nanoTime();
        KeycloakModelUtils.runJobInTransaction(factory, realms::setUpManagementRealm);
        long management = System.nanoTime();
        if (!config.restoreStockFlows()) {
            try {
                new StartupSetup(realms).run(factory);
            } catch (RuntimeException e) {
                // realms stay as they are (unmarked ones are tried again at the next start); the server starts
                LOG.errorf(e, "Support access set-up of the realms at start-up failed");
            }
        }
        long setUp = System.nanoTime();
        try {
            new StartupConfigurationImport(StartupConfigurationImport.directory(configImportDir)).run(factory);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Support access configuration import at start-up failed");
        }
        long done = System.nanoTime();
        LOG.infof("Support access start-up: %d ms (management realm %d ms, realm set-up check %d ms, configuration import %d ms)",
                (done - started) / 1_000_000, (management - started) / 1_000_000, (setUp - management) / 1_000_000, (done - setUp) / 1_000_000);
    }

    private static void schedule(KeycloakSessionFactory factory, TimerProvider timer, ScheduledTask task, long intervalMillis, String name) {
        timer.schedule(new ClusterAwareScheduledTaskRunner(factory, task, intervalMillis), intervalMillis, name);
    }

    @Override
    public void close() {
        if (retentionWorker != null) {
            retentionWorker.shutdownNow();
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}

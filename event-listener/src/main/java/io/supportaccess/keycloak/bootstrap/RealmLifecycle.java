package io.supportaccess.keycloak.bootstrap;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.audit.AuditSetup;
import io.supportaccess.keycloak.console.AdminConsoleTheme;
import io.supportaccess.keycloak.inventory.DefaultInventoryRoles;
import io.supportaccess.keycloak.inventory.Inventory;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import io.supportaccess.keycloak.permission.SupportPermissions;
import io.supportaccess.keycloak.realmsetup.PendingRealmSetup;
import io.supportaccess.keycloak.requests.SupportRequests;
import io.supportaccess.keycloak.roles.PermissionCatalogue;
import io.supportaccess.keycloak.setup.TenantRealmSetup;
import io.supportaccess.keycloak.sessions.SupportSessionRecords;
import io.supportaccess.keycloak.settings.PlatformSettings;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RealmModel;
import org.keycloak.models.cache.CacheRealmProvider;
import org.keycloak.models.jpa.entities.RealmEntity;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.services.managers.RealmManager;

/** What happens to realms at start-up and on creation. */
final class RealmLifecycle {

    /** Written once a realm has been fully prepared by {@link #setUpRealm}. */
    static final String SETUP_VERSION_ATTRIBUTE = SupportAccess.REALM_ATTRIBUTE_PREFIX + "setupVersion";
    /**
     * Bump whenever what {@link #setUpRealm} does changes: every realm is then prepared again once, at the next start.
     * 3: ROLE_AUDIT_READ includes view-events; the permission catalogue and the global roles.
     * 4: the Support approval roles (in the catalogue's own admins).
     */
    static final String SETUP_VERSION = "4";

    /** Bookkeeping attributes of the set-up: writing them changes nothing the tenant's management object shows. */
    private static final Set<String> SETUP_ATTRIBUTES = Set.of(SETUP_VERSION_ATTRIBUTE,
            AuditSetup.INSTALLED_ATTRIBUTE, DefaultInventoryRoles.SEEDED_ATTRIBUTE);

    private static final Logger LOG = Logger.getLogger(RealmLifecycle.class);

    private final SupportAccessConfig config;

    RealmLifecycle(SupportAccessConfig config) {
        this.config = config;
    }

    /** The management realm's own set-up at start-up; with {@code restoreStockFlows}, every tenant gets the stock steps back. */
    void setUpManagementRealm(KeycloakSession session) {
        RealmModel management = session.realms().getRealmByName(config.managementRealm());
        if (management != null && management.getAttribute(PlatformSettings.ACTIVATED_ATTRIBUTE) == null
                && management.getRole(SupportAccessAuth.ROLE_SUPPORT_READ) != null) {
            // set up by a version whose default was "closed": keep it closed (new installations default to open)
            management.setAttribute(PlatformSettings.ACTIVATED_ATTRIBUTE, "false");
        }
        if (management == null) {
            LOG.infof("Creating the management realm '%s'", config.managementRealm());
            RealmRepresentation representation = new RealmRepresentation();
            representation.setRealm(config.managementRealm());
            representation.setDisplayName("Management");
            representation.setEnabled(true);
            representation.setBruteForceProtected(true);
            // the same path as POST /admin/realms, so the realm is complete (clients, flows, scopes)
            management = new RealmManager(session).importRealm(representation);
        }
        SupportPermissions.ensureRoles(management);
        DefaultInventoryRoles.seedOnce(new Inventory(session), management, true);
        if (config.restoreStockFlows()) {
            session.realms().getRealmsStream().filter(r -> config.isTenantRealm(r.getName())).forEach(realm -> {
                TenantRealmSetup.restoreStockFlows(realm);
                // a later start with the extension prepares the realm again
                realm.removeAttribute(SETUP_VERSION_ATTRIBUTE);
            });
        }
    }

    static boolean needsSetUp(String realmName, String setupVersion) {
        return !SupportAccess.MASTER_REALM.equals(realmName) && !SETUP_VERSION.equals(setupVersion);
    }

    /**
     * A realm was created: its set-up runs once the creating transaction commits, in a transaction of its
     * own ({@link AfterCreationSetup}), unless something in the creating transaction needs it before
     * ({@link PendingRealmSetup#completeNow}).
     */
    void realmCreated(KeycloakSession session, RealmModel realm) {
        if (SupportAccess.MASTER_REALM.equals(realm.getName())) {
            return;
        }
        KeycloakTransactionManager transaction = session.getTransactionManager();
        if (!transaction.isActive()) {
            setUpRealm(session, realm);
            logPrepared(realm.getName());
            return;
        }
        PendingRealmSetup.register(session, realm, () -> {
            setUpRealm(session, realm);
            logPrepared(realm.getName());
        });
        transaction.enlistAfterCompletion(new AfterCreationSetup(session, this, realm.getId(), realm.getName()));
    }

    /**
     * Prepares a realm in the session's transaction unless it is prepared by this set-up version already:
     * the realm's row lock, then its marker as committed, so that should two nodes (or a node's start-up and
     * a realm's creation) prepare the realm at once, the second waits for the first and skips it.
     * Returns whether it prepared the realm.
     */
    boolean prepareLocked(KeycloakSession session, String realmId) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        RealmEntity locked = em.find(RealmEntity.class, realmId, LockModeType.PESSIMISTIC_WRITE);
        if (locked == null || !needsSetUp(locked.getName(), committedSetupVersion(em, realmId))) {
            return false;
        }
        RealmModel realm = storedRealm(session, realmId);
        session.getContext().setRealm(realm);
        setUpRealm(session, realm);
        return true;
    }

    /**
     * The realm as stored, past Keycloak's realm cache, whose entry is invalidated instead: the set-up changes the
     * realm, so the cached form a cache miss builds (some thirty queries) would only be dropped at the commit.
     */
    private static RealmModel storedRealm(KeycloakSession session, String realmId) {
        CacheRealmProvider cache = session.getProvider(CacheRealmProvider.class);
        if (cache == null) {
            return session.realms().getRealm(realmId);
        }
        RealmModel realm = cache.getRealmDelegate().getRealm(realmId);
        cache.registerRealmInvalidation(realmId, realm.getName());
        return realm;
    }

    private static String committedSetupVersion(EntityManager em, String realmId) {
        return em.createQuery("select a.value from RealmAttributeEntity a where a.realm.id = :realm and a.name = :name", String.class)
                .setParameter("realm", realmId).setParameter("name", SETUP_VERSION_ATTRIBUTE)
                .getResultStream().findFirst().orElse(null);
    }

    /** Prepares a realm (new, or prepared by an older version) and marks it with the current set-up version. */
    void setUpRealm(KeycloakSession session, RealmModel realm) {
        if (SupportAccess.MASTER_REALM.equals(realm.getName())) {
            return;
        }
        SetupTimings timings = SetupTimings.start(LOG);
        // first: the realm's row is then written once, with the account console theme, before anything flushes it
        AdminConsoleTheme.assign(realm);
        Inventory inventory = new Inventory(session);
        if (config.managementRealm().equals(realm.getName())) {
            SupportPermissions.ensureRoles(realm);
            DefaultInventoryRoles.seedOnce(inventory, realm, true);
            AuditSetup.apply(realm);
            PermissionCatalogue.ensure(session, realm);
        } else {
            // the realm's row with both themes before the first flush; the catalogue next, while the transaction holds
            // few entities (each flush checks them all), and before the audit set-up, which then finds its role made
            if (config.isTenantRealm(realm.getName())) {
                TenantRealmSetup.installAccountTheme(realm);
            }
            RealmModel management = session.realms().getRealmByName(config.managementRealm());
            // a tenant excluded at platform level is left alone
            Set<String> created = management == null || !PlatformSettings.read(management).excludes(realm.getName())
                    ? PermissionCatalogue.ensure(session, realm) : Set.of();
            timings.step("catalogue");
            AuditSetup.installListener(realm);
            if (!created.contains(SupportAccessAuth.ROLE_AUDIT_READ)) {
                // the catalogue makes the role with view-events in it; a role that was there before is checked
                AuditSetup.ensureReadRole(realm);
            }
            timings.step("audit");
            TenantRealmSetup.apply(session, realm);
            timings.step("flows, scope, user profile");
            DefaultInventoryRoles.seedOnce(inventory, realm, false);
            timings.step("inventory roles");
            if (management != null) {
                inventory.ensureTenantObject(management, realm);
            }
            timings.step("tenant object");
        }
        realm.setAttribute(SETUP_VERSION_ATTRIBUTE, SETUP_VERSION);
        timings.done(realm.getName());
    }

    static void logPrepared(String realmName) {
        LOG.debugf("Realm '%s' prepared for support access (set-up version %s)", realmName, SETUP_VERSION);
    }

    /**
     * Any change of a prepared tenant's attributes updates its management object's properties, and
     * recreates a missing object. A realm not yet prepared is being created (Keycloak sets a few dozen
     * attributes then): its set-up writes the object once, with all of them.
     */
    void tenantUpdated(KeycloakSession session, RealmModel tenant, String attribute, String value) {
        if (!config.isTenantRealm(tenant.getName()) || SETUP_ATTRIBUTES.contains(attribute)
                || tenant.getAttribute(SETUP_VERSION_ATTRIBUTE) == null) {
            return;
        }
        RealmModel management = session.realms().getRealmByName(config.managementRealm());
        if (management != null) {
            Map<String, String> pending = new HashMap<>();
            pending.put(attribute, value);
            new Inventory(session).ensureTenantObject(management, tenant, pending);
        }
    }

    /** Removes what hangs on a realm: its requests, inventory, and its tenant management object. */
    void removeRealm(KeycloakSession session, RealmModel realm) {
        new SupportRequests(session).removeRealm(realm.getId());
        new io.supportaccess.keycloak.approval.AccessRequests(session).removeRealm(realm.getId());
        new SupportSessionRecords(session).removeRealm(realm.getId());
        Inventory inventory = new Inventory(session);
        inventory.removeRealm(realm);
        RealmModel management = session.realms().getRealmByName(config.managementRealm());
        if (management != null && !management.getId().equals(realm.getId())) {
            inventory.removeTenantObject(management, realm.getName());
            io.supportaccess.keycloak.settings.PlatformSettings.writeTenantApprovalMode(management, realm.getName(), null);
        }
    }
}

package io.supportaccess.keycloak.lifecycle;

import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.audit.AuditSetup;
import io.supportaccess.keycloak.inventory.DefaultInventoryRoles;
import io.supportaccess.keycloak.inventory.Inventory;
import io.supportaccess.keycloak.permission.SupportPermissions;
import io.supportaccess.keycloak.requests.SupportRequests;
import io.supportaccess.keycloak.setup.TenantRealmSetup;
import io.supportaccess.keycloak.sessions.SupportSessionRecords;
import io.supportaccess.keycloak.settings.PlatformSettings;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.services.managers.RealmManager;

/** What happens to realms at start-up and on creation. */
final class RealmLifecycle {

    private static final Logger LOG = Logger.getLogger(RealmLifecycle.class);

    private RealmLifecycle() {
    }

    static void setUpAllRealms(KeycloakSession session, boolean restoreStockFlows) {
        RealmModel management = session.realms().getRealmByName(SupportAccess.managementRealmName());
        if (management != null && management.getAttribute(PlatformSettings.ACTIVATED_ATTRIBUTE) == null
                && management.getRole(SupportPermissions.ROLE_SUPPORT_READ) != null) {
            // set up by a version whose default was "closed": keep it closed (new installations default to open)
            management.setAttribute(PlatformSettings.ACTIVATED_ATTRIBUTE, "false");
        }
        if (management == null) {
            LOG.infof("Creating the management realm '%s'", SupportAccess.managementRealmName());
            RealmRepresentation representation = new RealmRepresentation();
            representation.setRealm(SupportAccess.managementRealmName());
            representation.setDisplayName("Management");
            representation.setEnabled(true);
            representation.setBruteForceProtected(true);
            // the same path as POST /admin/realms, so the realm is complete (clients, flows, scopes)
            management = new RealmManager(session).importRealm(representation);
        }
        SupportPermissions.ensureRoles(management);
        Inventory inventory = new Inventory(session);
        DefaultInventoryRoles.seedOnce(inventory, management);
        List<RealmModel> realms = session.realms().getRealmsStream().collect(Collectors.toList());
        for (RealmModel realm : realms) {
            if (restoreStockFlows) {
                if (SupportAccess.isTenantRealmName(realm.getName())) {
                    TenantRealmSetup.restoreStockFlows(realm);
                }
                continue;
            }
            TenantRealmSetup.apply(session, realm);
            AuditSetup.apply(realm);
            if (SupportAccess.isTenantRealmName(realm.getName())) {
                DefaultInventoryRoles.seedOnce(inventory, realm);
                inventory.ensureTenantObject(management, realm);
            }
        }
        LOG.infof("Support access ready: management realm '%s', %d tenant realm(s)", management.getName(),
                realms.stream().filter(r -> SupportAccess.isTenantRealmName(r.getName())).count());
    }

    static void setUpRealm(KeycloakSession session, RealmModel realm) {
        Inventory inventory = new Inventory(session);
        if (SupportAccess.managementRealmName().equals(realm.getName())) {
            SupportPermissions.ensureRoles(realm);
            DefaultInventoryRoles.seedOnce(inventory, realm);
            AuditSetup.apply(realm);
        } else if (SupportAccess.isTenantRealmName(realm.getName())) {
            TenantRealmSetup.apply(session, realm);
            AuditSetup.apply(realm);
            DefaultInventoryRoles.seedOnce(inventory, realm);
            RealmModel management = session.realms().getRealmByName(SupportAccess.managementRealmName());
            if (management != null) {
                inventory.ensureTenantObject(management, realm);
            }
        }
    }

    /** Any change of a tenant's attributes updates its management object's properties, and recreates a missing object. */
    static void tenantUpdated(KeycloakSession session, RealmModel tenant, String attribute, String value) {
        if (!SupportAccess.isTenantRealmName(tenant.getName())) {
            return;
        }
        RealmModel management = session.realms().getRealmByName(SupportAccess.managementRealmName());
        if (management != null) {
            java.util.Map<String, String> pending = new java.util.HashMap<>();
            pending.put(attribute, value);
            new Inventory(session).ensureTenantObject(management, tenant, pending);
        }
    }

    /** Removes what hangs on a realm: its requests, inventory, and its tenant management object. */
    static void removeRealm(KeycloakSession session, RealmModel realm) {
        new SupportRequests(session).removeRealm(realm.getId());
        new SupportSessionRecords(session).removeRealm(realm.getId());
        Inventory inventory = new Inventory(session);
        inventory.removeRealm(realm.getId());
        RealmModel management = session.realms().getRealmByName(SupportAccess.managementRealmName());
        if (management != null && !management.getId().equals(realm.getId())) {
            inventory.removeTenantObject(management.getId(), realm.getName());
        }
    }
}

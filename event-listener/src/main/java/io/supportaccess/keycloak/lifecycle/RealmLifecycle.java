package io.supportaccess.keycloak.lifecycle;

import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.permission.SupportPermissions;
import io.supportaccess.keycloak.setup.TenantRealmSetup;
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

    static void setUpAllRealms(KeycloakSession session) {
        RealmModel management = session.realms().getRealmByName(SupportAccess.managementRealmName());
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
        List<RealmModel> realms = session.realms().getRealmsStream().collect(Collectors.toList());
        for (RealmModel realm : realms) {
            TenantRealmSetup.apply(session, realm);
        }
        LOG.infof("Support access ready: management realm '%s', %d tenant realm(s)", management.getName(),
                realms.stream().filter(r -> SupportAccess.isTenantRealmName(r.getName())).count());
    }

    static void setUpRealm(KeycloakSession session, RealmModel realm) {
        if (SupportAccess.managementRealmName().equals(realm.getName())) {
            SupportPermissions.ensureRoles(realm);
        } else {
            TenantRealmSetup.apply(session, realm);
        }
    }
}

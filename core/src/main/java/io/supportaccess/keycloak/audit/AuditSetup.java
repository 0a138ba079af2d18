package io.supportaccess.keycloak.audit;

import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import io.supportaccess.keycloak.roles.PermissionCategory;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/**
 * Audits a realm by default: adds the listener to its event listeners once (an operator who
 * removes it later is not overruled) and creates the realm role {@code ROLE_AUDIT_READ}, the product's
 * Audits READ permission (unless the permission catalogue made it already), which lets a user read the realm's audit log; it includes Keycloak's
 * {@code view-events} (given back at the set-up of a new set-up version if removed).
 */
public final class AuditSetup {

    public static final String INSTALLED_ATTRIBUTE = SupportAccess.REALM_ATTRIBUTE_PREFIX + "auditListenerInstalled";

    private AuditSetup() {
    }

    public static void apply(RealmModel realm) {
        if (SupportAccess.MASTER_REALM.equals(realm.getName())) {
            return;
        }
        installListener(realm);
        ensureReadRole(realm);
    }

    /** The audit listener in the realm's event listeners, once. */
    public static void installListener(RealmModel realm) {
        if (!"true".equals(realm.getAttribute(INSTALLED_ATTRIBUTE))) {
            Set<String> listeners = realm.getEventsListenersStream().collect(Collectors.toCollection(LinkedHashSet::new));
            listeners.add(AuditLog.LISTENER_ID);
            realm.setEventsListeners(listeners);
            realm.setAttribute(INSTALLED_ATTRIBUTE, "true");
        }
    }

    /** {@code ROLE_AUDIT_READ}, with Keycloak's {@code view-events} in it. */
    public static void ensureReadRole(RealmModel realm) {
        RoleModel role = realm.getRole(SupportAccessAuth.ROLE_AUDIT_READ);
        if (role == null) {
            role = realm.addRole(SupportAccessAuth.ROLE_AUDIT_READ);
            role.setDescription(PermissionCategory.AUDITS.roleDescription(PermissionCategory.Level.READ));
        }
        // Keycloak's own view-events: the admin console then shows the holder the audit log and the events
        ClientModel realmManagement = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        RoleModel viewEvents = realmManagement == null ? null : realmManagement.getRole(AdminRoles.VIEW_EVENTS);
        if (viewEvents != null && !role.hasRole(viewEvents)) {
            role.addCompositeRole(viewEvents);
        }
    }
}

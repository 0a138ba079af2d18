package io.supportaccess.keycloak.audit;

import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/**
 * Audits a realm by default: adds the listener to its event listeners once (an operator who
 * removes it later is not overruled) and creates the realm role {@code ROLE_AUDIT_READ}, the product's
 * Audits READ permission, which lets a user read the realm's audit log.
 */
public final class AuditSetup {

    public static final String INSTALLED_ATTRIBUTE = SupportAccess.REALM_ATTRIBUTE_PREFIX + "auditListenerInstalled";

    private AuditSetup() {
    }

    public static void apply(RealmModel realm) {
        if (SupportAccess.MASTER_REALM.equals(realm.getName())) {
            return;
        }
        if (!"true".equals(realm.getAttribute(INSTALLED_ATTRIBUTE))) {
            Set<String> listeners = realm.getEventsListenersStream().collect(Collectors.toCollection(LinkedHashSet::new));
            listeners.add(AuditLog.LISTENER_ID);
            realm.setEventsListeners(listeners);
            realm.setAttribute(INSTALLED_ATTRIBUTE, "true");
        }
        if (realm.getRole(SupportAccessAuth.ROLE_AUDIT_READ) == null) {
            RoleModel role = realm.addRole(SupportAccessAuth.ROLE_AUDIT_READ);
            role.setDescription("Audits permission, level READ: may read this realm's audit log");
        }
    }
}

package io.supportaccess.keycloak.inventory;

import static io.supportaccess.keycloak.inventory.Permission.ANY_TYPE;
import static io.supportaccess.keycloak.inventory.Permission.Level.ADMIN;
import static io.supportaccess.keycloak.inventory.Permission.Level.ALL;
import static io.supportaccess.keycloak.inventory.Permission.Level.READ;
import static io.supportaccess.keycloak.inventory.Permission.Scope.ALARMS;
import static io.supportaccess.keycloak.inventory.Permission.Scope.AUDITS;
import static io.supportaccess.keycloak.inventory.Permission.Scope.DEVICE_CONTROL;
import static io.supportaccess.keycloak.inventory.Permission.Scope.EVENTS;
import static io.supportaccess.keycloak.inventory.Permission.Scope.INVENTORY;
import static io.supportaccess.keycloak.inventory.Permission.Scope.MEASUREMENTS;
import static io.supportaccess.keycloak.inventory.Permission.Scope.SUPPORT;

import io.supportaccess.keycloak.SupportAccess;
import java.util.List;
import org.keycloak.models.RealmModel;

/** The default inventory roles of a new tenant, plus "Support" in the management realm. Created once per realm. */
public final class DefaultInventoryRoles {

    public static final String SEEDED_ATTRIBUTE = SupportAccess.REALM_ATTRIBUTE_PREFIX + "inventoryRolesSeeded";
    public static final String SUPPORT_ROLE = "Support";

    private DefaultInventoryRoles() {
    }

    public static void seedOnce(Inventory store, RealmModel realm, boolean managementRealm) {
        if (Boolean.parseBoolean(realm.getAttribute(SEEDED_ATTRIBUTE))) {
            return;
        }
        // a role the realm already has by that name is left as it is
        Inventory.RoleSeeding inventory = store.roleSeeding(realm);
        inventory.createRole(realm, "Manager", "Can read all data of the asset and manage all inventory data but cannot perform "
                + "operations. In addition, can manage inventory data (including dashboards) and alarms.", List.of(
                new Permission(INVENTORY, ANY_TYPE, ALL), new Permission(ALARMS, ANY_TYPE, ALL),
                new Permission(EVENTS, ANY_TYPE, READ), new Permission(MEASUREMENTS, ANY_TYPE, READ),
                new Permission(AUDITS, ANY_TYPE, READ), new Permission(DEVICE_CONTROL, ANY_TYPE, READ)));
        inventory.createRole(realm, "Operations: All", "Can remotely manage the assets by sending operations to a device.",
                List.of(new Permission(DEVICE_CONTROL, ANY_TYPE, ALL)));
        inventory.createRole(realm, "Operations: Restart Device", "Can restart devices.",
                List.of(new Permission(DEVICE_CONTROL, "c8y_Restart", ADMIN)));
        inventory.createRole(realm, "Reader", "Can read all data of the asset.", List.of(
                new Permission(INVENTORY, ANY_TYPE, READ), new Permission(ALARMS, ANY_TYPE, READ),
                new Permission(EVENTS, ANY_TYPE, READ), new Permission(MEASUREMENTS, ANY_TYPE, READ),
                new Permission(AUDITS, ANY_TYPE, READ), new Permission(DEVICE_CONTROL, ANY_TYPE, READ)));
        if (managementRealm) {
            inventory.createRole(realm, SUPPORT_ROLE, "Support users with this role on a group of tenants may log in to those "
                    + "tenants (support$user).", List.of(new Permission(SUPPORT, ANY_TYPE, ALL)));
        }
        realm.setAttribute(SEEDED_ATTRIBUTE, "true");
    }
}

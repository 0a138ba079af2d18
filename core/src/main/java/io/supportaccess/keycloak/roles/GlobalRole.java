package io.supportaccess.keycloak.roles;

import static io.supportaccess.keycloak.roles.PermissionCategory.Level.ADMIN;
import static io.supportaccess.keycloak.roles.PermissionCategory.Level.CREATE;
import static io.supportaccess.keycloak.roles.PermissionCategory.Level.READ;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.keycloak.models.AdminRoles;

/**
 * The seed's pre-configured global roles ("Global roles"): composite realm roles of the permission
 * roles they list. {@code admins} also holds Keycloak's realm-admin, so a tenant's first user
 * administers the tenant in Keycloak's console too; it does not hold the Support permission, which
 * an operator grants deliberately.
 */
public record GlobalRole(String name, String description, List<String> permissionRoles, List<String> keycloakRoles) {

    private static final List<PermissionCategory> DEVICE_DATA = List.of(PermissionCategory.ALARMS, PermissionCategory.EVENTS,
            PermissionCategory.MEASUREMENTS, PermissionCategory.INVENTORY, PermissionCategory.DEVICE_CONTROL, PermissionCategory.IDENTITY);

    public static List<GlobalRole> catalogue() {
        return List.of(
                new GlobalRole("admins", "Administrative permissions are enabled. The initial administrator, the first user "
                        + "created in a tenant, has this role.", all(Arrays.asList(PermissionCategory.values())), List.of(AdminRoles.REALM_ADMIN)),
                new GlobalRole("devices", "Typical permission setup for devices. After registration, a device automatically has this role.",
                        names(Stream.of(
                                level(PermissionCategory.INVENTORY, READ), level(PermissionCategory.INVENTORY, CREATE),
                                level(PermissionCategory.ALARMS, ADMIN), level(PermissionCategory.EVENTS, ADMIN),
                                level(PermissionCategory.MEASUREMENTS, ADMIN), level(PermissionCategory.DEVICE_CONTROL, READ),
                                level(PermissionCategory.DEVICE_CONTROL, ADMIN), level(PermissionCategory.IDENTITY, READ),
                                level(PermissionCategory.IDENTITY, ADMIN), level(PermissionCategory.AUDITS, ADMIN))), List.of()),
                new GlobalRole("business", "Can access all devices and their data but has no management permission in the tenant.",
                        concat(all(DEVICE_DATA), all(List.of(PermissionCategory.BULK_OPERATIONS)), List.of(level(PermissionCategory.AUDITS, READ))),
                        List.of()),
                new GlobalRole("readers", "Can read all data (including users, in contrast to \"Global Reader\").",
                        reads(Arrays.asList(PermissionCategory.values())), List.of()),
                new GlobalRole("CEP Manager", "Can access all smart rules and event processing rules.",
                        all(List.of(PermissionCategory.CEP_MANAGEMENT, PermissionCategory.GLOBAL_SMART_RULES)), List.of()),
                new GlobalRole("Cockpit User", "Can access the Cockpit application. In addition, you should add a role providing "
                        + "access to devices.", List.of(), List.of()),
                new GlobalRole("Devicemanagement User", "Can access the Device management application. The user will be able to use "
                        + "the simulator and to run bulk operations. In addition, you should add a role providing access to devices.",
                        all(List.of(PermissionCategory.SIMULATOR, PermissionCategory.BULK_OPERATIONS)), List.of()),
                new GlobalRole("Global Manager", "Can read and write all data from all devices.", all(DEVICE_DATA), List.of()),
                new GlobalRole("Global Reader", "Can read all data from all devices.", reads(DEVICE_DATA), List.of()),
                new GlobalRole("Global User Manager", "Can manage all users.", all(List.of(PermissionCategory.USER_MANAGEMENT)), List.of()),
                new GlobalRole("Shared User Manager", "Can manage sub-users. The subscription plan needs to include user hierarchies "
                        + "to be able to manage sub-users.", List.of(level(PermissionCategory.USER_MANAGEMENT, READ),
                        level(PermissionCategory.USER_MANAGEMENT, CREATE), level(PermissionCategory.OWN_USER_MANAGEMENT, ADMIN)), List.of()),
                new GlobalRole("Tenant Manager", "Can manage tenant-wide settings, such as own applications, data brokerage, data "
                        + "retention, options and tenant statistics.", all(List.of(PermissionCategory.APPLICATION_MANAGEMENT,
                        PermissionCategory.DATA_BROKER, PermissionCategory.RETENTION_RULES, PermissionCategory.OPTION_MANAGEMENT,
                        PermissionCategory.TENANT_STATISTICS)), List.of()));
    }

    private static String level(PermissionCategory category, PermissionCategory.Level level) {
        return category.roleName(level);
    }

    private static List<String> all(List<PermissionCategory> categories) {
        return categories.stream().flatMap(c -> c.allRoleNames().stream()).toList();
    }

    private static List<String> reads(List<PermissionCategory> categories) {
        return categories.stream().map(c -> c.roleName(READ)).toList();
    }

    private static List<String> names(Stream<String> names) {
        return names.toList();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}

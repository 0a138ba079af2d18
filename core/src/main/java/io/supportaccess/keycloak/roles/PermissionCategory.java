package io.supportaccess.keycloak.roles;

import static io.supportaccess.keycloak.roles.PermissionCategory.Level.ADMIN;
import static io.supportaccess.keycloak.roles.PermissionCategory.Level.CREATE;
import static io.supportaccess.keycloak.roles.PermissionCategory.Level.READ;
import static io.supportaccess.keycloak.roles.PermissionCategory.Level.UPDATE;

import java.util.List;
import java.util.Map;
import org.keycloak.models.AdminRoles;

/**
 * The product's permission categories (seed "Permission categories"): one realm role per category and
 * level, {@code ROLE_<STEM>_<LEVEL>}. Where a permission means something Keycloak controls, its role
 * includes the realm-management roles that do it.
 */
public enum PermissionCategory {

    ALARMS("ALARM", "Alarms", "View or edit alarms."),
    APPLICATION_MANAGEMENT("APPLICATION_MANAGEMENT", "Application management", "View or edit the applications available in this account.",
            List.of(READ, ADMIN), Map.of(READ, List.of(AdminRoles.VIEW_CLIENTS), ADMIN, List.of(AdminRoles.VIEW_CLIENTS, AdminRoles.MANAGE_CLIENTS))),
    AUDITS("AUDIT", "Audits", "View or create audit logs.",
            List.of(READ, ADMIN), Map.of(READ, List.of(AdminRoles.VIEW_EVENTS), ADMIN, List.of(AdminRoles.VIEW_EVENTS, AdminRoles.MANAGE_EVENTS))),
    BULK_OPERATIONS("BULK_OPERATION", "Bulk operations", "View or create bulk operations."),
    CEP_MANAGEMENT("CEP_MANAGEMENT", "CEP management", "View or edit CEP rules."),
    DATA_BROKER("DATA_BROKER", "Data broker", "Send data to other tenants or receive data from other tenants."),
    DEVICE_CONTROL("DEVICE_CONTROL", "Device control",
            "View or edit commands for devices resp. send commands to devices. Also used for device registration."),
    EVENTS("EVENT", "Events", "View or create events."),
    GLOBAL_SMART_RULES("SMARTRULE", "Global smart rules", "Configure global smart rules."),
    IDENTITY("IDENTITY", "Identity", "View or edit identifiers for devices."),
    INVENTORY("INVENTORY", "Inventory", "View or edit inventory data.", List.of(READ, CREATE, ADMIN), Map.of()),
    MEASUREMENTS("MEASUREMENT", "Measurements", "View or create measurements."),
    OPTION_MANAGEMENT("OPTION_MANAGEMENT", "Option management", "View or edit account options such as password policies.",
            List.of(READ, ADMIN), Map.of(READ, List.of(AdminRoles.VIEW_REALM), ADMIN, List.of(AdminRoles.VIEW_REALM, AdminRoles.MANAGE_REALM))),
    RETENTION_RULES("RETENTION_RULE", "Retention rules", "View or edit retention rules."),
    SCHEDULE_REPORTS("SCHEDULE_REPORT", "Schedule reports", "Manage the schedule of report exporting."),
    SIMULATOR("SIMULATOR", "Simulator", "Configure simulated devices."),
    SMS("SMS", "SMS", "Configure SMS."),
    SUPPORT_APPROVAL("SUPPORT_APPROVAL", "Support approval",
            "See (READ) or approve and deny (ADMIN) support users' requests for access to this tenant."),
    TENANT_MANAGEMENT("TENANT_MANAGEMENT", "Tenant management", "View, create, edit or delete subtenants.",
            List.of(READ, CREATE, UPDATE, ADMIN), Map.of()),
    TENANT_STATISTICS("TENANT_STATISTICS", "Tenant statistics",
            "View the usage data for this account, as shown on the Home screen of the Administration application.", List.of(READ), Map.of()),
    USER_MANAGEMENT("USER_MANAGEMENT", "User management", "View or edit users, global roles and permissions.",
            // CREATE (manage the users one created) has no Keycloak counterpart: view-users would show every user
            List.of(READ, CREATE, ADMIN), Map.of(
                    READ, List.of(AdminRoles.VIEW_USERS),
                    ADMIN, List.of(AdminRoles.VIEW_USERS, AdminRoles.MANAGE_USERS))),
    OWN_USER_MANAGEMENT("USER_MANAGEMENT_OWN", "Own user management",
            "View or edit your own user. Note that this permission may only be applicable to technical users.");

    /** The seed's permission levels; CREATE and UPDATE only where the seeds have them. */
    public enum Level { READ, CREATE, UPDATE, ADMIN }

    private final String stem;
    private final String label;
    private final String description;
    private final List<Level> levels;
    private final Map<Level, List<String>> keycloakRoles;

    PermissionCategory(String stem, String label, String description) {
        this(stem, label, description, List.of(READ, ADMIN), Map.of());
    }

    PermissionCategory(String stem, String label, String description, List<Level> levels, Map<Level, List<String>> keycloakRoles) {
        this.stem = stem;
        this.label = label;
        this.description = description;
        this.levels = levels;
        this.keycloakRoles = keycloakRoles;
    }

    public List<Level> levels() {
        return levels;
    }

    public String roleName(Level level) {
        if (!levels.contains(level)) {
            throw new IllegalArgumentException(label + " has no level " + level);
        }
        return "ROLE_" + stem + "_" + level.name();
    }

    public String roleDescription(Level level) {
        return label + " permission, level " + level.name() + ": " + description;
    }

    /** The realm-management client roles the permission at {@code level} includes. */
    public List<String> keycloakRoles(Level level) {
        return keycloakRoles.getOrDefault(level, List.of());
    }

    /** Every level of the category, e.g. for a role that may do everything in it. */
    public List<String> allRoleNames() {
        return levels.stream().map(this::roleName).toList();
    }
}

package io.supportaccess.keycloak.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionCatalogueTest {

    private static final Set<String> PERMISSION_ROLES = new HashSet<>(Arrays.stream(PermissionCategory.values())
            .flatMap(c -> c.allRoleNames().stream()).toList());

    @Test
    void everyCategoryHasReadAndRoleNamesAreUnique() {
        List<String> names = Arrays.stream(PermissionCategory.values()).flatMap(c -> c.allRoleNames().stream()).toList();
        assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.matches("ROLE_[A-Z_]+_(READ|CREATE|UPDATE|ADMIN)"));
        assertThat(PermissionCategory.values()).allMatch(c -> c.levels().contains(PermissionCategory.Level.READ));
        assertThat(PermissionCategory.values()).hasSize(22);
    }

    @Test
    void theNamesTheRestOfTheProductChecksAreInTheCatalogue() {
        assertThat(PERMISSION_ROLES).contains("ROLE_AUDIT_READ", "ROLE_USER_MANAGEMENT_READ", "ROLE_USER_MANAGEMENT_CREATE",
                "ROLE_USER_MANAGEMENT_ADMIN", "ROLE_TENANT_MANAGEMENT_READ", "ROLE_TENANT_MANAGEMENT_CREATE",
                "ROLE_TENANT_MANAGEMENT_UPDATE", "ROLE_TENANT_MANAGEMENT_ADMIN", "ROLE_INVENTORY_READ", "ROLE_INVENTORY_ADMIN",
                "ROLE_DEVICE_CONTROL_ADMIN", "ROLE_ALARM_READ", "ROLE_EVENT_READ", "ROLE_MEASUREMENT_READ");
    }

    @Test
    void aLevelACategoryDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> PermissionCategory.ALARMS.roleName(PermissionCategory.Level.UPDATE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void globalRolesAreBuiltOfCataloguePermissionsOnly() {
        List<GlobalRole> roles = GlobalRole.catalogue();
        assertThat(roles).extracting(GlobalRole::name).containsExactly("admins", "devices", "business", "readers", "CEP Manager",
                "Cockpit User", "Devicemanagement User", "Global Manager", "Global Reader", "Global User Manager",
                "Shared User Manager", "Tenant Manager");
        assertThat(roles).allSatisfy(r -> assertThat(PERMISSION_ROLES).containsAll(r.permissionRoles()));
        assertThat(roles).allSatisfy(r -> assertThat(r.description()).isNotBlank());
    }

    @Test
    void adminsHoldEveryPermissionAndReadersEveryReadAndNothingElse() {
        GlobalRole admins = role("admins");
        assertThat(admins.permissionRoles()).containsExactlyInAnyOrderElementsOf(PERMISSION_ROLES);
        assertThat(admins.keycloakRoles()).containsExactly("realm-admin");
        assertThat(role("readers").permissionRoles()).allMatch(n -> n.endsWith("_READ")).hasSize(PermissionCategory.values().length);
        assertThat(role("Global Reader").permissionRoles()).allMatch(n -> n.endsWith("_READ")).doesNotContain("ROLE_USER_MANAGEMENT_READ");
        assertThat(role("Global User Manager").permissionRoles()).contains("ROLE_USER_MANAGEMENT_ADMIN");
        assertThat(role("Cockpit User").permissionRoles()).isEmpty();
    }

    @Test
    void permissionsKeycloakControlsIncludeItsRoles() {
        assertThat(PermissionCategory.USER_MANAGEMENT.keycloakRoles(PermissionCategory.Level.ADMIN)).contains("manage-users", "view-users");
        assertThat(PermissionCategory.USER_MANAGEMENT.keycloakRoles(PermissionCategory.Level.READ)).containsExactly("view-users");
        assertThat(PermissionCategory.USER_MANAGEMENT.keycloakRoles(PermissionCategory.Level.CREATE)).isEmpty();
        assertThat(PermissionCategory.AUDITS.keycloakRoles(PermissionCategory.Level.READ)).containsExactly("view-events");
        assertThat(PermissionCategory.OPTION_MANAGEMENT.keycloakRoles(PermissionCategory.Level.ADMIN)).contains("manage-realm");
        assertThat(PermissionCategory.ALARMS.keycloakRoles(PermissionCategory.Level.ADMIN)).isEmpty();
    }

    private static GlobalRole role(String name) {
        return GlobalRole.catalogue().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}

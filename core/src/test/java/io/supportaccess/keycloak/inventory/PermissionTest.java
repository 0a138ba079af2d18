package io.supportaccess.keycloak.inventory;

import static io.supportaccess.keycloak.inventory.Permission.Level.ADMIN;
import static io.supportaccess.keycloak.inventory.Permission.Level.ALL;
import static io.supportaccess.keycloak.inventory.Permission.Level.READ;
import static io.supportaccess.keycloak.inventory.Permission.Scope.ALARMS;
import static io.supportaccess.keycloak.inventory.Permission.Scope.DEVICE_CONTROL;
import static io.supportaccess.keycloak.inventory.Permission.Scope.FULL_ACCESS;
import static io.supportaccess.keycloak.inventory.Permission.Scope.SUPPORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PermissionTest {

    @Test
    void allCoversReadAndAdminButNotTheOtherWayRound() {
        assertThat(new Permission(ALARMS, "*", ALL).covers(new Permission(ALARMS, "*", READ))).isTrue();
        assertThat(new Permission(ALARMS, "*", ALL).covers(new Permission(ALARMS, "*", ADMIN))).isTrue();
        assertThat(new Permission(ALARMS, "*", READ).covers(new Permission(ALARMS, "*", ALL))).isFalse();
        assertThat(new Permission(ALARMS, "*", READ).covers(new Permission(ALARMS, "*", ADMIN))).isFalse();
    }

    @Test
    void anyTypeCoversEveryTypeAndATypeOnlyItself() {
        assertThat(new Permission(DEVICE_CONTROL, "*", ADMIN).covers(new Permission(DEVICE_CONTROL, "c8y_Restart", ADMIN))).isTrue();
        assertThat(new Permission(DEVICE_CONTROL, "c8y_Restart", ADMIN).covers(new Permission(DEVICE_CONTROL, "c8y_Firmware", ADMIN))).isFalse();
        assertThat(new Permission(DEVICE_CONTROL, "c8y_Restart", ADMIN).covers(new Permission(DEVICE_CONTROL, "*", ADMIN))).isFalse();
    }

    @Test
    void fullAccessCoversEveryScopeIncludingSupport() {
        assertThat(new Permission(FULL_ACCESS, "*", ALL).covers(new Permission(SUPPORT, "*", ALL))).isTrue();
        assertThat(new Permission(FULL_ACCESS, "*", READ).covers(new Permission(SUPPORT, "*", ALL))).isFalse();
        assertThat(new Permission(ALARMS, "*", ALL).covers(new Permission(SUPPORT, "*", ALL))).isFalse();
    }

    @Test
    void shadowedPermissionsAreTheSeedsExclamationMark() {
        Permission all = new Permission(ALARMS, "*", ALL);
        Permission narrow = new Permission(ALARMS, "c8y_Temperature", READ);
        Permission other = new Permission(DEVICE_CONTROL, "c8y_Restart", ADMIN);
        List<Permission> role = List.of(all, narrow, other);
        assertThat(narrow.isShadowedBy(role)).isTrue();
        assertThat(all.isShadowedBy(role)).isFalse();
        assertThat(other.isShadowedBy(role)).isFalse();
    }

    @Test
    void parsingGivesClearErrors() {
        assertThat(Permission.parse("device control", null, "admin")).isEqualTo(new Permission(DEVICE_CONTROL, "*", ADMIN));
        assertThatThrownBy(() -> Permission.parse("NOPE", "*", "READ")).hasMessageContaining("not a permission");
        assertThatThrownBy(() -> Permission.parse("ALARMS", "*", "WRITE")).hasMessageContaining("levels: READ, ADMIN, ALL");
    }

    @Test
    void readAndAdminHeldApartTogetherGrantAll() {
        Permission wanted = new Permission(SUPPORT, "*", ALL);
        Permission read = new Permission(SUPPORT, "*", READ);
        Permission admin = new Permission(SUPPORT, "*", ADMIN);
        assertThat(wanted.isGrantedBy(List.of(read, admin))).isTrue();
        assertThat(wanted.isGrantedBy(List.of(new Permission(SUPPORT, "*", ALL)))).isTrue();
        assertThat(wanted.isGrantedBy(List.of(new Permission(FULL_ACCESS, "*", READ), admin))).isTrue();
        assertThat(wanted.isGrantedBy(List.of(read))).isFalse();
        assertThat(wanted.isGrantedBy(List.of(admin))).isFalse();
        assertThat(wanted.isGrantedBy(List.of())).isFalse();
        assertThat(wanted.isGrantedBy(List.of(read, new Permission(ALARMS, "*", ADMIN)))).as("other scope").isFalse();
        assertThat(wanted.isGrantedBy(List.of(read, new Permission(SUPPORT, "c8y_Other", ADMIN)))).as("narrower type").isFalse();
        assertThat(read.isGrantedBy(List.of(read))).isTrue();
        assertThat(admin.isGrantedBy(List.of(read))).isFalse();
    }
}

package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import io.supportaccess.keycloak.it.support.TenantWithSupport;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The platform settings endpoint: who may read and change it, and what bad input gets. */
class PlatformSettingsIT {

    static final SupportAccessClient ADMIN = SupportAccessClient.admin();

    @AfterEach
    void reset() {
        Platform.setSupportActivated(true);
    }

    @Test
    void aNewInstallationOpensSupportAndBoundsSupportSessions() {
        var fresh = Platform.initialSettings();
        assertThat(fresh.get("supportAccessActivated").asBoolean()).as("enabled by default on a new installation").isTrue();
        assertThat(fresh.get("excludedTenants").size()).isZero();
        assertThat(fresh.get("supportSessionIdleMinutes").asInt()).isEqualTo(30);
        assertThat(fresh.get("supportSessionMaxHours").asInt()).isEqualTo(8);
        assertThat(fresh.get("supportOfflineAccessAllowed").asBoolean()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{\"supportSessionIdleMinutes\":0}",
        "{\"supportSessionIdleMinutes\":1441}",
        "{\"supportSessionMaxHours\":169}",
        "{\"supportSessionMaxHours\":\"8\"}",
        "{\"supportOfflineAccessAllowed\":\"yes\"}",
        "{\"excludedTenants\":\"acme\"}",
        "{\"excludedTenants\":[\"bad,id\"]}",
        "{\"excludedTenants\":[\"acme\"],\"supportSessionMaxHours\":0}"})
    void aBadSessionLimitOrExclusionIsRefusedAndChangesNothing(String body) {
        Http.Reply reply = ADMIN.putSettingsReply(body);
        assertThat(reply.status()).as(body + " -> " + reply.body()).isEqualTo(400);
        assertThat(reply.json().get("error_description").asText()).as(body).isNotEmpty();
        var unchanged = ADMIN.settings();
        assertThat(unchanged.get("excludedTenants").size()).as("a refused update changes nothing").isZero();
        assertThat(unchanged.get("supportSessionMaxHours").asInt()).isEqualTo(8);
    }

    @Test
    void validSessionLimitsAreTaken() {
        var changed = ADMIN.putSettings("{\"supportSessionIdleMinutes\":45,\"supportSessionMaxHours\":4}");
        assertThat(changed.get("supportSessionIdleMinutes").asInt()).isEqualTo(45);
        assertThat(changed.get("supportSessionMaxHours").asInt()).isEqualTo(4);
        ADMIN.putSettings("{\"supportSessionIdleMinutes\":30,\"supportSessionMaxHours\":8}");
    }

    @Test
    void readAndChangeAsMasterAdministrator() {
        Http.Reply put = Http.put(Platform.settingsUrl(), Platform.adminToken(), "application/json",
                "{\"supportAccessActivated\":[\"globex\",\"acme\"]}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("supportAccessActivated").toString()).isEqualTo("[\"acme\",\"globex\"]");
        Http.Reply get = Http.get(Platform.settingsUrl(), Platform.adminToken());
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.json().get("supportAccessActivated").toString()).isEqualTo("[\"acme\",\"globex\"]");
        assertThat(get.json().get("supportUserOtpRequired").asBoolean()).isFalse();

        assertThat(Http.put(Platform.settingsUrl(), Platform.adminToken(), "application/json", "{\"supportAccessActivated\":false}")
                .json().get("supportAccessActivated").asBoolean()).isFalse();
        assertThat(Http.put(Platform.settingsUrl(), Platform.adminToken(), "application/json", "{\"supportAccessActivated\":[]}")
                .json().get("supportAccessActivated").asBoolean()).isFalse();
    }

    @Test
    void managementRealmAdministratorMayChangeItAndOrdinaryUsersMayNot() {
        String admin = Platform.unique("mgmt-admin");
        String adminId = Platform.createUser(Platform.MANAGEMENT, admin, "admin-pw");
        var realmManagement = Platform.realm(Platform.MANAGEMENT).clients().findByClientId("realm-management").get(0);
        var role = Platform.realm(Platform.MANAGEMENT).clients().get(realmManagement.getId()).roles().get("realm-admin").toRepresentation();
        Platform.realm(Platform.MANAGEMENT).users().get(adminId).roles().clientLevel(realmManagement.getId()).add(List.of(role));
        String adminToken = Platform.managementToken(admin, "admin-pw");
        assertThat(Http.put(Platform.settingsUrl(), adminToken, "application/json", "{\"supportAccessActivated\":true}").status()).isEqualTo(200);

        String staff = Platform.unique("staff");
        Platform.createSupportUser(staff, "staff-pw", "Support");
        String staffToken = Platform.managementToken(staff, "staff-pw");
        assertThat(Http.get(Platform.settingsUrl(), staffToken).status()).isEqualTo(403);
        Http.Reply forbidden = Http.put(Platform.settingsUrl(), staffToken, "application/json", "{\"supportAccessActivated\":false}");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(Http.get(Platform.settingsUrl(), Platform.adminToken()).json().get("supportAccessActivated").asBoolean()).isTrue();
    }

    @Test
    void tenantAdministratorIsRefused() {
        String tenant = Platform.createTenant("settings");
        String adminId = Platform.createUser(tenant, "tenant-admin", "pw");
        var realmManagement = Platform.realm(tenant).clients().findByClientId("realm-management").get(0);
        var role = Platform.realm(tenant).clients().get(realmManagement.getId()).roles().get("realm-admin").toRepresentation();
        Platform.realm(tenant).users().get(adminId).roles().clientLevel(realmManagement.getId()).add(List.of(role));
        String token = Platform.passwordGrant(tenant, "tenant-admin", "pw").json().get("access_token").asText();
        assertThat(Http.put(Platform.settingsUrl(), token, "application/json", "{\"supportAccessActivated\":false}").status()).isIn(401, 403);
        // and the tenant's own admin API has no platform settings
        Http.Reply ownRealm = Http.get(Platform.url() + "/admin/realms/" + tenant + "/support-access/settings", token);
        assertThat(ownRealm.status()).isEqualTo(404);
    }

    @Test
    void unauthenticatedCallsAreRefused() {
        assertThat(Http.get(Platform.settingsUrl(), null).status()).isEqualTo(401);
        assertThat(Http.put(Platform.settingsUrl(), null, "application/json", "{\"supportAccessActivated\":false}").status()).isEqualTo(401);
        assertThat(Http.put(Platform.settingsUrl(), "not-a-token", "application/json", "{}").status()).isEqualTo(401);
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("", 400),
                Arguments.of("{", 400),
                Arguments.of("not json", 400),
                Arguments.of("[]", 400),
                Arguments.of("null", 400),
                Arguments.of("{\"supportAccessActivated\":\"yes\"}", 400),
                Arguments.of("{\"supportAccessActivated\":1}", 400),
                Arguments.of("{\"supportAccessActivated\":[1,2]}", 400),
                Arguments.of("{\"supportAccessActivated\":[\"bad,id\"]}", 400),
                Arguments.of("{\"supportAccessActivated\":[\"\"]}", 400),
                Arguments.of("{\"supportAccessActivated\":[null]}", 400),
                Arguments.of("{\"supportUserOtpRequired\":\"true\"}", 400),
                Arguments.of("{\"unknown\":true}", 400),
                Arguments.of(Named.of("a tenant list over 256 KiB", "{\"supportAccessActivated\":[\"" + "a".repeat(1_000_000) + "\"]}"), 413));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @MethodSource("badSettings")
    void badInputGetsAClearErrorAndChangesNothing(String body, int status) {
        Platform.setSupportActivated(List.of("acme"));
        Http.Reply reply = ADMIN.putSettingsReply(body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().get("error_description").asText()).isNotBlank();
        assertThat(ADMIN.settings().get("supportAccessActivated").toString()).isEqualTo("[\"acme\"]");
    }

    @Test
    void changesApplyToTheNextLoginAtOnce() {
        TenantWithSupport scene = TenantWithSupport.create("runtime");
        Platform.setSupportActivated(false);
        assertThat(scene.supportGrant().status()).isEqualTo(400);
        Platform.setSupportActivated(List.of(scene.tenant()));
        assertThat(scene.supportGrant().status()).isEqualTo(200);
    }
}

package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The platform settings endpoint: who may read and change it, and what bad input gets. */
class PlatformSettingsIT {

    @AfterEach
    void reset() {
        Platform.setSupportActivated(true);
    }

    @Test
    void aNewInstallationOpensSupportAndBoundsSupportSessions() {
        var fresh = Platform.initialSettings();
        assertThat(fresh.get("supportAccessActivated").asBoolean()).as("seed 004: enabled by default").isTrue();
        assertThat(fresh.get("excludedTenants").size()).isZero();
        assertThat(fresh.get("supportSessionIdleMinutes").asInt()).isEqualTo(30);
        assertThat(fresh.get("supportSessionMaxHours").asInt()).isEqualTo(8);
        assertThat(fresh.get("supportOfflineAccessAllowed").asBoolean()).isFalse();
    }

    @Test
    void sessionLimitsAndExclusionsAreValidated() {
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"supportSessionIdleMinutes\":0}", 400);
        cases.put("{\"supportSessionIdleMinutes\":1441}", 400);
        cases.put("{\"supportSessionMaxHours\":169}", 400);
        cases.put("{\"supportSessionMaxHours\":\"8\"}", 400);
        cases.put("{\"supportOfflineAccessAllowed\":\"yes\"}", 400);
        cases.put("{\"excludedTenants\":\"acme\"}", 400);
        cases.put("{\"excludedTenants\":[\"bad,id\"]}", 400);
        cases.put("{\"excludedTenants\":[\"acme\"],\"supportSessionMaxHours\":0}", 400);
        cases.forEach((body, status) -> {
            Http.Reply reply = Http.put(Platform.settingsUrl(), Platform.adminToken(), "application/json", body);
            assertThat(reply.status()).as(body + " -> " + reply.body()).isEqualTo(status);
            assertThat(reply.json().get("error_description").asText()).as(body).isNotEmpty();
        });
        var unchanged = Http.get(Platform.settingsUrl(), Platform.adminToken()).json();
        assertThat(unchanged.get("excludedTenants").size()).as("a refused update changes nothing").isZero();
        assertThat(unchanged.get("supportSessionMaxHours").asInt()).isEqualTo(8);

        var changed = Http.put(Platform.settingsUrl(), Platform.adminToken(), "application/json",
                "{\"supportSessionIdleMinutes\":45,\"supportSessionMaxHours\":4}").json();
        assertThat(changed.get("supportSessionIdleMinutes").asInt()).isEqualTo(45);
        assertThat(changed.get("supportSessionMaxHours").asInt()).isEqualTo(4);
        Http.put(Platform.settingsUrl(), Platform.adminToken(), "application/json",
                "{\"supportSessionIdleMinutes\":30,\"supportSessionMaxHours\":8}");
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
        String adminToken = managementToken(admin, "admin-pw");
        assertThat(Http.put(Platform.settingsUrl(), adminToken, "application/json", "{\"supportAccessActivated\":true}").status()).isEqualTo(200);

        String staff = Platform.unique("staff");
        Platform.createSupportUser(staff, "staff-pw", "Support");
        String staffToken = managementToken(staff, "staff-pw");
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

    @Test
    void badInputGetsAClearErrorAndChangesNothing() {
        Platform.setSupportActivated(List.of("acme"));
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put("", 400);
        cases.put("{", 400);
        cases.put("not json", 400);
        cases.put("[]", 400);
        cases.put("null", 400);
        cases.put("{\"supportAccessActivated\":\"yes\"}", 400);
        cases.put("{\"supportAccessActivated\":1}", 400);
        cases.put("{\"supportAccessActivated\":[1,2]}", 400);
        cases.put("{\"supportAccessActivated\":[\"bad,id\"]}", 400);
        cases.put("{\"supportAccessActivated\":[\"\"]}", 400);
        cases.put("{\"supportAccessActivated\":[null]}", 400);
        cases.put("{\"supportUserOtpRequired\":\"true\"}", 400);
        cases.put("{\"unknown\":true}", 400);
        cases.put("{\"supportAccessActivated\":[\"" + "a".repeat(1_000_000) + "\"]}", 413);
        for (var entry : cases.entrySet()) {
            Http.Reply reply = Http.put(Platform.settingsUrl(), Platform.adminToken(), "application/json", entry.getKey());
            String label = entry.getKey().length() > 50 ? entry.getKey().substring(0, 50) : entry.getKey();
            assertThat(reply.status()).as(label).isEqualTo(entry.getValue());
            assertThat(reply.json().get("error_description").asText()).as(label).isNotBlank();
        }
        assertThat(Http.get(Platform.settingsUrl(), Platform.adminToken()).json().get("supportAccessActivated").toString()).isEqualTo("[\"acme\"]");
    }

    @Test
    void changesApplyToTheNextLoginAtOnce() {
        String tenant = Platform.createTenant("runtime");
        Platform.createUser(tenant, "john", "john-secret");
        String jill = Platform.unique("jillrt");
        Platform.createSupportUser(jill, "jill-secret", "Support");
        Platform.setSupportActivated(false);
        assertThat(Platform.passwordGrant(tenant, jill + "$john", "jill-secret").status()).isEqualTo(400);
        Platform.setSupportActivated(List.of(tenant));
        assertThat(Platform.passwordGrant(tenant, jill + "$john", "jill-secret").status()).isEqualTo(200);
    }

    static String managementToken(String username, String password) {
        Http.Reply reply = Http.postForm(Platform.tokenUrl(Platform.MANAGEMENT),
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", username, "password", password));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("access_token").asText();
    }
}

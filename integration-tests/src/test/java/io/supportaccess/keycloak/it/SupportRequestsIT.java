package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Browser;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tenant users open their tenant to support for a limited time; closing it ends live support sessions. */
class SupportRequestsIT {

    static final long HOUR = 3_600_000L;

    String tenant;
    String jill;

    @BeforeEach
    void closedPlatform() {
        Platform.setSupportActivated(false);
        setValidityLimit(24);
        tenant = Platform.createTenant("req");
        Platform.createUser(tenant, "alice", "alice-pw");
        Platform.createUser(tenant, "bob", "bob-pw");
        jill = Platform.unique("jillreq");
        Platform.createSupportUser(jill, "jill-secret", "Support");
    }

    @AfterEach
    void restore() {
        setClock(0);
        setValidityLimit(24);
        Platform.setSupportActivated(true);
    }

    @Test
    void enablingOpensTheWholeTenantAndEachRequestProlongsFromTheCurrentExpiry() {
        String alice = token(tenant, "alice", "alice-pw");
        JsonNode closed = Http.get(statusUrl(tenant), alice).json();
        assertThat(closed.get("open").asBoolean()).isFalse();
        assertThat(closed.get("canEnable").asBoolean()).isTrue();
        assertThat(Platform.passwordGrant(tenant, jill + "$bob", "jill-secret").json().get("error_description").asText())
                .isEqualTo("Tenant is not open to support access");

        long before = System.currentTimeMillis();
        Http.Reply first = post(requestsUrl(tenant), alice);
        assertThat(first.status()).isEqualTo(201);
        long firstExpiry = Instant.parse(first.json().get("expiresAt").asText()).toEpochMilli();
        assertThat((double) firstExpiry).isCloseTo(before + 24 * HOUR, within(30_000.0));
        assertThat(first.json().get("activeRequests").asInt()).isEqualTo(1);

        // the access is not limited to alice: bob can be supported too
        assertThat(Platform.passwordGrant(tenant, jill + "$bob", "jill-secret").status()).isEqualTo(200);

        Http.Reply second = post(requestsUrl(tenant), token(tenant, "bob", "bob-pw"));
        long secondExpiry = Instant.parse(second.json().get("expiresAt").asText()).toEpochMilli();
        assertThat(secondExpiry).isEqualTo(firstExpiry + 24 * HOUR);
        assertThat(second.json().get("activeRequests").asInt()).isEqualTo(2);
        assertThat(second.json().get("ownActiveRequests").asInt()).isEqualTo(1);

        setValidityLimit(2);
        Http.Reply third = post(requestsUrl(tenant), alice);
        assertThat(Instant.parse(third.json().get("expiresAt").asText()).toEpochMilli()).isEqualTo(secondExpiry + 2 * HOUR);

        List<String> types = events(tenant).stream().map(e -> e.get("type").asText()).toList();
        assertThat(types).containsExactly("PROLONGED", "PROLONGED", "ENABLED");
        assertThat(events(tenant).get(2).get("who").asText()).isEqualTo("alice");
    }

    @Test
    void twoUsersEnablingAtTheSameMomentAreBothCounted() throws Exception {
        String alice = token(tenant, "alice", "alice-pw");
        String bob = token(tenant, "bob", "bob-pw");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long before = System.currentTimeMillis();
        Future<Http.Reply> a = pool.submit(() -> { start.await(); return post(requestsUrl(tenant), alice); });
        Future<Http.Reply> b = pool.submit(() -> { start.await(); return post(requestsUrl(tenant), bob); });
        start.countDown();
        assertThat(a.get().status()).as(a.get().body()).isEqualTo(201);
        assertThat(b.get().status()).as(b.get().body()).isEqualTo(201);
        pool.shutdown();

        JsonNode status = Http.get(statusUrl(tenant), alice).json();
        assertThat(status.get("activeRequests").asInt()).isEqualTo(2);
        long expiry = Instant.parse(status.get("expiresAt").asText()).toEpochMilli();
        assertThat((double) expiry).isCloseTo(before + 48 * HOUR, within(30_000.0));
    }

    @Test
    void ownDisableLeavesOthersRequestsAndAdministratorDisablesAll() {
        Platform.createUser(tenant, "admin", "admin-pw");
        grantRealmManagementRole(tenant, "admin", "manage-users");
        String alice = token(tenant, "alice", "alice-pw");
        post(requestsUrl(tenant), alice);
        post(requestsUrl(tenant), token(tenant, "bob", "bob-pw"));

        Http.Reply own = delete(requestsUrl(tenant), alice);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("disabledRequests").asInt()).isEqualTo(1);
        assertThat(own.json().get("open").asBoolean()).isTrue();
        assertThat(own.json().get("activeRequests").asInt()).isEqualTo(1);
        assertThat(Platform.passwordGrant(tenant, jill + "$alice", "jill-secret").status()).isEqualTo(200);

        Http.Reply all = delete(requestsUrl(tenant), token(tenant, "admin", "admin-pw"));
        assertThat(all.json().get("disabledRequests").asInt()).isEqualTo(1);
        assertThat(all.json().get("open").asBoolean()).isFalse();
        assertThat(Platform.passwordGrant(tenant, jill + "$alice", "jill-secret").status()).isEqualTo(400);

        List<String> types = events(tenant).stream().map(e -> e.get("type").asText()).toList();
        assertThat(types).contains("DISABLED_BY_USER", "DISABLED_BY_ADMIN");
    }

    @Test
    void closingTheTenantEndsLiveSupportSessionsButNotTheUsersOwn() {
        String alice = token(tenant, "alice", "alice-pw");
        post(requestsUrl(tenant), alice);

        Http.Reply support = Platform.passwordGrant(tenant, jill + "$bob", "jill-secret");
        String supportRefresh = support.json().get("refresh_token").asText();
        assertThat(refresh(tenant, supportRefresh).status()).isEqualTo(200);
        Browser browser = new Browser();
        assertThat(browser.login(tenant, jill + "$bob", "jill-secret").redirectedToClient()).isTrue();
        assertThat(browser.openLogin(tenant).redirectedToClient()).as("SSO cookie works while open").isTrue();
        String bobOwnRefresh = Platform.passwordGrant(tenant, "bob", "bob-pw").json().get("refresh_token").asText();

        Http.Reply closed = delete(requestsUrl(tenant), alice);
        assertThat(closed.json().get("open").asBoolean()).isFalse();
        assertThat(closed.json().get("endedSupportSessions").asInt()).isGreaterThanOrEqualTo(2);

        Http.Reply refused = refresh(tenant, supportRefresh);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asText()).isEqualTo("invalid_grant");
        Browser.Result again = browser.openLogin(tenant);
        assertThat(again.redirectedToClient()).as("SSO cookie no longer works").isFalse();
        assertThat(refresh(tenant, bobOwnRefresh).status()).as("bob's own session lives on").isEqualTo(200);
        assertThat(Platform.passwordGrant(tenant, jill + "$bob", "jill-secret").status()).isEqualTo(400);
    }

    @Test
    void requestsExpireWhenTheirTimeIsUp() throws Exception {
        setValidityLimit(1);
        String alice = token(tenant, "alice", "alice-pw");
        post(requestsUrl(tenant), alice);
        Http.Reply support = Platform.passwordGrant(tenant, jill + "$bob", "jill-secret");
        assertThat(support.status()).isEqualTo(200);

        setClock(3600 + 60);
        // refused at once, whatever the expiry task has done
        assertThat(Platform.passwordGrant(tenant, jill + "$bob", "jill-secret").json().get("error_description").asText())
                .isEqualTo("Tenant is not open to support access");
        JsonNode expired = null;
        for (int i = 0; i < 30 && expired == null; i++) {
            expired = events(tenant, freshAdminToken()).stream().filter(e -> "EXPIRED".equals(e.get("type").asText())).findFirst().orElse(null);
            if (expired == null) {
                Thread.sleep(500);
            }
        }
        assertThat(expired).as("expiry task recorded the expiry").isNotNull();
        assertThat(expired.get("who").asText()).isEqualTo("system");
        JsonNode status = Http.get(statusUrl(tenant), token(tenant, "alice", "alice-pw")).json();
        assertThat(status.get("open").asBoolean()).isFalse();
        assertThat(status.get("activeRequests").asInt()).isZero();
    }

    @Test
    void platformSettingThatOpensTheTenantMakesRequestsPointless() {
        Platform.setSupportActivated(List.of(tenant));
        String alice = token(tenant, "alice", "alice-pw");
        JsonNode status = Http.get(statusUrl(tenant), alice).json();
        assertThat(status.get("openedByPlatform").asBoolean()).isTrue();
        assertThat(status.get("canEnable").asBoolean()).isFalse();
        assertThat(status.get("canDisable").asBoolean()).isFalse();
        Http.Reply enable = post(requestsUrl(tenant), alice);
        assertThat(enable.status()).isEqualTo(409);
        assertThat(enable.json().get("error_description").asText()).contains("activated for this tenant by the platform");
        assertThat(delete(requestsUrl(tenant), alice).status()).isEqualTo(409);
    }

    @Test
    void callersAreAuthenticatedByTheTenantAndSupportSessionsCannotChangeRequests() {
        assertThat(Http.get(statusUrl(tenant), null).status()).isEqualTo(401);
        assertThat(post(requestsUrl(tenant), null).status()).isEqualTo(401);
        assertThat(post(requestsUrl(tenant), "garbage").status()).isEqualTo(401);

        String other = Platform.createTenant("other");
        Platform.createUser(other, "mallory", "mallory-pw");
        String mallory = token(other, "mallory", "mallory-pw");
        assertThat(post(requestsUrl(tenant), mallory).status()).isEqualTo(401);
        assertThat(delete(requestsUrl(tenant), mallory).status()).isEqualTo(401);

        post(requestsUrl(tenant), token(tenant, "alice", "alice-pw"));
        String supportToken = Platform.passwordGrant(tenant, jill + "$alice", "jill-secret").json().get("access_token").asText();
        assertThat(Http.get(statusUrl(tenant), supportToken).status()).isEqualTo(200);
        assertThat(post(requestsUrl(tenant), supportToken).status()).isEqualTo(403);
        assertThat(delete(requestsUrl(tenant), supportToken).status()).isEqualTo(403);

        assertThat(Http.get(Platform.url() + "/realms/no-such-tenant/support-access/status", null).status()).isEqualTo(404);
        assertThat(Http.get(Platform.url() + "/realms/" + Platform.MANAGEMENT + "/support-access/status", null).status()).isEqualTo(404);
        Http.Reply hugeBody = Http.send(HttpRequest.newBuilder(URI.create(requestsUrl(tenant)))
                .header("Authorization", "Bearer " + token(tenant, "alice", "alice-pw"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"x\":\"" + "a".repeat(1_000_000) + "\"")).build());
        assertThat(hugeBody.status()).isLessThan(500);
    }

    @Test
    void managementAdministratorsSeeEveryTenantsSupportState() {
        post(requestsUrl(tenant), token(tenant, "alice", "alice-pw"));
        String url = Platform.url() + "/admin/realms/" + Platform.MANAGEMENT + "/support-access/tenants";
        JsonNode page = Http.get(url + "?max=1000", Platform.adminToken()).json();
        JsonNode mine = null;
        for (JsonNode t : page) {
            if (tenant.equals(t.get("tenant").asText())) {
                mine = t;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("open").asBoolean()).isTrue();
        assertThat(mine.get("platformOpen").asBoolean()).isFalse();
        assertThat(mine.get("activeRequests").asInt()).isEqualTo(1);
        assertThat(mine.get("expiresAt").asText()).isNotBlank();
        for (JsonNode t : page) {
            assertThat(t.get("tenant").asText()).isNotIn("master", Platform.MANAGEMENT);
        }

        assertThat(Http.get(url + "?first=0&max=1", Platform.adminToken()).json().size()).isEqualTo(1);
        assertThat(Http.get(url + "/" + tenant, Platform.adminToken()).json().get("activeRequests").asInt()).isEqualTo(1);
        assertThat(Http.get(url + "/no-such-tenant", Platform.adminToken()).status()).isEqualTo(404);
        assertThat(Http.get(url + "?max=abc", Platform.adminToken()).status()).isEqualTo(400);
        assertThat(Http.get(url + "?max=0", Platform.adminToken()).status()).isEqualTo(400);
        assertThat(Http.get(url + "/" + tenant + "/request-events?max=abc", Platform.adminToken()).status()).isEqualTo(400);
        assertThat(Http.get(url, null).status()).isEqualTo(401);
        String staff = Platform.unique("staff");
        Platform.createSupportUser(staff, "staff-pw", "Support");
        assertThat(Http.get(url, PlatformSettingsIT.managementToken(staff, "staff-pw")).status()).isEqualTo(403);
    }

    // --- helpers

    static String statusUrl(String realm) {
        return Platform.url() + "/realms/" + realm + "/support-access/status";
    }

    static String requestsUrl(String realm) {
        return Platform.url() + "/realms/" + realm + "/support-access/requests";
    }

    static String token(String realm, String username, String password) {
        Http.Reply reply = Platform.passwordGrant(realm, username, password);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("access_token").asText();
    }

    static Http.Reply post(String url, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody());
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return Http.send(builder.build());
    }

    static Http.Reply delete(String url, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).DELETE();
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return Http.send(builder.build());
    }

    static Http.Reply refresh(String realm, String refreshToken) {
        return Http.postForm(Platform.tokenUrl(realm), Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
                "client_id", Platform.CLIENT));
    }

    static List<JsonNode> events(String realm) {
        return events(realm, Platform.adminToken());
    }

    static List<JsonNode> events(String realm, String adminToken) {
        JsonNode list = Http.get(Platform.url() + "/admin/realms/" + Platform.MANAGEMENT + "/support-access/tenants/" + realm
                + "/request-events", adminToken).json();
        List<JsonNode> events = new java.util.ArrayList<>();
        list.forEach(events::add);
        return events;
    }

    /** A master admin token issued under the server's current clock. */
    static String freshAdminToken() {
        return Http.postForm(Platform.url() + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"))
                .json().get("access_token").asText();
    }

    static void setClock(int offsetSeconds) {
        Http.Reply reply = Http.put(Platform.url() + "/admin/realms/master/support-access-testing/clock", freshAdminToken(),
                "application/json", "{\"offsetSeconds\":" + offsetSeconds + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    static void setValidityLimit(int hours) {
        Http.Reply reply = Http.put(Platform.settingsUrl(), freshAdminToken(), "application/json", "{\"validityLimitHours\":" + hours + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    static void grantRealmManagementRole(String realm, String username, String role) {
        var user = Platform.realm(realm).users().searchByUsername(username, true).get(0);
        var client = Platform.realm(realm).clients().findByClientId("realm-management").get(0);
        var rep = Platform.realm(realm).clients().get(client.getId()).roles().get(role).toRepresentation();
        Platform.realm(realm).users().get(user.getId()).roles().clientLevel(client.getId()).add(List.of(rep));
    }
}

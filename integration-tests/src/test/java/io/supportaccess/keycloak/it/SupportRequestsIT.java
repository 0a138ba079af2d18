package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Browser;
import io.supportaccess.keycloak.it.support.Clock;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tenant users open their tenant to support for a limited time; closing it ends live support sessions. */
class SupportRequestsIT {

    static final long HOUR = 3_600_000L;
    static final SupportAccessClient ADMIN = SupportAccessClient.admin();

    String tenant;
    String jill;

    @BeforeEach
    void closedPlatform() {
        Platform.setSupportActivated(false);
        Clock.setValidityLimit(24);
        tenant = Platform.createTenant("req");
        Platform.createUser(tenant, "alice", "alice-pw");
        Platform.createUser(tenant, "bob", "bob-pw");
        jill = Platform.unique("jillreq");
        Platform.createSupportUser(jill, "jill-secret", "Support");
    }

    @AfterEach
    void restore() {
        Clock.set(0);
        Clock.setValidityLimit(24);
        Platform.setSupportActivated(true);
    }

    @Test
    void enablingOpensTheWholeTenantAndEachRequestProlongsFromTheCurrentExpiry() {
        String alice = Platform.token(tenant, "alice", "alice-pw");
        JsonNode closed = SupportAccessClient.ofTenant(tenant, alice).statusReply().json();
        assertThat(closed.get("open").asBoolean()).isFalse();
        assertThat(closed.get("canEnable").asBoolean()).isTrue();
        assertThat(Platform.passwordGrant(tenant, jill + "$bob", "jill-secret").json().get("error_description").asText())
                .isEqualTo("Tenant is not open to support access");

        long before = System.currentTimeMillis();
        Http.Reply first = SupportAccessClient.ofTenant(tenant, alice).enable();
        assertThat(first.status()).isEqualTo(201);
        long firstExpiry = Instant.parse(first.json().get("expiresAt").asText()).toEpochMilli();
        assertThat((double) firstExpiry).isCloseTo(before + 24 * HOUR, within(30_000.0));
        assertThat(first.json().get("activeRequests").asInt()).isEqualTo(1);

        // the access is not limited to alice: bob can be supported too
        assertThat(Platform.passwordGrant(tenant, jill + "$bob", "jill-secret").status()).isEqualTo(200);

        Http.Reply second = SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "bob", "bob-pw")).enable();
        long secondExpiry = Instant.parse(second.json().get("expiresAt").asText()).toEpochMilli();
        assertThat(secondExpiry).isEqualTo(firstExpiry + 24 * HOUR);
        assertThat(second.json().get("activeRequests").asInt()).isEqualTo(2);
        assertThat(second.json().get("ownActiveRequests").asInt()).isEqualTo(1);

        Clock.setValidityLimit(2);
        Http.Reply third = SupportAccessClient.ofTenant(tenant, alice).enable();
        assertThat(Instant.parse(third.json().get("expiresAt").asText()).toEpochMilli()).isEqualTo(secondExpiry + 2 * HOUR);

        List<String> types = ADMIN.requestEvents(tenant).stream().map(e -> e.get("type").asText()).toList();
        assertThat(types).containsExactly("PROLONGED", "PROLONGED", "ENABLED");
        assertThat(ADMIN.requestEvents(tenant).get(2).get("who").asText()).isEqualTo("alice");
    }

    @Test
    void twoUsersEnablingAtTheSameMomentAreBothCounted() throws Exception {
        String alice = Platform.token(tenant, "alice", "alice-pw");
        String bob = Platform.token(tenant, "bob", "bob-pw");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long before = System.currentTimeMillis();
        Future<Http.Reply> a = pool.submit(() -> { start.await(); return SupportAccessClient.ofTenant(tenant, alice).enable(); });
        Future<Http.Reply> b = pool.submit(() -> { start.await(); return SupportAccessClient.ofTenant(tenant, bob).enable(); });
        start.countDown();
        assertThat(a.get().status()).as(a.get().body()).isEqualTo(201);
        assertThat(b.get().status()).as(b.get().body()).isEqualTo(201);
        pool.shutdown();

        JsonNode status = SupportAccessClient.ofTenant(tenant, alice).statusReply().json();
        assertThat(status.get("activeRequests").asInt()).isEqualTo(2);
        long expiry = Instant.parse(status.get("expiresAt").asText()).toEpochMilli();
        assertThat((double) expiry).isCloseTo(before + 48 * HOUR, within(30_000.0));
    }

    @Test
    void ownDisableLeavesOthersRequestsAndAdministratorDisablesAll() {
        Platform.createUser(tenant, "admin", "admin-pw");
        Platform.grantRealmManagementRole(tenant, "admin", "manage-users");
        String alice = Platform.token(tenant, "alice", "alice-pw");
        SupportAccessClient.ofTenant(tenant, alice).enable();
        SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "bob", "bob-pw")).enable();

        Http.Reply own = SupportAccessClient.ofTenant(tenant, alice).disable();
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("disabledRequests").asInt()).isEqualTo(1);
        assertThat(own.json().get("open").asBoolean()).isTrue();
        assertThat(own.json().get("activeRequests").asInt()).isEqualTo(1);
        assertThat(Platform.passwordGrant(tenant, jill + "$alice", "jill-secret").status()).isEqualTo(200);

        Http.Reply all = SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "admin", "admin-pw")).disable();
        assertThat(all.json().get("disabledRequests").asInt()).isEqualTo(1);
        assertThat(all.json().get("open").asBoolean()).isFalse();
        assertThat(Platform.passwordGrant(tenant, jill + "$alice", "jill-secret").status()).isEqualTo(400);

        List<String> types = ADMIN.requestEvents(tenant).stream().map(e -> e.get("type").asText()).toList();
        assertThat(types).contains("DISABLED_BY_USER", "DISABLED_BY_ADMIN");
    }

    @Test
    void closingTheTenantEndsLiveSupportSessionsButNotTheUsersOwn() {
        String alice = Platform.token(tenant, "alice", "alice-pw");
        SupportAccessClient.ofTenant(tenant, alice).enable();

        Http.Reply support = Platform.passwordGrant(tenant, jill + "$bob", "jill-secret");
        String supportRefresh = support.json().get("refresh_token").asText();
        assertThat(Platform.refresh(tenant, supportRefresh).status()).isEqualTo(200);
        Browser browser = new Browser();
        assertThat(browser.login(tenant, jill + "$bob", "jill-secret").redirectedToClient()).isTrue();
        assertThat(browser.openLogin(tenant).redirectedToClient()).as("SSO cookie works while open").isTrue();
        String bobOwnRefresh = Platform.passwordGrant(tenant, "bob", "bob-pw").json().get("refresh_token").asText();

        Http.Reply closed = SupportAccessClient.ofTenant(tenant, alice).disable();
        assertThat(closed.json().get("open").asBoolean()).isFalse();
        assertThat(closed.json().get("endedSupportSessions").asInt()).isGreaterThanOrEqualTo(2);

        Http.Reply refused = Platform.refresh(tenant, supportRefresh);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asText()).isEqualTo("invalid_grant");
        Browser.Result again = browser.openLogin(tenant);
        assertThat(again.redirectedToClient()).as("SSO cookie no longer works").isFalse();
        assertThat(Platform.refresh(tenant, bobOwnRefresh).status()).as("bob's own session lives on").isEqualTo(200);
        assertThat(Platform.passwordGrant(tenant, jill + "$bob", "jill-secret").status()).isEqualTo(400);
    }

    @Test
    void requestsExpireWhenTheirTimeIsUp() throws Exception {
        Clock.setValidityLimit(1);
        String alice = Platform.token(tenant, "alice", "alice-pw");
        SupportAccessClient.ofTenant(tenant, alice).enable();
        Http.Reply support = Platform.passwordGrant(tenant, jill + "$bob", "jill-secret");
        assertThat(support.status()).isEqualTo(200);

        Clock.set(3600 + 60);
        // refused at once, whatever the expiry task has done
        assertThat(Platform.passwordGrant(tenant, jill + "$bob", "jill-secret").json().get("error_description").asText())
                .isEqualTo("Tenant is not open to support access");
        JsonNode expired = Clock.awaitRequestEvent(tenant, "EXPIRED");
        assertThat(expired).as("expiry task recorded the expiry").isNotNull();
        assertThat(expired.get("who").asText()).isEqualTo("system");
        JsonNode status = SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "alice", "alice-pw")).statusReply().json();
        assertThat(status.get("open").asBoolean()).isFalse();
        assertThat(status.get("activeRequests").asInt()).isZero();
    }

    @Test
    void platformSettingThatOpensTheTenantMakesRequestsPointless() {
        Platform.setSupportActivated(List.of(tenant));
        String alice = Platform.token(tenant, "alice", "alice-pw");
        JsonNode status = SupportAccessClient.ofTenant(tenant, alice).statusReply().json();
        assertThat(status.get("openedByPlatform").asBoolean()).isTrue();
        assertThat(status.get("canEnable").asBoolean()).isFalse();
        assertThat(status.get("canDisable").asBoolean()).isFalse();
        Http.Reply enable = SupportAccessClient.ofTenant(tenant, alice).enable();
        assertThat(enable.status()).isEqualTo(409);
        assertThat(enable.json().get("error_description").asText()).contains("activated for this tenant by the platform");
        assertThat(SupportAccessClient.ofTenant(tenant, alice).disable().status()).isEqualTo(409);
    }

    @Test
    void callersAreAuthenticatedByTheTenantAndSupportSessionsCannotChangeRequests() {
        assertThat(SupportAccessClient.ofTenant(tenant, null).statusReply().status()).isEqualTo(401);
        assertThat(SupportAccessClient.ofTenant(tenant, null).enable().status()).isEqualTo(401);
        assertThat(SupportAccessClient.ofTenant(tenant, "garbage").enable().status()).isEqualTo(401);

        String other = Platform.createTenant("other");
        Platform.createUser(other, "mallory", "mallory-pw");
        String mallory = Platform.token(other, "mallory", "mallory-pw");
        assertThat(SupportAccessClient.ofTenant(tenant, mallory).enable().status()).isEqualTo(401);
        assertThat(SupportAccessClient.ofTenant(tenant, mallory).disable().status()).isEqualTo(401);

        SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "alice", "alice-pw")).enable();
        String supportToken = Platform.passwordGrant(tenant, jill + "$alice", "jill-secret").json().get("access_token").asText();
        assertThat(SupportAccessClient.ofTenant(tenant, supportToken).statusReply().status()).isEqualTo(200);
        assertThat(SupportAccessClient.ofTenant(tenant, supportToken).enable().status()).isEqualTo(403);
        assertThat(SupportAccessClient.ofTenant(tenant, supportToken).disable().status()).isEqualTo(403);

        assertThat(SupportAccessClient.ofTenant("no-such-tenant", null).statusReply().status()).isEqualTo(404);
        assertThat(SupportAccessClient.ofTenant(Platform.MANAGEMENT, null).statusReply().status()).isEqualTo(404);
        Http.Reply hugeBody = SupportAccessClient.as(Platform.token(tenant, "alice", "alice-pw"))
                .send("POST", "/realms/" + tenant + "/support-access/requests", "{\"x\":\"" + "a".repeat(1_000_000) + "\"");
        assertThat(hugeBody.status()).isLessThan(500);
    }

    /** The operators' view of every tenant's support state, with alice's request open in this tenant. */
    @Nested
    class ManagementTenantsList {

        static final String TENANTS = "/admin/realms/" + Platform.MANAGEMENT + "/support-access/tenants";

        @BeforeEach
        void aliceOpensTheTenant() {
            assertThat(SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "alice", "alice-pw")).enable().status()).isEqualTo(201);
        }

        @Test
        void listsTheTenantOpenedByARequest() {
            JsonNode mine = null;
            for (JsonNode t : ADMIN.tenants(Map.of("max", "1000"))) {
                if (tenant.equals(t.get("tenant").asText())) {
                    mine = t;
                }
            }
            assertThat(mine).isNotNull();
            assertThat(mine.get("open").asBoolean()).isTrue();
            assertThat(mine.get("platformOpen").asBoolean()).isFalse();
            assertThat(mine.get("activeRequests").asInt()).isEqualTo(1);
            assertThat(Instant.parse(mine.get("expiresAt").asText())).isAfter(Instant.now());
        }

        @Test
        void listsNeitherMasterNorTheManagementRealm() {
            for (JsonNode t : ADMIN.tenants(Map.of("max", "1000"))) {
                assertThat(t.get("tenant").asText()).isNotIn("master", Platform.MANAGEMENT);
            }
        }

        @Test
        void pagesByFirstAndMax() {
            assertThat(ADMIN.tenants(Map.of("first", "0", "max", "1")).size()).isEqualTo(1);
        }

        @Test
        void searchesTenantIdsOnTheServerBeforePaging() {
            String shared = Platform.unique("Findme");
            String first = Platform.createTenant(shared + "-a");
            String second = Platform.createTenant(shared + "-b");
            List<String> found = new ArrayList<>();
            ADMIN.tenants(Map.of("search", shared.toUpperCase(Locale.ROOT), "max", "1000")).forEach(t -> found.add(t.get("tenant").asText()));
            assertThat(found).containsExactly(first, second);
            // paging runs over the matches, whatever page they would be on unfiltered
            assertThat(ADMIN.tenants(Map.of("search", shared, "first", "1", "max", "1")).get(0).get("tenant").asText()).isEqualTo(second);
            assertThat(ADMIN.tenants(Map.of("search", shared + "-nothing"))).isEmpty();
        }

        @Test
        void showsOneTenant() {
            assertThat(ADMIN.tenant(tenant).get("activeRequests").asInt()).isEqualTo(1);
        }

        @Test
        void anUnknownTenantIsNotFound() {
            assertThat(ADMIN.tenantReply("no-such-tenant").status()).isEqualTo(404);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"?max=abc", "?max=0", "/{tenant}/request-events?max=abc"})
        void aBadPageIsRefused(String query) {
            assertThat(ADMIN.get(TENANTS + query.replace("{tenant}", tenant)).status()).isEqualTo(400);
        }

        @Test
        void aCallWithoutTokenIsUnauthorised() {
            assertThat(SupportAccessClient.as(null).get(TENANTS).status()).isEqualTo(401);
        }

        @Test
        void aSupportUserIsForbidden() {
            String staff = Platform.unique("staff");
            Platform.createSupportUser(staff, "staff-pw", "Support");
            assertThat(SupportAccessClient.as(Platform.managementToken(staff, "staff-pw")).get(TENANTS).status()).isEqualTo(403);
        }
    }
}

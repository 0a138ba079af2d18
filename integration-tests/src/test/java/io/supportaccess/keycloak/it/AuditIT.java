package io.supportaccess.keycloak.it;

import static io.supportaccess.keycloak.it.support.TenantWithSupport.JOHN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import io.supportaccess.keycloak.it.support.TenantWithSupport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

/** The audit log: what is recorded, as whom, how it is queried and by whom, and how long it is kept. */
class AuditIT {

    static final SupportAccessClient ADMIN = SupportAccessClient.admin();

    String tenant;
    String jill;

    @BeforeEach
    void tenantWithUsers() {
        Platform.setSupportActivated(true);
        TenantWithSupport scene = TenantWithSupport.create("audit");
        tenant = scene.tenant();
        jill = scene.jill();
    }

    @AfterEach
    void restore() {
        Platform.setSupportActivated(true);
    }

    @Test
    void loginsAndSupportAccessesAreRecordedWithWhoActed() {
        assertThat(Platform.passwordGrant(tenant, "john", JOHN_PASSWORD).status()).isEqualTo(200);
        assertThat(Platform.passwordGrant(tenant, "john", "wrong").status()).isIn(400, 401);
        assertThat(Platform.passwordGrant(tenant, jill + "$john", "jill-secret").status()).isEqualTo(200);
        String nobody = Platform.unique("nosupport");
        Platform.createSupportUser(nobody, "nobody-pw");
        assertThat(Platform.passwordGrant(tenant, nobody + "$john", "nobody-pw").status()).isEqualTo(400);

        List<JsonNode> records = logins(tenant);
        assertThat(records).extracting(r -> r.get("activity").asText() + " | " + r.get("who").asText())
                .containsExactly(
                        "Support access denied | " + nobody + "$john",
                        "Support access granted | " + jill + "$john",
                        "User login failed | john",
                        "User login | john");
        JsonNode granted = records.get(1);
        assertThat(granted.get("type").asText()).isEqualTo("Support");
        assertThat(granted.get("supportUser").asText()).isEqualTo(jill);
        assertThat(granted.get("source").asText()).isEqualTo("john");
        assertThat(granted.get("application").asText()).isEqualTo(Platform.CLIENT);
        assertThat(granted.get("realm").asText()).isEqualTo(tenant);
        assertThat(records.get(0).get("text").asText()).contains("Support user is not permitted to support this tenant");
        assertThat(records.get(3).get("type").asText()).isEqualTo("User login");
        assertThat(Instant.parse(records.get(3).get("time").asText())).isBefore(Instant.parse(records.get(2).get("time").asText()).plusMillis(1));
    }

    @Test
    void theLogoutOfASupportSessionIsRecordedAsTheSupportUser() {
        Http.Reply support = Platform.passwordGrant(tenant, jill + "$john", "jill-secret");
        Http.Reply logout = Http.postForm(Platform.url() + "/realms/" + tenant + "/protocol/openid-connect/logout", Map.of(
                "client_id", Platform.CLIENT, "refresh_token", support.json().get("refresh_token").asText()));
        assertThat(logout.status()).as(logout.body()).isEqualTo(204);
        Http.Reply own = Platform.passwordGrant(tenant, "john", JOHN_PASSWORD);
        Http.postForm(Platform.url() + "/realms/" + tenant + "/protocol/openid-connect/logout", Map.of(
                "client_id", Platform.CLIENT, "refresh_token", own.json().get("refresh_token").asText()));
        assertThat(Audit.all(tenant, Map.of("activity", "User logout"))).extracting(r -> r.get("who").asText())
                .containsExactly("john", jill + "$john");
    }

    @Test
    void adminRestCallsWithASupportTokenAreRecordedAsTheSupportUser() {
        String bossId = Platform.createUser(tenant, "boss", "boss-pw");
        var realmManagement = Platform.realm(tenant).clients().findByClientId("realm-management").get(0);
        RoleRepresentation realmAdmin = Platform.realm(tenant).clients().get(realmManagement.getId()).roles().get("realm-admin").toRepresentation();
        Platform.realm(tenant).users().get(bossId).roles().clientLevel(realmManagement.getId()).add(List.of(realmAdmin));

        Http.Reply tokens = Http.postForm(Platform.tokenUrl(tenant), Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", jill + "$boss", "password", "jill-secret"));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        String supportToken = tokens.json().get("access_token").asText();

        Http.Reply created = Http.post(Platform.url() + "/admin/realms/" + tenant + "/users", supportToken, "application/json",
                "{\"username\":\"carol\",\"enabled\":true,\"email\":\"carol@x.example\",\"firstName\":\"Carol\",\"lastName\":\"C\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String carolId = created.raw().headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        Http.Reply updated = Http.put(Platform.url() + "/admin/realms/" + tenant + "/users/" + carolId, supportToken, "application/json",
                "{\"firstName\":\"Caroline\"}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(204);
        // the same user name again: refused, and a refused action leaves no record
        Http.Reply duplicate = Http.post(Platform.url() + "/admin/realms/" + tenant + "/users", supportToken, "application/json",
                "{\"username\":\"carol\",\"enabled\":true}");
        assertThat(duplicate.status()).isEqualTo(409);

        List<JsonNode> userRecords = Audit.all(tenant, Map.of("type", "User", "user", jill + "$boss"));
        assertThat(userRecords).extracting(r -> r.get("activity").asText() + " | " + r.get("who").asText())
                .containsExactly("User updated | " + jill + "$boss", "User created | " + jill + "$boss");
        assertThat(userRecords.get(0).get("changes")).extracting(JsonNode::asText).contains("firstName");
        assertThat(userRecords.get(1).get("text").asText()).contains("carol");
        assertThat(userRecords.get(1).get("application").asText()).isEqualTo("admin-cli");
        assertThat(userRecords.get(1).get("supportUser").asText()).isEqualTo(jill);

        // the same action by the master administrator names them and their realm
        Platform.createUser(tenant, "dave", "dave-pw");
        assertThat(Audit.all(tenant, Map.of("type", "User")).get(0).get("who").asText()).isEqualTo("master/admin");
    }

    @Test
    void accountConsoleChangesInASupportSessionAreRecordedAsTheSupportUser() {
        String supportToken = Platform.passwordGrant(tenant, jill + "$john", "jill-secret").json().get("access_token").asText();
        Http.Reply account = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(Platform.url() + "/realms/" + tenant + "/account"))
                .header("Authorization", "Bearer " + supportToken).header("Accept", "application/json").GET().build());
        assertThat(account.status()).as(account.body()).isEqualTo(200);
        var profile = (com.fasterxml.jackson.databind.node.ObjectNode) account.json();
        profile.put("firstName", "Johnny");
        Http.Reply saved = Http.post(Platform.url() + "/realms/" + tenant + "/account", supportToken, "application/json", profile.toString());
        assertThat(saved.status()).as(saved.body()).isIn(200, 204);

        List<JsonNode> records = Audit.all(tenant, Map.of("type", "User", "user", jill + "$john"));
        assertThat(records).extracting(r -> r.get("activity").asText() + " | " + r.get("who").asText())
                .containsExactly("User updated | " + jill + "$john");
        assertThat(records.get(0).get("source").asText()).isEqualTo("john");

        // and the same change by john himself names john
        String johnToken = Platform.passwordGrant(tenant, "john", JOHN_PASSWORD).json().get("access_token").asText();
        profile.put("firstName", "John");
        Http.post(Platform.url() + "/realms/" + tenant + "/account", johnToken, "application/json", profile.toString());
        assertThat(Audit.activities(tenant, Map.of("type", "User", "user", "john"))).containsExactly("User updated");
    }

    @Test
    void theExtensionsOwnEventsAreRecorded() {
        Platform.setSupportActivated(false);
        String johnToken = Platform.passwordGrant(tenant, "john", JOHN_PASSWORD).json().get("access_token").asText();
        String requests = Platform.url() + "/realms/" + tenant + "/support-access/requests";
        assertThat(Http.post(requests, johnToken, null, "").status()).isEqualTo(201);
        String supportToken = Platform.passwordGrant(tenant, jill + "$john", "jill-secret").json().get("access_token").asText();
        assertThat(Http.post(requests, supportToken, null, "").status()).isEqualTo(403);
        Http.Reply role = Http.post(Platform.url() + "/admin/realms/" + tenant + "/support-access/inventory/roles",
                Platform.adminToken(), "application/json", "{\"name\":\"Auditor\",\"permissions\":[]}");
        assertThat(role.status()).as(role.body()).isEqualTo(201);

        List<JsonNode> support = Audit.all(tenant, Map.of("type", "Support"));
        assertThat(support).extracting(r -> r.get("activity").asText() + " | " + r.get("who").asText())
                .containsExactly(
                        "Support request change refused | " + jill + "$john",
                        "Support access granted | " + jill + "$john",
                        "Support request enabled | john");
        assertThat(Audit.activities(tenant, Map.of("type", "Inventory role"))).containsExactly("Inventory role created");

        List<JsonNode> options = Audit.all(Platform.MANAGEMENT, Map.of("type", "Option", "pageSize", "1"));
        assertThat(options.get(0).get("activity").asText()).isEqualTo("Platform setting updated");
        assertThat(options.get(0).get("changes")).extracting(JsonNode::asText).containsExactly("supportAccessActivated");
    }

    /** Queries over one tenant's records: five logins of john, one support login, then a failed login. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Queries {

        TenantWithSupport scene;
        long middle;

        @BeforeAll
        void loginsOnBothSidesOfAMoment() {
            Platform.setSupportActivated(true);
            scene = TenantWithSupport.create("audit-query");
            for (int i = 0; i < 5; i++) {
                assertThat(scene.johnGrant().status()).isEqualTo(200);
            }
            scene.supportGrant();
            middle = System.currentTimeMillis();
            Platform.passwordGrant(scene.tenant(), TenantWithSupport.JOHN, "wrong");
        }

        @ParameterizedTest(name = "{0}={1}: {2} records")
        @CsvSource({
            "user, john, 6",
            "user, {jill}$john, 1",
            "supportUser, {jill}, 1",
            "activity, User login, 5",
            "type, user login, 6",
            "source, john, 7"})
        void aFilterIsExact(String filter, String value, int records) {
            assertThat(Audit.all(scene.tenant(), Map.of(filter, value.replace("{jill}", scene.jill())))).hasSize(records);
        }

        @Test
        void fromKeepsTheLaterRecords() {
            assertThat(Audit.all(scene.tenant(), Map.of("from", Long.toString(middle), "source", "john")))
                    .extracting(r -> r.get("activity").asText()).containsExactly("User login failed");
        }

        @Test
        void toKeepsTheEarlierRecords() {
            assertThat(Audit.all(scene.tenant(), Map.of("to", Instant.ofEpochMilli(middle).toString(), "source", "john"))).hasSize(6);
        }

        @Test
        void pagesOfTwoAreNewestFirstWithNoRecordTwiceAndNoneLeftOut() {
            List<String> paged = new ArrayList<>();
            String after = null;
            int pages = 0;
            do {
                Map<String, String> query = new java.util.HashMap<>(Map.of("pageSize", "2"));
                if (after != null) {
                    query.put("after", after);
                }
                JsonNode page = ADMIN.auditPage(scene.tenant(), query);
                assertThat(page.get("records").size()).isLessThanOrEqualTo(2);
                page.get("records").forEach(r -> paged.add(r.get("id").asText()));
                after = page.path("next").isMissingNode() ? null : page.get("next").asText();
                pages++;
            } while (after != null);
            List<JsonNode> all = Audit.all(scene.tenant(), Map.of());
            assertThat(paged).containsExactlyElementsOf(all.stream().map(r -> r.get("id").asText()).toList());
            assertThat(all.size()).isGreaterThan(7);
            assertThat(pages).isEqualTo((all.size() + 1) / 2);
        }

        /** Time-ordered ids (UUID version 7), carrying the millisecond they were made in: new records go to one end of the key. */
        @Test
        void idsAreTimeOrdered() {
            List<JsonNode> all = Audit.all(scene.tenant(), Map.of());
            assertThat(all).isNotEmpty().allSatisfy(record -> {
                java.util.UUID id = java.util.UUID.fromString(record.get("id").asText());
                assertThat(id.version()).isEqualTo(7);
                long madeAt = id.getMostSignificantBits() >>> 16;
                assertThat(Math.abs(madeAt - Instant.parse(record.get("time").asText()).toEpochMilli())).isLessThan(60_000);
            });
        }

        @Test
        void aPageHoldingTheLastRecordHasNoNext() {
            assertThat(ADMIN.auditPage(scene.tenant(), Map.of()).path("next").isMissingNode()).isTrue();
        }

        @Test
        void timesAreUtcMillisecondsNewestFirst() {
            List<JsonNode> all = Audit.all(scene.tenant(), Map.of());
            assertThat(all).extracting(r -> r.get("time").asText()).allMatch(t -> t.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
            assertThat(all).extracting(r -> Instant.parse(r.get("time").asText())).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"type=Nonsense", "pageSize=0", "pageSize=1001", "pageSize=x", "from=yesterday", "from=200&to=100",
            "after=not-a-cursor", "after=99999999999999999999.x", "tenant={tenant}"})
        void aBadQueryIsRefusedWithAMessage(String query) {
            Http.Reply reply = ADMIN.get("/admin/realms/" + scene.tenant() + "/support-access/audit?" + query.replace("{tenant}", scene.tenant()));
            assertThat(reply.status()).as(query + " -> " + reply.body()).isEqualTo(400);
            assertThat(reply.json().get("error_description").asText()).isNotBlank();
        }
    }

    @Test
    void tenantAdministratorsReadTheirOwnLogOnlyAndManagementReadsSupportAccessesAcrossTenants() {
        String other = Platform.createTenant("audit-other");
        String bossId = Platform.createUser(tenant, "boss", "boss-pw");
        var realmManagement = Platform.realm(tenant).clients().findByClientId("realm-management").get(0);
        RoleRepresentation viewEvents = Platform.realm(tenant).clients().get(realmManagement.getId()).roles().get("view-events").toRepresentation();
        Platform.realm(tenant).users().get(bossId).roles().clientLevel(realmManagement.getId()).add(List.of(viewEvents));
        String readerId = Platform.createUser(tenant, "reader", "reader-pw");
        Platform.grantRealmRoles(tenant, readerId, "ROLE_AUDIT_READ");
        assertThat(Platform.passwordGrant(tenant, jill + "$john", "jill-secret").status()).isEqualTo(200);

        String boss = adminCliToken(tenant, "boss", "boss-pw");
        Http.Reply own = Http.get(Audit.url(tenant, Map.of("type", "Support")), boss);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().get("records").get(0).get("who").asText()).isEqualTo(jill + "$john");
        assertThat(Http.get(Audit.url(other, Map.of()), boss).status()).isEqualTo(403);

        String reader = adminCliToken(tenant, "reader", "reader-pw");
        assertThat(Http.get(Audit.url(tenant, Map.of()), reader).status()).isEqualTo(200);
        assertThat(Http.get(Audit.url(other, Map.of()), reader).status()).isEqualTo(403);
        String john = adminCliToken(tenant, "john", JOHN_PASSWORD);
        assertThat(Http.get(Audit.url(tenant, Map.of()), john).status()).isEqualTo(403);
        assertThat(Http.get(Audit.url(tenant, Map.of()), null).status()).isEqualTo(401);

        String auditorId = Platform.createUser(Platform.MANAGEMENT, Platform.unique("auditor"), "auditor-pw");
        String auditorName = Platform.realm(Platform.MANAGEMENT).users().get(auditorId).toRepresentation().getUsername();
        Platform.grantRealmRoles(Platform.MANAGEMENT, auditorId, "ROLE_AUDIT_READ");
        String auditor = adminCliToken(Platform.MANAGEMENT, auditorName, "auditor-pw");
        Http.Reply across = Http.get(Audit.url(Platform.MANAGEMENT, Map.of("tenant", tenant)), auditor);
        assertThat(across.status()).as(across.body()).isEqualTo(200);
        assertThat(across.json().get("records")).extracting(r -> r.get("activity").asText() + " | " + r.get("realm").asText())
                .containsExactly("Support access granted | " + tenant);
        Http.Reply bySupportUser = Http.get(Audit.url(Platform.MANAGEMENT, Map.of("supportUser", jill)), auditor);
        assertThat(bySupportUser.json().get("records")).extracting(r -> r.get("realm").asText()).containsExactly(tenant);
        assertThat(Http.get(Audit.url(Platform.MANAGEMENT, Map.of("tenant", "no-such-tenant")), auditor).status()).isEqualTo(404);
        assertThat(Http.get(Audit.url(tenant, Map.of()), auditor).status()).isEqualTo(403);
    }

    @Test
    void aRealmWithoutTheListenerKeepsOnlyTheSupportRecords() {
        RealmRepresentation realm = Platform.realm(tenant).toRepresentation();
        assertThat(realm.getEventsListeners()).contains("support-access");
        realm.setEventsListeners(List.of("jboss-logging"));
        Platform.realm(tenant).update(realm);
        Platform.passwordGrant(tenant, "john", JOHN_PASSWORD);
        Platform.passwordGrant(tenant, jill + "$john", "jill-secret");
        assertThat(Audit.all(tenant, Map.of("type", "User login"))).as("the realm's own audit is off").isEmpty();
        assertThat(Audit.activities(tenant, Map.of("type", "Support"))).as("support records are the platform's")
                .containsExactly("Support access granted");

        realm.setEventsListeners(List.of("jboss-logging", "support-access"));
        Platform.realm(tenant).update(realm);
        Platform.passwordGrant(tenant, "john", JOHN_PASSWORD);
        assertThat(Audit.activities(tenant, Map.of("type", "User login"))).containsExactly("User login");
    }

    @Test
    void recordsOlderThanTheMaximumAgeAreRemoved() {
        fill(tenant, 300, 61);   // 61 to 66 days old
        fill(tenant, 20, 50);    // 50 to 55 days old: kept
        Http.Reply tooMany = Http.post(Platform.url() + "/admin/realms/master/support-access-testing/audit-records", Platform.adminToken(),
                "application/json", "{\"realm\":\"" + tenant + "\",\"count\":0}");
        assertThat(tooMany.status()).isEqualTo(400);
        Platform.passwordGrant(tenant, "john", JOHN_PASSWORD);
        // the retention task runs every 2 s in the test server (default: hourly), keeping 60 days
        long deadline = System.currentTimeMillis() + 30_000;
        List<String> left = Audit.activities(tenant, Map.of());
        while (left.size() > 23 && System.currentTimeMillis() < deadline) {
            sleep(500);
            left = Audit.activities(tenant, Map.of());
        }
        assertThat(left).hasSize(23);
        assertThat(left.subList(0, 3)).containsExactly("User login", "User created", "Application created");
        assertThat(left.subList(3, 23)).allMatch(a -> a.startsWith("Synthetic"));
    }

    static void fill(String realm, int count, int olderThanDays) {
        Http.Reply filled = Http.post(Platform.url() + "/admin/realms/master/support-access-testing/audit-records", Platform.adminToken(),
                "application/json", "{\"realm\":\"" + realm + "\",\"count\":" + count + ",\"users\":10,\"days\":5,\"olderThanDays\":"
                        + olderThanDays + "}");
        assertThat(filled.status()).as(filled.body()).isEqualTo(200);
        assertThat(filled.json().get("inserted").asInt()).isEqualTo(count);
    }

    @Test
    void twoHundredConcurrentLoginsLeaveExactlyOneRecordEach() throws Exception {
        int pairs = 20;
        int perPair = 10;
        List<String> johns = new ArrayList<>();
        List<String> jills = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            johns.add("user" + i);
            Platform.createUser(tenant, "user" + i, "user-pw");
            String support = Platform.unique("jillc" + i);
            Platform.createSupportUser(support, "support-pw", "Support");
            jills.add(support);
        }
        Map<String, AtomicInteger> expected = new ConcurrentHashMap<>();
        AtomicInteger serverErrors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(pairs);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            String john = johns.get(i);
            String support = jills.get(i) + "$" + john;
            done.add(pool.submit(() -> {
                for (int k = 0; k < perPair; k++) {
                    boolean supportLogin = k % 2 == 0;
                    boolean failing = k % 5 == 4 || k == 1;
                    String username = supportLogin ? support : john;
                    String password = failing ? "wrong" : (supportLogin ? "support-pw" : "user-pw");
                    int status = Platform.passwordGrant(tenant, username, password).status();
                    if (status >= 500) {
                        serverErrors.incrementAndGet();
                    }
                    String activity = supportLogin ? (status == 200 ? "Support access granted" : "Support access denied")
                            : (status == 200 ? "User login" : "User login failed");
                    expected.computeIfAbsent(activity + " | " + username, key -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(serverErrors.get()).isZero();

        List<JsonNode> records = logins(tenant);
        Map<String, Integer> found = new java.util.HashMap<>();
        records.forEach(r -> found.merge(r.get("activity").asText() + " | " + r.get("who").asText(), 1, Integer::sum));
        Map<String, Integer> wanted = new java.util.HashMap<>();
        expected.forEach((key, count) -> wanted.put(key, count.get()));
        assertThat(records).hasSize(pairs * perPair);
        assertThat(found).isEqualTo(wanted);
        assertThat(records.stream().map(r -> r.get("id").asText()).distinct().count()).isEqualTo(pairs * perPair);
    }

    /** Login records (plain and support) of a realm, newest first. */
    static List<JsonNode> logins(String realm) {
        return Audit.all(realm, Map.of()).stream()
                .filter(r -> List.of("User login", "Support").contains(r.get("type").asText())).toList();
    }

    static String adminCliToken(String realm, String username, String password) {
        Http.Reply reply = Http.postForm(Platform.tokenUrl(realm), Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", username, "password", password));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("access_token").asText();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

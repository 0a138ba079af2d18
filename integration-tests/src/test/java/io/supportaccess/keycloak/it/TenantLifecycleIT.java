package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.supportaccess.keycloak.it.support.Await;
import io.supportaccess.keycloak.it.support.Browser;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * The subtenant lifecycle of the management realm (seed "Managing tenants"): create, edit, suspend,
 * activate and remove tenants through {@code /admin/realms/management/support-access/tenants}, who
 * may do which, what each step leaves in Keycloak, the inventory and the audit log, and what bad
 * input gets. E-mails go to a real SMTP server on loopback (GreenMail), set as the management
 * realm's mail server.
 */
class TenantLifecycleIT {

    static final String READ = "ROLE_TENANT_MANAGEMENT_READ";
    static final String CREATE = "ROLE_TENANT_MANAGEMENT_CREATE";
    static final String UPDATE = "ROLE_TENANT_MANAGEMENT_UPDATE";
    static final String ADMIN = "ROLE_TENANT_MANAGEMENT_ADMIN";
    static final String PASSWORD = "operator-secret";
    static final String TENANTS = "/admin/realms/" + Platform.MANAGEMENT + "/support-access/tenants";

    static GreenMail smtp;
    static Map<String, String> previousSmtp;
    /** Holds Tenant management ADMIN (and READ). */
    static String operator;
    static String operatorId;

    @BeforeAll
    static void setUp() {
        smtp = new GreenMail(new ServerSetup(Await.freeLoopbackPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        RealmRepresentation management = Platform.realm(Platform.MANAGEMENT).toRepresentation();
        previousSmtp = management.getSmtpServer();
        management.setSmtpServer(Map.of("host", "127.0.0.1", "port", String.valueOf(smtp.getSmtp().getPort()),
                "from", "platform@management.example", "fromDisplayName", "Platform"));
        Platform.realm(Platform.MANAGEMENT).update(management);
        for (String role : List.of(READ, CREATE, UPDATE, ADMIN)) {
            if (Platform.realm(Platform.MANAGEMENT).roles().list(role, true).stream().noneMatch(r -> r.getName().equals(role))) {
                Platform.realm(Platform.MANAGEMENT).roles().create(new RoleRepresentation(role, "Tenant management", false));
            }
        }
        operator = Platform.unique("tenant-operator");
        operatorId = Platform.createSupportUser(operator, PASSWORD, READ, ADMIN);
    }

    @AfterAll
    static void tearDown() {
        RealmRepresentation management = Platform.realm(Platform.MANAGEMENT).toRepresentation();
        management.setSmtpServer(previousSmtp == null ? Map.of() : previousSmtp);
        Platform.realm(Platform.MANAGEMENT).update(management);
        if (smtp != null) {
            smtp.stop();
        }
    }

    // --- creation

    @Test
    void aCreatedTenantIsAPreparedRealmWhoseAdministratorAdministersIt() {
        String id = Platform.unique("new");
        JsonNode created = expect(as(operator).send("POST", TENANTS, body(id, Map.of(
                "adminEmail", id + "-boss@tenant.example", "contactName", "Ann Smith", "contactPhone", "+49 30 1234",
                "externalReference", "crm-" + id))), 201);
        assertThat(created.get("id").asText()).isEqualTo(id);
        assertThat(created.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(created.get("company").asText()).isEqualTo("Company of " + id);
        assertThat(created.get("adminName").asText()).isEqualTo(id + "-boss");
        assertThat(created.has("adminPassword")).as("never echoed").isFalse();

        RealmRepresentation realm = Platform.realm(id).toRepresentation();
        assertThat(realm.isEnabled()).isTrue();
        assertThat(realm.getAttributes()).as("prepared like any tenant").containsKey("supportAccess.setupVersion");
        var admin = Platform.realm(id).users().searchByUsername(id + "-boss", true).get(0);
        var realmManagement = Platform.realm(id).clients().findByClientId("realm-management").get(0);
        assertThat(Platform.realm(id).users().get(admin.getId()).roles().clientLevel(realmManagement.getId()).listAll())
                .extracting(RoleRepresentation::getName).contains("realm-admin");
        assertThat(Platform.realm(id).users().get(admin.getId()).roles().realmLevel().listAll())
                .as("the seed's global role of tenant administrators").extracting(RoleRepresentation::getName).contains("admins");

        JsonNode object = SupportAccessClient.admin().inventory(Platform.MANAGEMENT).tenantObject(id);
        assertThat(object).as("tenant management object").isNotNull();
        JsonNode custom = object.get("properties").get("customProperties");
        assertThat(custom.get("externalReference").asText()).isEqualTo("crm-" + id);
        assertThat(custom.get("company").asText()).isEqualTo("Company of " + id);
        assertThat(custom.get("contactName").asText()).isEqualTo("Ann Smith");
        assertThat(custom.get("contactPhone").asText()).isEqualTo("+49 30 1234");

        assertThat(tenantRecords(id)).extracting(r -> r.get("activity").asText() + " by " + r.get("who").asText())
                .containsExactly("Tenant created by " + operator);

        // the administrator logs in to the new tenant and administers it
        addLoginClient(id);
        String adminToken = browserLogin(id, id + "-boss", "boss-secret-1");
        assertThat(Http.get(Platform.url() + "/admin/realms/" + id + "/users", adminToken).status()).isEqualTo(200);
        Http.Reply newUser = Http.post(Platform.url() + "/admin/realms/" + id + "/users", adminToken, "application/json",
                "{\"username\":\"first-employee\",\"enabled\":true}");
        assertThat(newUser.status()).as(newUser.body()).isEqualTo(201);
    }

    @Test
    void aPasswordResetLinkLetsTheAdministratorChooseAPassword() throws Exception {
        String id = Platform.unique("link");
        String email = id + "-boss@tenant.example";
        JsonNode created = expect(as(operator).send("POST", TENANTS, resetLinkBody(id)), 201);
        assertThat(created.get("sendPasswordResetEmail").asBoolean()).isTrue();

        MimeMessage mail = mailTo(email);
        String text = textOf(mail);
        Matcher link = Pattern.compile("(http://[^\\s\"<>]+/realms/" + Pattern.quote(id) + "/login-actions/action-token\\?[^\\s\"<>]+)").matcher(text);
        assertThat(link.find()).as("a link into the tenant in: " + text).isTrue();

        Browser browser = new Browser();
        Browser.Result page = browser.open(link.group(1).replace("&amp;", "&"));
        for (int step = 0; step < 4 && page.page() != null && page.page().selectFirst("#kc-passwd-update-form") == null; step++) {
            var proceed = page.page().selectFirst("a[href*=action-token], a[href*=login-actions]");
            assertThat(proceed).as("a page leading to the password form: " + page.text()).isNotNull();
            page = browser.open(proceed.absUrl("href"));
        }
        page = browser.submit(page, "#kc-passwd-update-form", Map.of("password-new", "chosen-secret-1", "password-confirm", "chosen-secret-1"));
        assertThat(page.text()).doesNotContain("Invalid").doesNotContain("expired");

        addLoginClient(id);
        String token = browserLogin(id, id + "-boss", "chosen-secret-1");
        assertThat(Http.get(Platform.url() + "/admin/realms/" + id + "/users", token).status()).isEqualTo(200);
    }

    @Test
    void withoutAWorkingMailServerNoResetLinkTenantIsCreated() throws Exception {
        RealmRepresentation management = Platform.realm(Platform.MANAGEMENT).toRepresentation();
        Map<String, String> working = management.getSmtpServer();
        try {
            management.setSmtpServer(Map.of("host", "127.0.0.1", "port", String.valueOf(Await.freeLoopbackPort()),
                    "from", "platform@management.example"));
            Platform.realm(Platform.MANAGEMENT).update(management);
            String unreachable = Platform.unique("nosmtp");
            Http.Reply failed = as(operator).send("POST", TENANTS, resetLinkBody(unreachable));
            assertThat(failed.status()).as(failed.body()).isEqualTo(502);
            assertThat(failed.json().get("error_description").asText()).contains("could not be sent");
            assertThat(realmExists(unreachable)).as("no tenant without a way in for its administrator").isFalse();
            assertThat(SupportAccessClient.admin().inventory(Platform.MANAGEMENT).tenantObject(unreachable)).isNull();
            assertThat(tenantRecords(unreachable)).isEmpty();

            management.setSmtpServer(Map.of());
            Platform.realm(Platform.MANAGEMENT).update(management);
            String unconfigured = Platform.unique("nosmtp");
            Http.Reply refused = as(operator).send("POST", TENANTS, resetLinkBody(unconfigured));
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(realmExists(unconfigured)).isFalse();
        } finally {
            management.setSmtpServer(working);
            Platform.realm(Platform.MANAGEMENT).update(management);
        }
    }

    static String resetLinkBody(String id) throws Exception {
        ObjectNode request = (ObjectNode) Http.JSON.readTree(body(id, Map.of("adminEmail", id + "-boss@tenant.example")));
        request.remove("adminPassword");
        request.put("sendPasswordResetEmail", true);
        return request.toString();
    }

    // --- editing

    @Test
    void anEditChangesEverythingButTheIdAndTheAdministratorsUsername() {
        String id = create(operator, Platform.unique("edit"), Map.of("contactName", "Old Contact"));
        JsonNode edited = expect(as(operator).send("PUT", TENANTS + "/" + id, "{\"company\":\"Renamed Corp\",\"contactName\":\"\","
                + "\"contactPhone\":\"+1 555 0100\",\"adminEmail\":\"new-" + id + "@tenant.example\",\"externalReference\":\"erp-9\"}"), 200);
        assertThat(edited.get("company").asText()).isEqualTo("Renamed Corp");
        assertThat(edited.has("contactName")).as("cleared").isFalse();
        assertThat(edited.get("contactPhone").asText()).isEqualTo("+1 555 0100");
        assertThat(edited.get("adminEmail").asText()).isEqualTo("new-" + id + "@tenant.example");
        assertThat(expect(as(operator).send("GET", TENANTS + "/" + id + "/properties", null), 200)).isEqualTo(edited);

        JsonNode custom = SupportAccessClient.admin().inventory(Platform.MANAGEMENT).tenantObject(id).get("properties").get("customProperties");
        assertThat(custom.get("company").asText()).as("the tenant object follows").isEqualTo("Renamed Corp");
        assertThat(custom.get("contactName").asText()).isEmpty();
        assertThat(custom.get("externalReference").asText()).isEqualTo("erp-9");

        JsonNode update = tenantRecords(id).stream().filter(r -> r.get("activity").asText().equals("Tenant updated")).findFirst().orElseThrow();
        assertThat(update.get("who").asText()).isEqualTo(operator);
        assertThat(update.get("changes").toString()).contains("company", "contactName", "contactPhone", "adminEmail", "externalReference");

        // what the client read may be sent back as it is; the ID and the administrator's username stay
        assertThat(as(operator).send("PUT", TENANTS + "/" + id, edited.toString()).status()).isEqualTo(200);
        for (String change : List.of("{\"id\":\"other\"}", "{\"adminName\":\"mallory\"}", "{\"status\":\"SUSPENDED\"}",
                "{\"company\":\"" + "x".repeat(10_000) + "\"}", "{\"adminEmail\":\"not-an-address\"}", "{\"company\":",
                "{\"contactPhone\":\"call me maybe\"}", "{\"unknown\":1}", "{\"adminPassword\":\"taken-over-1\"}",
                "{\"sendPasswordResetEmail\":true}")) {
            Http.Reply refused = as(operator).send("PUT", TENANTS + "/" + id, change);
            assertThat(refused.status()).as(shorten(change) + " -> " + refused.body()).isEqualTo(400);
            assertThat(refused.json().get("error_description").asText()).isNotEmpty();
        }
        assertThat(expect(as(operator).send("GET", TENANTS + "/" + id + "/properties", null), 200)).as("nothing changed").isEqualTo(edited);
    }

    // --- suspension and activation

    @Test
    void suspensionNeedsTheOperatorsOwnPasswordAndEndsEverySessionOfTheTenant() {
        String id = create(operator, Platform.unique("susp"), Map.of());
        addLoginClient(id);
        Platform.createUser(id, "john", "john-secret");
        Http.Reply johnLogin = Platform.passwordGrant(id, "john", "john-secret");
        assertThat(johnLogin.status()).isEqualTo(200);
        String refreshToken = johnLogin.json().get("refresh_token").asText();
        int failuresBefore = failures(operatorId);

        Http.Reply wrong = suspend(operator, id, "not-my-password");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.body()).contains("password is not correct").doesNotContain("not-my-password");
        assertThat(Platform.realm(id).toRepresentation().isEnabled()).as("a refused suspension changes nothing").isTrue();
        Await.until(Duration.ofSeconds(20), () -> failures(operatorId) == failuresBefore + 1,
                () -> "the wrong password counts as a failed login of the operator: " + failures(operatorId));
        Http.Reply refreshed = Platform.refresh(id, refreshToken);
        assertThat(refreshed.status()).as("john's session lives on").isEqualTo(200);
        refreshToken = refreshed.json().get("refresh_token").asText();

        Http.Reply suspended = suspend(operator, id, PASSWORD);
        assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
        assertThat(suspended.json().get("status").asText()).isEqualTo("SUSPENDED");
        Await.until(Duration.ofSeconds(20), () -> failures(operatorId) == 0,
                () -> "the right password resets the operator's count: " + failures(operatorId));
        assertThat(Platform.realm(id).toRepresentation().isEnabled()).isFalse();
        assertThat(Platform.refresh(id, refreshToken).status()).as("john's refresh token stops working").isBetween(400, 403);
        assertThat(Platform.passwordGrant(id, "john", "john-secret").status()).as("a login is refused").isNotEqualTo(200);
        assertThat(Platform.realm(id).users().searchByUsername("john", true)).as("the data stays").hasSize(1);
        assertThat(SupportAccessClient.admin().inventory(Platform.MANAGEMENT).tenantObject(id).get("properties").get("enabled").asBoolean())
                .isFalse();
        assertThat(suspend(operator, id, PASSWORD).status()).as("already suspended").isEqualTo(409);

        JsonNode activated = expect(as(operator).send("POST", TENANTS + "/" + id + "/activate", null), 200);
        assertThat(activated.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(Platform.passwordGrant(id, "john", "john-secret").status()).as("logins work again").isEqualTo(200);
        assertThat(Platform.refresh(id, refreshToken).status()).as("sessions ended by the suspension stay ended").isNotEqualTo(200);
        assertThat(as(operator).send("POST", TENANTS + "/" + id + "/activate", null).status()).isEqualTo(409);

        assertThat(tenantRecords(id)).extracting(r -> r.get("activity").asText() + " by " + r.get("who").asText())
                .containsExactly("Tenant activated by " + operator, "Tenant suspended by " + operator, "Tenant created by " + operator);
    }

    @Test
    void aLockedOutOperatorCannotSuspendEvenWithTheRightPassword() {
        String locked = Platform.unique("locked-operator");
        String lockedId = Platform.createSupportUser(locked, PASSWORD, READ, ADMIN);
        String token = Platform.managementToken(locked, PASSWORD);
        String id = create(operator, Platform.unique("lock"), Map.of());
        int failureFactor = Platform.realm(Platform.MANAGEMENT).toRepresentation().getFailureFactor();
        String lockedMessage = null;
        for (int attempt = 0; attempt <= 2 * failureFactor && lockedMessage == null; attempt++) {
            Http.Reply reply = Http.post(Platform.url() + TENANTS + "/" + id + "/suspend", token, "application/json",
                    "{\"password\":\"wrong-" + attempt + "\"}");
            assertThat(reply.status()).isEqualTo(403);
            if (reply.body().contains("locked")) {
                lockedMessage = reply.body();
            }
        }
        assertThat(lockedMessage).as("brute-force protection locks the operator out").isNotNull();
        Http.Reply right = Http.post(Platform.url() + TENANTS + "/" + id + "/suspend", token, "application/json",
                "{\"password\":\"" + PASSWORD + "\"}");
        assertThat(right.status()).isEqualTo(403);
        assertThat(right.body()).contains("locked");
        assertThat(Platform.realm(id).toRepresentation().isEnabled()).isTrue();
        Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(Platform.url() + "/admin/realms/" + Platform.MANAGEMENT
                + "/attack-detection/brute-force/users/" + lockedId)).header("Authorization", "Bearer " + Platform.adminToken()).DELETE().build());
    }

    @Test
    void theSuspendedTenantsAdministratorIsToldByEmail() throws Exception {
        String id = Platform.unique("mail");
        String email = id + "-boss@tenant.example";
        create(operator, id, Map.of("adminEmail", email));
        Http.Reply suspended = suspend(operator, id, PASSWORD);
        assertThat(suspended.json().get("suspensionEmail").asText()).isEqualTo("SENT");
        MimeMessage mail = mailTo(email);
        assertThat(mail.getSubject()).isEqualTo("Tenant " + id + " has been suspended");
        assertThat(mail.getFrom()[0].toString()).contains("platform@management.example");
        assertThat(textOf(mail)).contains("Company of " + id, id, "suspended");

        String silent = create(operator, Platform.unique("nomail"), Map.of());
        assertThat(suspend(operator, silent, PASSWORD).json().get("suspensionEmail").asText()).isEqualTo("NO_ADMINISTRATOR_EMAIL");
    }

    @Test
    void theNoticeSpeaksTheAdministratorsLanguage() throws Exception {
        String id = Platform.unique("mailde");
        String email = id + "-boss@tenant.example";
        create(operator, id, Map.of("adminEmail", email));
        RealmRepresentation tenant = Platform.realm(id).toRepresentation();
        tenant.setInternationalizationEnabled(true);
        tenant.setSupportedLocales(java.util.Set.of("en", "de"));
        Platform.realm(id).update(tenant);
        var admin = Platform.realm(id).users().searchByUsername(id + "-boss", true).get(0);
        var user = Platform.realm(id).users().get(admin.getId()).toRepresentation();
        user.setAttributes(Map.of("locale", List.of("de")));
        Platform.realm(id).users().get(admin.getId()).update(user);
        RealmRepresentation management = Platform.realm(Platform.MANAGEMENT).toRepresentation();
        Boolean i18n = management.isInternationalizationEnabled();
        java.util.Set<String> locales = management.getSupportedLocales();
        try {
            management.setInternationalizationEnabled(true);
            management.setSupportedLocales(java.util.Set.of("en", "de"));
            Platform.realm(Platform.MANAGEMENT).update(management);
            assertThat(suspend(operator, id, PASSWORD).json().get("suspensionEmail").asText()).isEqualTo("SENT");
            MimeMessage mail = mailTo(email);
            assertThat(mail.getSubject()).isEqualTo("Mandant " + id + " wurde gesperrt");
            assertThat(textOf(mail)).contains("Company of " + id, "gesperrt");
        } finally {
            management.setInternationalizationEnabled(i18n);
            management.setSupportedLocales(locales);
            Platform.realm(Platform.MANAGEMENT).update(management);
        }
    }

    // --- removal

    @Test
    void removalDeletesTheRealmItsDataAndItsTenantObject() {
        String id = create(operator, Platform.unique("gone"), Map.of());
        Platform.createUser(id, "john", "john-secret");
        assertThat(as(operator).send("DELETE", TENANTS + "/" + id, null).status()).isEqualTo(204);
        assertThat(realmExists(id)).isFalse();
        assertThat(SupportAccessClient.admin().inventory(Platform.MANAGEMENT).tenantObject(id)).isNull();
        assertThat(as(operator).send("GET", TENANTS + "/" + id + "/properties", null).status()).isEqualTo(404);
        assertThat(as(operator).send("DELETE", TENANTS + "/" + id, null).status()).isEqualTo(404);
        assertThat(tenantRecords(id)).extracting(r -> r.get("activity").asText() + " by " + r.get("who").asText())
                .containsExactly("Tenant deleted by " + operator, "Tenant created by " + operator);
    }

    // --- permissions

    @Test
    void eachStepNeedsItsTenantManagementPermission() {
        String reader = Platform.unique("tm-reader");
        Platform.createSupportUser(reader, PASSWORD, READ);
        String creator = Platform.unique("tm-creator");
        Platform.createSupportUser(creator, PASSWORD, CREATE, UPDATE);
        String nobody = Platform.unique("tm-nobody");
        Platform.createSupportUser(nobody, PASSWORD);
        String existing = create(operator, Platform.unique("perm"), Map.of());

        // READ lists and reads, changes nothing
        assertThat(as(reader).send("GET", TENANTS, null).status()).isEqualTo(200);
        assertThat(as(reader).send("GET", TENANTS + "/" + existing, null).status()).isEqualTo(200);
        assertThat(as(reader).send("GET", TENANTS + "/" + existing + "/properties", null).status()).isEqualTo(200);
        String readerTry = Platform.unique("perm-r");
        assertThat(as(reader).send("POST", TENANTS, body(readerTry, Map.of())).status()).isEqualTo(403);
        assertThat(realmExists(readerTry)).isFalse();
        assertThat(as(reader).send("PUT", TENANTS + "/" + existing, "{\"company\":\"x\"}").status()).isEqualTo(403);
        assertThat(suspend(reader, existing, PASSWORD).status()).isEqualTo(403);
        assertThat(as(reader).send("DELETE", TENANTS + "/" + existing, null).status()).isEqualTo(403);

        // CREATE and UPDATE create and edit, but cannot suspend, activate or delete (seed: "Restricting tenant deletion")
        String own = create(creator, Platform.unique("perm-c"), Map.of());
        assertThat(as(creator).send("PUT", TENANTS + "/" + own, "{\"company\":\"Edited\"}").status()).isEqualTo(200);
        assertThat(as(creator).send("DELETE", TENANTS + "/" + own, null).status()).isEqualTo(403);
        assertThat(suspend(creator, own, PASSWORD).status()).isEqualTo(403);
        assertThat(realmExists(own)).isTrue();
        assertThat(Platform.realm(own).toRepresentation().isEnabled()).isTrue();
        assertThat(suspend(operator, own, PASSWORD).status()).isEqualTo(200);
        assertThat(as(creator).send("POST", TENANTS + "/" + own + "/activate", null).status()).isEqualTo(403);
        assertThat(as(creator).send("GET", TENANTS, null).status()).as("no READ").isEqualTo(403);

        // without a tenant management permission: nothing
        assertThat(as(nobody).send("GET", TENANTS, null).status()).isEqualTo(403);
        assertThat(as(nobody).send("POST", TENANTS, body(Platform.unique("perm-n"), Map.of())).status()).isEqualTo(403);
        assertThat(as(nobody).send("DELETE", TENANTS + "/" + existing, null).status()).isEqualTo(403);

        // the master administrator (manage-realm of the management realm) may do all
        SupportAccessClient master = SupportAccessClient.admin();
        String byMaster = Platform.unique("perm-m");
        assertThat(master.send("POST", TENANTS, body(byMaster, Map.of())).status()).isEqualTo(201);
        assertThat(master.send("DELETE", TENANTS + "/" + byMaster, null).status()).isEqualTo(204);
        assertThat(tenantRecords(byMaster)).extracting(r -> r.get("who").asText()).containsOnly("master/admin");

        // subtenants cannot create subtenants: the API exists on the management realm only
        Http.Reply fromTenant = master.send("POST", "/admin/realms/" + existing + "/support-access/tenants", body(Platform.unique("sub"), Map.of()));
        assertThat(fromTenant.status()).isEqualTo(404);
    }

    // --- bad input

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Upper-Case", "-dash", "has space", "slash/x", "dollar$", "a.very.long.tenant.id.that.is.far.beyond.sixty.three.characters.x"})
    void anInvalidTenantIdIsRefusedAndNoRealmIsCreated(String id) {
        Http.Reply reply = as(operator).send("POST", TENANTS, body(id, Map.of()));
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("error_description").asText()).contains("'id'");
        assertThat(realmExists(id)).isFalse();
    }

    @Test
    void aTakenTenantIdIsAConflict() {
        String existing = create(operator, Platform.unique("taken"), Map.of());
        for (String taken : List.of(existing, "master", Platform.MANAGEMENT)) {
            Http.Reply reply = as(operator).send("POST", TENANTS, body(taken, Map.of()));
            assertThat(reply.status()).as(taken + ": " + reply.body()).isEqualTo(409);
            assertThat(reply.json().get("error").asText()).isEqualTo("conflict");
        }
        assertThat(Platform.realm(existing).users().count()).as("the existing tenant is untouched").isEqualTo(1);
    }

    @Test
    void badCreationsChangeNothing() {
        Map<String, String> bad = new HashMap<>();
        String[] fields = {"company", "adminName", "adminEmail", "contactName", "contactPhone", "externalReference", "adminPassword"};
        for (String field : fields) {
            String id = Platform.unique("long");
            bad.put(id, body(id, Map.of(field, "x".repeat(10_000))));
        }
        String noEmail = Platform.unique("noemail");
        bad.put(noEmail, "{\"id\":\"" + noEmail + "\",\"company\":\"C\",\"adminName\":\"boss\",\"sendPasswordResetEmail\":true}");
        String both = Platform.unique("both");
        bad.put(both, "{\"id\":\"" + both + "\",\"company\":\"C\",\"adminName\":\"boss\",\"adminEmail\":\"b@x.example\","
                + "\"adminPassword\":\"p\",\"sendPasswordResetEmail\":true}");
        String neither = Platform.unique("neither");
        bad.put(neither, "{\"id\":\"" + neither + "\",\"company\":\"C\",\"adminName\":\"boss\"}");
        String malformed = Platform.unique("malformed");
        bad.put(malformed, "{\"id\":\"" + malformed + "\",\"company\":");
        // refused by Keycloak's user profile after the realm was made: the whole creation is rolled back
        String badEmail = Platform.unique("bademail");
        bad.put(badEmail, body(badEmail, Map.of("adminEmail", "not-an-address")));
        String reserved = Platform.unique("reserved");
        bad.put(reserved, body(reserved, Map.of("adminName", "jill$boss")));
        for (var entry : bad.entrySet()) {
            Http.Reply reply = as(operator).send("POST", TENANTS, entry.getValue());
            assertThat(reply.status()).as(shorten(entry.getValue()) + " -> " + reply.body()).isEqualTo(400);
            assertThat(reply.json().get("error_description").asText()).isNotEmpty();
            assertThat(reply.body()).doesNotContain("Exception");
            assertThat(realmExists(entry.getKey())).as("no half-created realm " + entry.getKey()).isFalse();
            assertThat(SupportAccessClient.admin().inventory(Platform.MANAGEMENT).tenantObject(entry.getKey())).isNull();
            assertThat(tenantRecords(entry.getKey())).isEmpty();
        }
        Http.Reply noBody = as(operator).send("POST", TENANTS, null);
        assertThat(noBody.status()).isEqualTo(400);
        Http.Reply suspendWithoutPassword = as(operator).send("POST", TENANTS + "/" + create(operator, Platform.unique("nopw"), Map.of())
                + "/suspend", "{}");
        assertThat(suspendWithoutPassword.status()).isEqualTo(400);
    }

    // --- helpers

    /** Tokens of the tests' operators, fetched once a minute: a password login per request would reset their brute-force counts. */
    private static final Map<String, Map.Entry<Long, String>> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    static SupportAccessClient as(String username) {
        return SupportAccessClient.withToken(() -> {
            var cached = TOKENS.get(username);
            if (cached == null || System.currentTimeMillis() - cached.getKey() > 60_000) {
                cached = Map.entry(System.currentTimeMillis(), Platform.managementToken(username, PASSWORD));
                TOKENS.put(username, cached);
            }
            return cached.getValue();
        });
    }

    static Http.Reply suspend(String username, String tenant, String password) {
        return as(username).send("POST", TENANTS + "/" + tenant + "/suspend", "{\"password\":\"" + password + "\"}");
    }

    /** A creation body with an administrator "{id}-boss" (password "boss-secret-1"), plus the given fields. */
    static String body(String id, Map<String, String> extra) {
        ObjectNode json = Http.JSON.createObjectNode();
        json.put("id", id);
        json.put("company", "Company of " + id);
        json.put("adminName", id + "-boss");
        json.put("adminPassword", "boss-secret-1");
        extra.forEach(json::put);
        return json.toString();
    }

    static String create(String username, String id, Map<String, String> extra) {
        expect(as(username).send("POST", TENANTS, body(id, extra)), 201);
        return id;
    }

    static JsonNode expect(Http.Reply reply, int status) {
        assertThat(reply.status()).as(reply.raw().request().method() + " " + reply.raw().uri() + " -> " + reply.body()).isEqualTo(status);
        return reply.body() == null || reply.body().isEmpty() ? null : reply.json();
    }

    /** The management realm's audit records of type Tenant about one tenant, newest first. */
    static List<JsonNode> tenantRecords(String id) {
        return SupportAccessClient.admin().audit(Platform.MANAGEMENT, Map.of("type", "Tenant")).stream()
                .filter(r -> r.get("source").asText().startsWith("support-access/tenants/" + id)
                        && (r.get("source").asText().length() == ("support-access/tenants/" + id).length()
                        || r.get("source").asText().charAt(("support-access/tenants/" + id).length()) == '/'))
                .toList();
    }

    static boolean realmExists(String id) {
        return Http.get(Platform.url() + "/admin/realms/" + Http.enc(id), Platform.adminToken()).status() == 200;
    }

    static int failures(String userId) {
        return Http.get(Platform.url() + "/admin/realms/" + Platform.MANAGEMENT + "/attack-detection/brute-force/users/" + userId,
                Platform.adminToken()).json().path("numFailures").asInt();
    }

    /** The tests' public client in a tenant made through the API (it has only Keycloak's own clients). */
    static void addLoginClient(String realm) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(Platform.CLIENT);
        client.setPublicClient(true);
        client.setDirectAccessGrantsEnabled(true);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of(Platform.REDIRECT_URI));
        try (Response response = Platform.realm(realm).clients().create(client)) {
            assertThat(response.getStatus()).isEqualTo(201);
        }
    }

    /**
     * Logs in through the login pages, completing what Keycloak asks of a new administrator first
     * (the profile: first and last name), and returns the access token.
     */
    static String browserLogin(String realm, String username, String password) {
        Browser browser = new Browser();
        Browser.Result page = browser.login(realm, username, password);
        for (int step = 0; step < 3 && !page.redirectedToClient(); step++) {
            if (page.page() != null && page.page().selectFirst("#kc-update-profile-form") != null) {
                page = browser.submit(page, "#kc-update-profile-form", Map.of("firstName", "Ada", "lastName", "Admin"));
            } else {
                throw new AssertionError("unexpected page after login: " + page.url() + " " + page.text());
            }
        }
        assertThat(page.redirectedToClient()).as(page.text()).isTrue();
        Http.Reply tokens = Browser.exchange(realm, page.code());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return tokens.json().get("access_token").asText();
    }

    /** The one message GreenMail received for an address (waits for its delivery, which the server finished before answering). */
    static MimeMessage mailTo(String address) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        Await.until(Duration.ofSeconds(20), () -> {
            found.clear();
            for (MimeMessage message : smtp.getReceivedMessages()) {
                try {
                    if (Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(address))) {
                        found.add(message);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return !found.isEmpty();
        }, () -> "no e-mail to " + address);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    /** The plain text of a message (all text parts). */
    static String textOf(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof String text) {
            return text;
        }
        StringBuilder text = new StringBuilder();
        collect((Multipart) content, text);
        return text.toString();
    }

    private static void collect(Multipart multipart, StringBuilder text) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.getContent() instanceof Multipart nested) {
                collect(nested, text);
            } else if (part.getContent() instanceof String value) {
                text.append(value).append('\n');
            }
        }
    }

    static String shorten(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "..." : value;
    }
}

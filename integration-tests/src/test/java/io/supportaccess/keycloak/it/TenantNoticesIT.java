package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.supportaccess.keycloak.it.support.Await;
import io.supportaccess.keycloak.it.support.Clock;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import io.supportaccess.keycloak.it.support.TenantWithSupport;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * The platform setting "notify tenants": a tenant's administrators (Tenant management or User
 * management ADMIN, with a verified e-mail) are e-mailed when a support session starts in their
 * tenant and when its support requests change, through the tenant's own mail server (GreenMail on
 * loopback), in the tenant's language. Notices are sent one after the other after the transaction
 * that caused them, so once a later notice has arrived every earlier one has been handled.
 */
class TenantNoticesIT {

    static final String PASSWORD = "admin-secret";

    static GreenMail smtp;

    @BeforeAll
    static void startMailServer() {
        smtp = new GreenMail(new ServerSetup(Await.freeLoopbackPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopMailServer() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    /** Each test starts from a platform that opens every tenant, whatever a class before left behind. */
    @BeforeEach
    void openPlatform() {
        Platform.putSettings("{\"notifyTenants\":false,\"supportAccessActivated\":true}");
    }

    @AfterEach
    void restore() {
        Platform.putSettings("{\"notifyTenants\":false,\"supportAccessActivated\":true}");
    }

    @Test
    void theTenantsAdministratorsAreToldOfSupportSessionsAndRequests() throws Exception {
        TenantWithSupport t = TenantWithSupport.in(tenantWithMailServer("notice", smtp.getSmtp().getPort()));
        String boss = administrator(t.tenant(), "boss", true);
        String keeper = userManagerThroughGroup(t.tenant(), "keeper");
        String unverified = administrator(t.tenant(), "unverified", false);
        String john = TenantWithSupport.JOHN + "@" + t.tenant() + ".example";

        // off (the default): a support login tells nobody (another support user, so that an e-mail would stand out)
        assertThat(Platform.initialSettings().get("notifyTenants").asBoolean()).isFalse();
        String jack = Platform.unique("jack");
        Platform.createSupportUser(jack, TenantWithSupport.JILL_PASSWORD, "Support");
        assertThat(Platform.passwordGrant(t.tenant(), jack + "$john", TenantWithSupport.JILL_PASSWORD).status()).isEqualTo(200);

        Platform.putSettings("{\"notifyTenants\":true}");
        assertThat(t.supportGrant().status()).isEqualTo(200);
        MimeMessage toBoss = awaitMail(boss, "logged in");
        assertThat(toBoss.getSubject()).isEqualTo("Support user " + t.jill() + " logged in to tenant " + t.tenant() + " as john");
        assertThat(textOf(toBoss)).contains(t.jill(), "as your user john", t.tenant(), t.supportLogin(), " UTC")
                .doesNotContain("Reason given");
        assertThat(toBoss.getFrom()[0].toString()).contains("tenant@" + t.tenant() + ".example");
        awaitMail(keeper, "logged in");

        // the same support user as the same user again within the hour: no second e-mail
        assertThat(t.supportGrant().status()).isEqualTo(200);

        // john enables support (the platform no longer opens the tenant), then disables it
        Platform.setSupportActivated(false);
        String johnToken = t.johnToken();
        assertThat(SupportAccessClient.ofTenant(t.tenant(), johnToken).enable().status()).isEqualTo(201);
        MimeMessage enabled = awaitMail(boss, "was enabled");
        assertThat(enabled.getSubject()).isEqualTo("Support access to tenant " + t.tenant() + " was enabled");
        assertThat(textOf(enabled)).contains("user john enabled support access", "may log in to the tenant until");
        // every notice before this one has been handled
        assertThat(mailsTo(boss, "logged in")).as("one e-mail per support user, target and hour").hasSize(1);
        assertThat(mailsTo(boss, jack)).as("the setting was off").isEmpty();
        assertThat(mailsTo(unverified, "")).as("no verified e-mail address").isEmpty();
        assertThat(mailsTo(john, "")).as("not an administrator").isEmpty();

        assertThat(SupportAccessClient.ofTenant(t.tenant(), johnToken).disable().status()).isEqualTo(200);
        MimeMessage disabled = awaitMail(boss, "was disabled");
        assertThat(textOf(disabled)).contains("user john disabled support access", "No support request keeps the tenant open");
        awaitMail(keeper, "was disabled");

        JsonNode status = SupportAccessClient.ofTenant(t.tenant(), Platform.token(t.tenant(), "boss", PASSWORD)).status();
        assertThat(status.get("notifyTenants").asBoolean()).isTrue();
        assertThat(status.get("noticeFailures").asInt()).isZero();
    }

    @Test
    void anExpiredRequestIsTold() throws Exception {
        TenantWithSupport t = TenantWithSupport.in(tenantWithMailServer("expiry", smtp.getSmtp().getPort()));
        String boss = administrator(t.tenant(), "boss", true);
        Clock.putSettings("{\"notifyTenants\":true,\"supportAccessActivated\":false,\"validityLimitHours\":1}");
        try {
            assertThat(SupportAccessClient.ofTenant(t.tenant(), t.johnToken()).enable().status()).isEqualTo(201);
            awaitMail(boss, "was enabled");
            Clock.set(3600 + 60);
            assertThat(Clock.awaitRequestEvent(t.tenant(), "EXPIRED")).as("expiry task ran").isNotNull();
            MimeMessage expired = awaitMail(boss, "has expired");
            assertThat(expired.getSubject()).isEqualTo("Support access to tenant " + t.tenant() + " has expired");
            assertThat(textOf(expired)).contains("expired at", "No support request keeps the tenant open");
        } finally {
            Clock.set(0);
            Clock.putSettings("{\"validityLimitHours\":24}");
        }
    }

    @Test
    void aFailingMailServerNeitherDelaysNorFailsTheLoginAndIsCounted() {
        // a loopback port nobody listens on: the mail server refuses the connection
        TenantWithSupport t = TenantWithSupport.in(tenantWithMailServer("nomail", Await.freeLoopbackPort()));
        administrator(t.tenant(), "boss", true);
        Platform.putSettings("{\"notifyTenants\":true}");

        assertThat(t.supportGrant().status()).isEqualTo(200);
        SupportAccessClient.TenantSupport tenant = SupportAccessClient.ofTenant(t.tenant(), Platform.token(t.tenant(), "boss", PASSWORD));
        Await.until(Duration.ofSeconds(30), () -> tenant.status().get("noticeFailures").asInt() > 0,
                () -> "no failed notice counted: " + tenant.status());
        JsonNode status = tenant.status();
        assertThat(status.get("noticeFailures").asInt()).isEqualTo(1);
        assertThat(status.get("lastNoticeFailureAt").asText()).endsWith("Z");
    }

    @Test
    void aNoticeTheMailServerDidNotTakeIsSentAgainOnceItIsBack() throws Exception {
        int port = Await.freeLoopbackPort();
        TenantWithSupport t = TenantWithSupport.in(tenantWithMailServer("latemail", port));
        String boss = administrator(t.tenant(), "boss", true);
        Platform.putSettings("{\"notifyTenants\":true}");
        SupportAccessClient.TenantSupport tenant = SupportAccessClient.ofTenant(t.tenant(), Platform.token(t.tenant(), "boss", PASSWORD));

        assertThat(t.supportGrant().status()).isEqualTo(200);
        // the first attempt fails (nobody listens on the port): the failure time is set, the notice not yet counted as failed
        Await.until(Duration.ofSeconds(30), () -> tenant.status().hasNonNull("lastNoticeFailureAt"),
                () -> "no failed attempt recorded: " + tenant.status());
        assertThat(tenant.status().get("noticeFailures").asInt()).isZero();

        GreenMail late = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        late.start();
        try {
            Await.until(Duration.ofSeconds(30), () -> late.getReceivedMessages().length > 0, () -> "the notice was not sent again");
            MimeMessage mail = late.getReceivedMessages()[0];
            assertThat(mail.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo(boss);
            assertThat(mail.getSubject()).contains(t.jill(), "logged in");
            // the retries would all have run by now (after 2, 4 and 8 s): one e-mail, nothing counted as failed
            Await.sleep(10_000);
            assertThat(late.getReceivedMessages()).hasSize(1);
            assertThat(tenant.status().get("noticeFailures").asInt()).isZero();
        } finally {
            late.stop();
        }
    }

    @Test
    void aGermanTenantIsToldInGerman() throws Exception {
        String name = tenantWithMailServer("notice-de", smtp.getSmtp().getPort());
        RealmRepresentation realm = Platform.realm(name).toRepresentation();
        realm.setInternationalizationEnabled(true);
        realm.setSupportedLocales(Set.of("en", "de"));
        realm.setDefaultLocale("de");
        Platform.realm(name).update(realm);
        TenantWithSupport t = TenantWithSupport.in(name);
        String boss = administrator(name, "boss", true);
        Platform.putSettings("{\"notifyTenants\":true}");

        assertThat(t.supportGrant().status()).isEqualTo(200);
        MimeMessage mail = awaitMail(boss, "angemeldet");
        assertThat(mail.getSubject()).isEqualTo("Support-Benutzer " + t.jill() + " hat sich bei Mandant " + name + " als john angemeldet");
        assertThat(textOf(mail)).contains("als Ihr Benutzer john", "Audit-Log", "Sie erhalten diese E-Mail");
    }

    // --- set-up

    /** A tenant whose own SMTP settings point at the given loopback port. */
    static String tenantWithMailServer(String prefix, int port) {
        String tenant = Platform.createTenant(prefix);
        RealmRepresentation realm = Platform.realm(tenant).toRepresentation();
        realm.setSmtpServer(Map.of("host", "127.0.0.1", "port", String.valueOf(port), "from", "tenant@" + tenant + ".example"));
        Platform.realm(tenant).update(realm);
        return tenant;
    }

    /** A user of the seed's global role "admins" (Tenant management ADMIN and the rest); returns the e-mail address. */
    static String administrator(String tenant, String username, boolean emailVerified) {
        String id = Platform.createUser(tenant, username, PASSWORD, u -> u.setEmailVerified(emailVerified));
        Platform.grantRealmRoles(tenant, id, "admins");
        return username + "@" + tenant + ".example";
    }

    /** A member of a group holding User management ADMIN; returns the e-mail address. */
    static String userManagerThroughGroup(String tenant, String username) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName("user-managers");
        String groupId;
        try (Response response = Platform.realm(tenant).groups().add(group)) {
            assertThat(response.getStatus()).isEqualTo(201);
            String location = response.getLocation().getPath();
            groupId = location.substring(location.lastIndexOf('/') + 1);
        }
        Platform.realm(tenant).groups().group(groupId).roles().realmLevel()
                .add(List.of(Platform.realm(tenant).roles().get("ROLE_USER_MANAGEMENT_ADMIN").toRepresentation()));
        String id = Platform.createUser(tenant, username, PASSWORD);
        Platform.realm(tenant).users().get(id).joinGroup(groupId);
        return username + "@" + tenant + ".example";
    }

    // --- mails

    static List<MimeMessage> mailsTo(String address, String subjectPart) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(address))
                        && message.getSubject().contains(subjectPart);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The one e-mail to the address whose subject contains the part, once it has arrived. */
    static MimeMessage awaitMail(String address, String subjectPart) {
        Await.until(Duration.ofSeconds(30), () -> !mailsTo(address, subjectPart).isEmpty(),
                () -> "no e-mail '" + subjectPart + "' to " + address);
        List<MimeMessage> found = mailsTo(address, subjectPart);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

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
}

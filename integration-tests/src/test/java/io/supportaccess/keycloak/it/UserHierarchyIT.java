package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Await;
import io.supportaccess.keycloak.it.support.Browser;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * User hierarchies (seeds "Managing user hierarchies"): owners and sub-users, a Shared User Manager
 * who manages only their own tree, roles bounded by the owner's (the same roles, not fewer
 * permissions), delegation, cycles refused, sub-users moving up when their owner goes; all through
 * {@code /admin/realms/{realm}/support-access/users} with the callers' own tokens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserHierarchyIT {

    static final String JSON = "application/json";

    String tenant;
    String users;

    @BeforeAll
    void tenant() {
        tenant = Platform.createTenant("hier");
        users = Platform.url() + "/admin/realms/" + tenant + "/support-access/users";
    }

    @Test
    void aSharedUserManagerCreatesSubUsersAndManagesOnlyThem() {
        // CREATE alone: the catalogue's "Shared User Manager" also holds User management READ, which reads every user
        String maryId = user("mary", "ROLE_USER_MANAGEMENT_CREATE", "business");
        String bobId = user("bob", "business");
        String mary = token("mary");

        Http.Reply created = Http.post(users, mary, JSON, "{\"username\":\"" + name("sam") + "\",\"email\":\"sam-" + maryId
                + "@example.org\",\"roles\":[\"business\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String samId = created.json().get("id").asText();
        assertThat(created.json().get("owner").get("id").asText()).as("CREATE makes the creator the owner").isEqualTo(maryId);
        assertThat(roles(created.json())).containsExactly("business");
        assertThat(Http.get(users + "/" + maryId, mary).json().get("subUsers").asInt()).isEqualTo(1);

        List<String> visible = ids(Http.get(users, mary).json());
        assertThat(visible).contains(maryId, samId).doesNotContain(bobId);
        assertThat(Http.get(users + "/" + bobId, mary).status()).as("another user's existence is not shown").isEqualTo(404);
        assertThat(put(users + "/" + bobId + "/roles", mary, "{\"roles\":[]}").status()).isEqualTo(404);
        assertThat(ids(Http.get(users + "?owner=" + maryId, mary).json())).containsExactly(samId);

        assertThat(put(users + "/" + samId + "/roles", mary, "{\"roles\":[\"business\",\"ROLE_USER_MANAGEMENT_CREATE\"]}").status())
                .as("a role mary holds herself").isEqualTo(200);
        Http.Reply notHeld = put(users + "/" + samId + "/roles", mary, "{\"roles\":[\"admins\"]}");
        assertThat(notHeld.status()).as("a role mary does not hold").isEqualTo(403);
        assertThat(notHeld.body()).contains("admins");
        assertThat(roles(Http.get(users + "/" + samId, admin()).json())).containsExactly("ROLE_USER_MANAGEMENT_CREATE", "business");

        assertThat(put(users + "/" + maryId + "/roles", mary, "{\"roles\":[\"business\",\"ROLE_USER_MANAGEMENT_CREATE\",\"admins\"]}").status())
                .as("nobody without User management ADMIN edits their own roles").isEqualTo(403);
        assertThat(Http.post(users, mary, JSON, "{\"username\":\"" + name("x") + "\",\"owner\":\"" + bobId + "\"}").status())
                .as("only ADMIN chooses another owner").isEqualTo(403);
        assertThat(Http.post(users, mary, JSON, "{\"username\":\"" + name("y") + "\",\"roles\":[\"admins\"]}").status())
                .as("nor creates a user with a role she does not hold").isEqualTo(403);
        assertThat(Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(users + "/" + bobId))
                .header("Authorization", "Bearer " + mary).DELETE().build()).status()).isEqualTo(404);

        // the sub-user's own sub-user is in mary's tree too, and she removes it
        String samsOwn = Http.post(users, admin(), JSON, "{\"username\":\"" + name("tom") + "\",\"owner\":\"" + samId + "\"}").json()
                .get("id").asText();
        assertThat(ids(Http.get(users, mary).json())).contains(samsOwn);
        assertThat(delete(users + "/" + samsOwn, mary).status()).isEqualTo(204);
        assertThat(Platform.realm(tenant).users().search(null, null, null, null, 0, 1000).stream().map(u -> u.getId()).toList())
                .doesNotContain(samsOwn);
    }

    @Test
    void anOwnedUserHoldsTheSameRolesAsTheOwnerNotJustFewerPermissions() {
        String ownerId = user("olga", "Global Manager");
        String ownedId = user("otto");
        assertThat(put(users + "/" + ownedId + "/owner", admin(), "{\"owner\":\"" + ownerId + "\"}").status()).isEqualTo(200);

        Http.Reply fewer = put(users + "/" + ownedId + "/roles", admin(), "{\"roles\":[\"Global Reader\"]}");
        assertThat(fewer.status()).as("Global Reader grants less than Global Manager, but is another role").isEqualTo(409);
        assertThat(fewer.body()).contains("Global Reader");
        assertThat(put(users + "/" + ownedId + "/roles", admin(), "{\"roles\":[\"Global Manager\"]}").status()).isEqualTo(200);
        List<String> assignable = new ArrayList<>();
        Http.get(users + "/" + ownedId + "/assignable-roles", admin()).json().forEach(r -> assignable.add(r.get("name").asText()));
        assertThat(assignable).containsExactly("Global Manager");

        assertThat(put(users + "/" + ownerId + "/roles", admin(), "{\"roles\":[]}").status())
                .as("the owner keeps a role a sub-user holds").isEqualTo(409);

        String richId = user("rich", "admins");
        Http.Reply beyond = put(users + "/" + richId + "/owner", admin(), "{\"owner\":\"" + ownerId + "\"}");
        assertThat(beyond.status()).as("a user holding more than the new owner").isEqualTo(409);
        assertThat(beyond.body()).contains("admins");
    }

    @Test
    void cyclesAreRefusedAlsoWhenTwoChangesMeet() throws Exception {
        String a = user("ann");
        String b = user("ben");
        String c = user("cid");
        assertThat(put(users + "/" + b + "/owner", admin(), "{\"owner\":\"" + a + "\"}").status()).isEqualTo(200);
        assertThat(put(users + "/" + c + "/owner", admin(), "{\"owner\":\"" + b + "\"}").status()).isEqualTo(200);
        Http.Reply cycle = put(users + "/" + a + "/owner", admin(), "{\"owner\":\"" + c + "\"}");
        assertThat(cycle.status()).isEqualTo(409);
        assertThat(cycle.body()).contains("cycle");
        assertThat(put(users + "/" + a + "/owner", admin(), "{\"owner\":\"" + a + "\"}").status()).isEqualTo(409);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String x = user("x" + round);
                String y = user("y" + round);
                CountDownLatch start = new CountDownLatch(1);
                Callable<Integer> xUnderY = () -> {
                    start.await();
                    return put(users + "/" + x + "/owner", admin(), "{\"owner\":\"" + y + "\"}").status();
                };
                Callable<Integer> yUnderX = () -> {
                    start.await();
                    return put(users + "/" + y + "/owner", admin(), "{\"owner\":\"" + x + "\"}").status();
                };
                Future<Integer> first = pool.submit(xUnderY);
                Future<Integer> second = pool.submit(yUnderX);
                start.countDown();
                List<Integer> statuses = List.of(first.get(), second.get());
                assertThat(statuses).as("round " + round + ": exactly one of two opposite changes at once").containsExactlyInAnyOrder(200, 409);
                JsonNode xRow = Http.get(users + "/" + x, admin()).json();
                JsonNode yRow = Http.get(users + "/" + y, admin()).json();
                assertThat(absent(xRow, "owner") || absent(yRow, "owner")).as("no cycle stored").isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void removingAnOwnerMovesTheirSubUsersUp() {
        String top = user("top");
        String mid = user("mid");
        String leaf1 = user("leaf1");
        String leaf2 = user("leaf2");
        String delegate = user("deleg");
        ok(put(users + "/" + mid + "/owner", admin(), "{\"owner\":\"" + top + "\"}"));
        ok(put(users + "/" + leaf1 + "/owner", admin(), "{\"owner\":\"" + mid + "\"}"));
        ok(put(users + "/" + leaf2 + "/owner", admin(), "{\"owner\":\"" + mid + "\"}"));
        Platform.grantRealmRoles(tenant, mid, "Shared User Manager");
        ok(put(users + "/" + delegate + "/delegated-by", admin(), "{\"delegatedBy\":\"" + mid + "\"}"));

        assertThat(delete(users + "/" + mid, admin()).status()).isEqualTo(204);
        assertThat(Http.get(users + "/" + leaf1, admin()).json().get("owner").get("id").asText()).isEqualTo(top);
        assertThat(Http.get(users + "/" + leaf2, admin()).json().get("owner").get("id").asText()).isEqualTo(top);
        assertThat(Http.get(users + "/" + top, admin()).json().get("subUsers").asInt()).isEqualTo(2);
        assertThat(absent(Http.get(users + "/" + delegate, admin()).json(), "delegatedBy")).as("delegation from a removed user ends").isTrue();

        // through Keycloak's own admin API as well: the top user goes, the leaves become unowned
        Platform.realm(tenant).users().get(top).remove();
        assertThat(absent(Http.get(users + "/" + leaf1, admin()).json(), "owner")).isTrue();
    }

    @Test
    void delegationLetsAnotherUserManageTheHierarchyUntilTakenBack() {
        String maryId = user("dmary", "Shared User Manager", "business");
        String samId = Http.post(users, token("dmary"), JSON, "{\"username\":\"" + name("dsam") + "\"}").json().get("id").asText();
        String daveId = user("ddave");
        String bobId = user("dbob", "Shared User Manager");

        assertThat(put(users + "/" + daveId + "/delegated-by", token("dbob"), "{\"delegatedBy\":\"" + maryId + "\"}").status())
                .as("nobody delegates another user's hierarchy").isEqualTo(403);
        Http.Reply delegated = put(users + "/" + daveId + "/delegated-by", token("dmary"), "{\"delegatedBy\":\"" + maryId + "\"}");
        assertThat(delegated.status()).as(delegated.body()).isEqualTo(200);
        assertThat(delegated.json().get("delegatedBy").get("id").asText()).isEqualTo(maryId);

        String dave = token("ddave");
        assertThat(Http.get(users + "/me", dave).json().get("delegators").get(0).get("id").asText()).isEqualTo(maryId);
        assertThat(ids(Http.get(users, dave).json())).contains(maryId, samId).doesNotContain(bobId);
        assertThat(put(users + "/" + samId + "/roles", dave, "{\"roles\":[\"business\"]}").status())
                .as("mary's roles, given in her tree").isEqualTo(200);
        assertThat(put(users + "/" + samId + "/roles", dave, "{\"roles\":[\"admins\"]}").status()).isEqualTo(403);
        assertThat(put(users + "/" + maryId + "/roles", dave, "{\"roles\":[]}").status()).as("not mary herself").isEqualTo(403);
        assertThat(Http.get(Platform.url() + "/admin/realms/" + tenant + "/support-access/inventory/groups", dave).status())
                .as("delegation works only inside user management").isEqualTo(403);
        assertThat(Http.post(users, dave, JSON, "{\"username\":\"" + name("dnew") + "\"}").status())
                .as("creating users needs the delegate's own CREATE").isEqualTo(403);

        assertThat(put(users + "/" + daveId + "/delegated-by", token("dmary"), "{\"delegatedBy\":null}").status()).isEqualTo(200);
        assertThat(Http.get(users, dave).status()).as("taken back").isEqualTo(403);
        assertThat(put(users + "/" + samId + "/roles", dave, "{\"roles\":[]}").status()).isEqualTo(403);
    }

    @Test
    void everyChangeIsAuditedWithWho() {
        String maryId = user("amary", "Shared User Manager", "business");
        String mary = token("amary");
        String samId = Http.post(users, mary, JSON, "{\"username\":\"" + name("asam") + "\"}").json().get("id").asText();
        String daveId = user("adave");
        ok(put(users + "/" + samId + "/roles", mary, "{\"roles\":[\"business\"]}"));
        ok(put(users + "/" + daveId + "/delegated-by", mary, "{\"delegatedBy\":\"" + maryId + "\"}"));
        ok(put(users + "/" + daveId + "/owner", admin(), "{\"owner\":\"" + maryId + "\"}"));

        List<JsonNode> records = Audit.all(tenant, Map.of("type", "User"));
        List<String> byMary = records.stream().filter(r -> r.get("who").asText().contains(name("amary"))).map(r -> r.get("activity").asText()).toList();
        assertThat(byMary).contains("User created", "User roles updated", "User delegation updated");
        assertThat(records.stream().map(r -> r.get("activity").asText())).contains("User owner updated");
        JsonNode roles = records.stream().filter(r -> r.get("activity").asText().equals("User roles updated")
                && r.get("who").asText().contains(name("amary"))).findFirst().orElseThrow();
        assertThat(roles.get("text").asText()).contains(name("asam"));
    }

    @Test
    void aNewUserGetsAFirstPasswordToChangeAtLoginOrAResetLinkByEmail() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(Await.freeLoopbackPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            // a tenant with a mail server and a password policy, so that the rest of this class keeps its short passwords
            String withMail = TenantNoticesIT.tenantWithMailServer("hierpw", smtp.getSmtp().getPort());
            RealmRepresentation policy = Platform.realm(withMail).toRepresentation();
            policy.setPasswordPolicy("length(12)");
            Platform.realm(withMail).update(policy);
            String managerName = Platform.unique("mgr");
            Platform.grantRealmRoles(withMail, Platform.createUser(withMail, managerName, "manager-password-1"), "ROLE_USER_MANAGEMENT_CREATE");
            String manager = Platform.token(withMail, managerName, "manager-password-1");
            String api = Platform.url() + "/admin/realms/" + withMail + "/support-access/users";

            // a first password, to be changed at the first login (the default)
            String pia = Platform.unique("pia");
            Http.Reply first = Http.post(api, manager, JSON, "{\"username\":\"" + pia + "\",\"password\":\"pia-first-pass-1\"}");
            assertThat(first.status()).as(first.body()).isEqualTo(201);
            assertThat(first.body()).doesNotContain("pia-first-pass-1");
            Http.Reply piaLogin = Platform.passwordGrant(withMail, pia, "pia-first-pass-1");
            assertThat(piaLogin.status()).as(piaLogin.body()).isEqualTo(400);
            assertThat(piaLogin.json().get("error_description").asText()).isEqualTo("Account is not fully set up");
            assertThat(Platform.realm(withMail).users().get(first.json().get("id").asText()).toRepresentation().getRequiredActions())
                    .containsExactly("UPDATE_PASSWORD");
            Browser.Result changeIt = new Browser().login(withMail, pia, "pia-first-pass-1");
            assertThat(changeIt.page().select("input[name=password-new]")).as(changeIt.text()).isNotEmpty();

            // a password that is final
            String paul = Platform.unique("paul");
            // (a complete profile: the realm's user profile would otherwise ask for one at the login)
            assertThat(Http.post(api, manager, JSON, "{\"username\":\"" + paul + "\",\"password\":\"paul-final-pass-1\","
                    + "\"passwordTemporary\":false,\"email\":\"" + paul + "@example.org\",\"firstName\":\"Paul\",\"lastName\":\"Test\"}")
                    .status()).isEqualTo(201);
            assertThat(Platform.passwordGrant(withMail, paul, "paul-final-pass-1").status()).isEqualTo(200);

            // the realm's password policy decides; a refused password creates nobody
            String shortOne = Platform.unique("short");
            Http.Reply tooShort = Http.post(api, manager, JSON, "{\"username\":\"" + shortOne + "\",\"password\":\"short-1\"}");
            assertThat(tooShort.status()).as(tooShort.body()).isEqualTo(400);
            assertThat(tooShort.json().get("error_description").asText()).isEqualTo("The password is not valid: Invalid password: minimum length 12.");
            assertThat(Platform.realm(withMail).users().searchByUsername(shortOne, true)).isEmpty();

            // a password reset link by e-mail, through the realm's mail server; it opens Keycloak's Update password
            String rita = Platform.unique("rita");
            String ritaMail = rita + "@example.org";
            Http.Reply linked = Http.post(api, manager, JSON, "{\"username\":\"" + rita + "\",\"email\":\"" + ritaMail + "\","
                    + "\"sendPasswordResetEmail\":true}");
            assertThat(linked.status()).as(linked.body()).isEqualTo(201);
            Await.until(Duration.ofSeconds(30), () -> smtp.getReceivedMessages().length > 0, () -> "no e-mail to " + ritaMail);
            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(ritaMail);
            Matcher link = Pattern.compile("(http://[^\\s\"<>]+/login-actions/action-token\\?key=[^\\s\"<>]+)")
                    .matcher(GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("&amp;", "&").replace("=3D", "="));
            assertThat(link.find()).as(GreenMailUtil.getBody(mail)).isTrue();
            Browser.Result opened = new Browser().open(link.group(1));
            assertThat(opened.status()).isEqualTo(200);
            assertThat(opened.text()).containsAnyOf("Update Password", "Update password");

            // refusals: nothing is created
            String nobody = Platform.unique("nobody");
            assertThat(Http.post(api, manager, JSON, "{\"username\":\"" + nobody + "\",\"sendPasswordResetEmail\":true}").status())
                    .as("a link needs the user's e-mail").isEqualTo(400);
            Http.Reply noServer = Http.post(users, admin(), JSON, "{\"username\":\"" + nobody + "\",\"email\":\"" + nobody
                    + "@example.org\",\"sendPasswordResetEmail\":true}");
            assertThat(noServer.status()).as(noServer.body()).isEqualTo(409);
            assertThat(noServer.json().get("error_description").asText()).contains("no e-mail server");
            // a mail server that does not take the e-mail (nobody listens on its port): 502, and the user is not created
            String deadMail = TenantNoticesIT.tenantWithMailServer("hierdead", Await.freeLoopbackPort());
            Http.Reply refused = Http.post(Platform.url() + "/admin/realms/" + deadMail + "/support-access/users", admin(), JSON,
                    "{\"username\":\"" + nobody + "\",\"email\":\"" + nobody + "@example.org\",\"sendPasswordResetEmail\":true}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(502);
            assertThat(refused.json().get("error_description").asText()).contains("could not be sent", "the user was not created");
            assertThat(Platform.realm(deadMail).users().searchByUsername(nobody, true)).isEmpty();
            assertThat(Http.post(api, manager, JSON, "{\"username\":\"" + nobody + "\",\"password\":42}").status()).isEqualTo(400);
            assertThat(Http.post(api, manager, JSON, "{\"username\":\"" + nobody + "\",\"password\":\"\"}").status()).isEqualTo(400);
            assertThat(Http.post(api, manager, JSON, "{\"username\":\"" + nobody + "\",\"passwordTemporary\":true}").status())
                    .as("passwordTemporary without a password").isEqualTo(400);
            assertThat(Http.post(api, manager, JSON, "{\"username\":\"" + nobody + "\",\"password\":\"nobody-pass-12\","
                    + "\"passwordTemporary\":\"yes\"}").status()).isEqualTo(400);
            assertThat(Platform.realm(withMail).users().searchByUsername(nobody, true)).isEmpty();
            assertThat(Platform.realm(tenant).users().searchByUsername(nobody, true)).isEmpty();

            // the password is in no audit record
            assertThat(Audit.all(withMail, Map.of()).stream().map(JsonNode::toString))
                    .isNotEmpty().noneMatch(record -> record.contains("pia-first-pass-1") || record.contains("paul-final-pass-1"));
        } finally {
            smtp.stop();
        }
    }

    @Test
    void badCallsAreRefusedClearly() {
        String plainId = user("plain");
        String u = user("target");
        assertThat(Http.get(users, token("plain")).status()).as("no user management at all").isEqualTo(403);
        assertThat(put(users + "/" + u + "/roles", admin(), "{\"roles\":[\"no-such-role\"]}").status()).isEqualTo(400);
        assertThat(put(users + "/" + u + "/owner", admin(), "{\"owner\":\"no-such-user\"}").status()).isEqualTo(404);
        assertThat(put(users + "/" + u + "/owner", admin(), "{}").status()).isEqualTo(400);
        assertThat(put(users + "/" + u + "/owner", admin(), "{\"owner\":42}").status()).isEqualTo(400);
        assertThat(put(users + "/" + u + "/owner", admin(), "not json").status()).isEqualTo(400);
        assertThat(put(users + "/" + u + "/roles", admin(), "{\"roles\":[],\"extra\":1}").status()).isEqualTo(400);
        assertThat(Http.post(users, admin(), JSON, "{\"username\":\"" + name("plain").substring(0, 1) + "$x\"}").status())
                .as("the support separator stays reserved").isEqualTo(400);
        Http.Reply taken = Http.post(users, admin(), JSON, "{\"username\":\"" + Http.get(users + "/" + plainId, admin()).json()
                .get("username").asText() + "\"}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(Http.get(users + "/" + "x".repeat(300), admin()).status()).isEqualTo(404);
        assertThat(Http.get(users + "?max=0", admin()).status()).isEqualTo(400);
        assertThat(Http.get(users, null).status()).isEqualTo(401);
    }

    // ---

    private String user(String prefix, String... roles) {
        String id = Platform.createUser(tenant, name(prefix), "pw-" + prefix);
        if (roles.length > 0) {
            Platform.grantRealmRoles(tenant, id, roles);
        }
        return id;
    }

    /** Usernames are unique per test class instance: the prefix with a suffix fixed per prefix. */
    private final Map<String, String> names = new java.util.concurrent.ConcurrentHashMap<>();

    private String name(String prefix) {
        return names.computeIfAbsent(prefix, Platform::unique);
    }

    private String token(String prefix) {
        return Platform.token(tenant, name(prefix), "pw-" + prefix);
    }

    private static Http.Reply put(String url, String bearer, String body) {
        return Http.put(url, bearer, JSON, body);
    }

    /** Keycloak's JSON leaves out null fields. */
    private static boolean absent(JsonNode row, String field) {
        return row.path(field).isMissingNode() || row.path(field).isNull();
    }

    /** A fresh token of the master administrator (an access token lives a minute). */
    private static String admin() {
        return Platform.adminToken();
    }

    private static void ok(Http.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private static Http.Reply delete(String url, String bearer) {
        return Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Authorization", "Bearer " + bearer)
                .DELETE().build());
    }

    private static List<String> ids(JsonNode rows) {
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.get("id").asText()));
        return ids;
    }

    private static List<String> roles(JsonNode row) {
        List<String> roles = new ArrayList<>();
        row.get("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }
}

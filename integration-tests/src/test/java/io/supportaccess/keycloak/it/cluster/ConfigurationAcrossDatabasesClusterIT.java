package io.supportaccess.keycloak.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.KeycloakServer;
import io.supportaccess.keycloak.it.support.StandaloneKeycloak;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Configuration as code across databases: the extension's documents exported from a server on H2
 * and imported into a fresh server on PostgreSQL (and, after changes there, back with
 * {@code mode=replace}) make both answer the inventory decisions and the support decisions the same
 * for a table of users, objects and permissions and of support users, tenants and target users.
 * Keycloak's own realm data (realms, users, roles, clients) is created on both servers alike first,
 * as Keycloak's realm export would carry it. Two servers of its own, not the shared cluster: a
 * fresh PostgreSQL with one node, and a dev-mode server on an H2 file; the management realm's
 * platform settings of the shared cluster stay untouched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigurationAcrossDatabasesClusterIT {

    private static final String MANAGEMENT = "management";
    private static final String EAST = "xdb-east";
    private static final String WEST = "xdb-west";
    private static final String CLOSED = "xdb-closed";
    private static final List<String> TENANTS = List.of(EAST, WEST, CLOSED);
    private static final List<String> REALMS = List.of(MANAGEMENT, EAST, WEST, CLOSED);

    private static final List<String> USERS = List.of("smith", "jones", "boss", "auditor");
    private static final List<String> OBJECTS = List.of("region", "region north", "pump-7", "meter");
    private static final List<String[]> PERMISSIONS = List.of(new String[] {"DEVICE_CONTROL", "c8y_Restart", "ADMIN"},
            new String[] {"INVENTORY", "*", "READ"}, new String[] {"INVENTORY", "*", "ADMIN"}, new String[] {"MEASUREMENTS", "c8y_Flow", "READ"});
    private static final List<String> SUPPORT_USERS = List.of("global-sam", "eu-sue", "no-ned");
    private static final List<String> TARGET_USERS = List.of("john", "ghost");
    private static final String DECIDER_SECRET = "decider-secret";

    private Path root;
    private EmbeddedPostgres postgres;
    private KeycloakNode postgresNode;
    private StandaloneKeycloak h2Keycloak;
    private Server h2;
    private Server pg;

    @BeforeAll
    void startServers() throws Exception {
        root = Path.of(System.getProperty("cluster.dir", "target/cluster") + "-configuration").toAbsolutePath();
        deleteTree(root);
        Files.createDirectories(root);
        CompletableFuture<Void> h2Started = CompletableFuture.runAsync(() -> {
            h2Keycloak = StandaloneKeycloak.copy(StandaloneKeycloak.distribution(), root.resolve("h2"), true);
            h2Keycloak.start(root.resolve("h2.log"));
        });
        try {
            postgres = EmbeddedPostgres.start();
            Path home = root.resolve("pg-node");
            run(List.of("cp", "-a", KeycloakServer.distribution().toAbsolutePath().toString(), home.toString()), root.resolve("pg-copy.log"));
            run(KeycloakNode.buildCommand(home), root.resolve("pg-build.log"));
            postgresNode = new KeycloakNode("pg-node", home, postgres.jdbcUrl());
            postgresNode.start();
        } finally {
            h2Started.join();
        }
        h2 = new Server("H2", h2Keycloak.baseUrl());
        pg = new Server("PostgreSQL", postgresNode.baseUrl());
    }

    @AfterAll
    void stopServers() {
        try {
            if (h2 != null) {
                h2.close();
            }
            if (pg != null) {
                pg.close();
            }
        } finally {
            try {
                if (h2Keycloak != null) {
                    h2Keycloak.stop();
                }
            } finally {
                try {
                    if (postgresNode != null) {
                        postgresNode.stop();
                    }
                } finally {
                    if (postgres != null) {
                        postgres.stop();
                    }
                }
            }
        }
    }

    @Test
    void documentsMovedBetweenH2AndPostgreSQLDecideTheSame() {
        createKeycloakData(h2);
        createKeycloakData(pg);
        createExtensionData(h2);

        // H2 -> PostgreSQL, into a fresh server
        List<String> inventoryOnH2 = inventoryDecisions(h2);
        List<String> supportOnH2 = supportDecisions(h2);
        assertThat(inventoryOnH2).hasSize(USERS.size() * OBJECTS.size() * PERMISSIONS.size())
                .contains("smith / pump-7 / DEVICE_CONTROL:c8y_Restart:ADMIN = granted", "smith / region / DEVICE_CONTROL:c8y_Restart:ADMIN = refused",
                        "jones / pump-7 / INVENTORY:*:READ = granted", "jones / meter / INVENTORY:*:READ = refused",
                        "smith / pump-7 / MEASUREMENTS:c8y_Flow:READ = granted", "auditor / meter / INVENTORY:*:READ = granted",
                        "boss / pump-7 / INVENTORY:*:READ = refused");
        assertThat(supportOnH2).hasSize(SUPPORT_USERS.size() * TENANTS.size() * TARGET_USERS.size())
                .contains("global-sam in xdb-east as john = GRANTED", "global-sam in xdb-west as john = TENANT_EXCLUDED",
                        "global-sam in xdb-closed as ghost = TENANT_CLOSED", "eu-sue in xdb-east as john = GRANTED",
                        "eu-sue in xdb-west as john = NOT_PERMITTED", "no-ned in xdb-east as john = NOT_PERMITTED");
        assertThat(supportDecisions(pg)).as("before the import the fresh server decides otherwise").isNotEqualTo(supportOnH2);

        move(h2, pg, "merge");
        assertThat(inventoryDecisions(pg)).isEqualTo(inventoryOnH2);
        assertThat(supportDecisions(pg)).isEqualTo(supportOnH2);

        // changed on PostgreSQL, then PostgreSQL -> H2, replacing what H2 holds
        changeExtensionData(pg);
        List<String> inventoryOnPg = inventoryDecisions(pg);
        List<String> supportOnPg = supportDecisions(pg);
        assertThat(inventoryOnPg).contains("jones / meter / INVENTORY:*:READ = granted", "smith / pump-7 / MEASUREMENTS:c8y_Flow:READ = refused",
                "smith / pump-7 / DEVICE_CONTROL:c8y_Restart:ADMIN = granted", "boss / meter / INVENTORY:*:READ = refused");
        assertThat(supportOnPg).contains("global-sam in xdb-west as john = GRANTED", "eu-sue in xdb-west as ghost = GRANTED",
                "eu-sue in xdb-closed as john = NOT_PERMITTED", "global-sam in xdb-closed as john = TENANT_CLOSED");
        assertThat(inventoryDecisions(h2)).isEqualTo(inventoryOnH2).isNotEqualTo(inventoryOnPg);
        assertThat(supportDecisions(h2)).isEqualTo(supportOnH2).isNotEqualTo(supportOnPg);

        move(pg, h2, "replace");
        assertThat(inventoryDecisions(h2)).isEqualTo(inventoryOnPg);
        assertThat(supportDecisions(h2)).isEqualTo(supportOnPg);
        assertThat(h2.inventory(EAST).roleNames()).as("replace removed the role removed on PostgreSQL").doesNotContain("Flow reader");
    }

    /**
     * Every realm's document from one server into the other; a second import of the same document
     * (a dry run) finds nothing to do, and the target exports the same document.
     */
    private static void move(Server from, Server to, String mode) {
        for (String realm : REALMS) {
            JsonNode document = from.export(realm);
            JsonNode report = to.importDocument(realm, document, mode, false);
            assertThat(report.get("dryRun").asBoolean()).isFalse();
            JsonNode again = to.importDocument(realm, document, "merge", true);
            assertThat(again.get("created")).as(from + " -> " + to + ", " + realm + ": " + again).isEmpty();
            assertThat(again.get("updated")).as(from + " -> " + to + ", " + realm + ": " + again).isEmpty();
            assertThat(again.get("removed")).as(from + " -> " + to + ", " + realm + ": " + again).isEmpty();
            assertThat(comparable(to.export(realm))).as(from + " -> " + to + ", " + realm).isEqualTo(comparable(document));
        }
    }

    // --- the data

    /** What Keycloak's own realm export carries, created alike on both servers. */
    private static void createKeycloakData(Server server) {
        for (String tenant : TENANTS) {
            RealmRepresentation realm = new RealmRepresentation();
            realm.setRealm(tenant);
            realm.setEnabled(true);
            server.admin.realms().create(realm);
            server.createUser(tenant, "john");
        }
        USERS.forEach(user -> server.createUser(EAST, user));
        server.grantRealmRoles(EAST, server.userId(EAST, "auditor"), "ROLE_INVENTORY_READ");
        ClientRepresentation decider = new ClientRepresentation();
        decider.setClientId("decider");
        decider.setSecret(DECIDER_SECRET);
        decider.setPublicClient(false);
        decider.setServiceAccountsEnabled(true);
        decider.setStandardFlowEnabled(false);
        try (Response response = server.admin.realm(EAST).clients().create(decider)) {
            assertThat(response.getStatus()).isEqualTo(201);
        }
        String clientId = server.admin.realm(EAST).clients().findByClientId("decider").get(0).getId();
        server.grantRealmRoles(EAST, server.admin.realm(EAST).clients().get(clientId).getServiceAccountUser().getId(), "ROLE_USER_MANAGEMENT_READ");
        SUPPORT_USERS.forEach(user -> server.createUser(MANAGEMENT, user));
        server.grantRealmRoles(MANAGEMENT, server.userId(MANAGEMENT, "global-sam"), "ROLE_SUPPORT_READ", "ROLE_SUPPORT_ADMIN");
    }

    /** The extension's data, on the source server only: inventory, roles, assignments, owner, selective support, settings. */
    private static void createExtensionData(Server server) {
        SupportAccessClient.Inventory inventory = server.inventory(EAST);
        String region = inventory.createGroup("region", null);
        String north = inventory.createGroup("region north", region);
        expectCreated(inventory.createObjectReply("{\"name\":\"pump-7\",\"type\":\"c8y_Device\",\"parentId\":\"" + north + "\"}"));
        expectCreated(inventory.createObjectReply("{\"name\":\"meter\",\"type\":\"c8y_Device\"}"));
        String flow = inventory.createRole("Flow reader", "[{\"scope\":\"MEASUREMENTS\",\"type\":\"c8y_Flow\",\"level\":\"READ\"}]");
        inventory.assign(server.userId(EAST, "smith"), north, inventory.roleId("Operations: Restart Device"), flow);
        inventory.assign(server.userId(EAST, "jones"), region, inventory.roleId("Reader"));
        Http.Reply owned = Http.put(server.url + "/admin/realms/" + EAST + "/support-access/users/" + server.userId(EAST, "smith") + "/owner",
                server.token(), "application/json", "{\"owner\":\"" + server.userId(EAST, "boss") + "\"}");
        assertThat(owned.status()).as(owned.body()).isEqualTo(200);

        SupportAccessClient.Inventory management = server.inventory(MANAGEMENT);
        String eu = management.createGroup("EU tenants", null);
        String euNorth = management.createGroup("EU north", eu);
        management.addChild(euNorth, management.tenantObjectId(EAST));
        management.assign(server.userId(MANAGEMENT, "eu-sue"), eu, management.roleId("Support"));
        server.client().putSettings("{\"supportAccessActivated\":[\"" + EAST + "\",\"" + WEST + "\"],\"excludedTenants\":[\"" + WEST + "\"],"
                + "\"validityLimitHours\":48,\"supportReasonRequired\":true}");
    }

    /** A later change on the target: an object moved, a role removed, a tenant added to the support group, the exclusion lifted. */
    private static void changeExtensionData(Server server) {
        SupportAccessClient.Inventory inventory = server.inventory(EAST);
        Map<String, String> objects = objectIds(inventory);
        inventory.addChild(objects.get("region"), objects.get("meter"));
        assertThat(inventory.deleteRole(inventory.roleId("Flow reader")).status()).isEqualTo(204);
        SupportAccessClient.Inventory management = server.inventory(MANAGEMENT);
        String euNorth = objectIds(management).get("EU north");
        management.addChild(euNorth, management.tenantObjectId(WEST));
        server.client().putSettings("{\"excludedTenants\":[],\"validityLimitHours\":24}");
    }

    // --- the decisions

    /** user / object / permission = granted or refused, through the decision endpoint for applications (one batch per user and permission). */
    private static List<String> inventoryDecisions(Server server) {
        Http.Reply tokenReply = Http.postForm(server.url + "/realms/" + EAST + "/protocol/openid-connect/token",
                Map.of("grant_type", "client_credentials", "client_id", "decider", "client_secret", DECIDER_SECRET));
        assertThat(tokenReply.status()).as(tokenReply.body()).isEqualTo(200);
        String token = tokenReply.json().get("access_token").asText();
        Map<String, String> ids = objectIds(server.inventory(EAST));
        String objects = OBJECTS.stream().map(name -> "\"" + ids.getOrDefault(name, "missing-" + name) + "\"").collect(Collectors.joining(","));
        List<String> answers = new ArrayList<>();
        for (String user : USERS) {
            for (String[] p : PERMISSIONS) {
                Http.Reply reply = Http.post(server.url + "/realms/" + EAST + "/support-access/permissions/decisions", token, "application/json",
                        "{\"user\":\"" + server.userId(EAST, user) + "\",\"scope\":\"" + p[0] + "\",\"type\":\"" + p[1] + "\",\"level\":\"" + p[2]
                                + "\",\"objects\":[" + objects + "]}");
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                JsonNode decisions = reply.json().get("decisions");
                for (int i = 0; i < OBJECTS.size(); i++) {
                    JsonNode decision = decisions.get(i);
                    answers.add(user + " / " + OBJECTS.get(i) + " / " + String.join(":", p) + " = "
                            + (!decision.get("found").asBoolean() ? "not found" : decision.get("granted").asBoolean() ? "granted" : "refused"));
                }
            }
        }
        assertThat(answers).as("granted and refused both, so that equal tables mean something")
                .anyMatch(a -> a.endsWith("= granted")).anyMatch(a -> a.endsWith("= refused"));
        return answers;
    }

    /** support user in tenant as target user = outcome, through the operators' decision endpoint. */
    private static List<String> supportDecisions(Server server) {
        List<String> answers = new ArrayList<>();
        for (String supportUser : SUPPORT_USERS) {
            for (String tenant : TENANTS) {
                for (String target : TARGET_USERS) {
                    Http.Reply reply = Http.get(server.url + "/admin/realms/" + MANAGEMENT + "/support-access/tenants/" + tenant
                            + "/decision?supportUser=" + supportUser + "&targetUser=" + target, server.token());
                    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                    answers.add(supportUser + " in " + tenant + " as " + target + " = " + reply.json().get("outcome").asText());
                }
            }
        }
        assertThat(answers).as("granted and refused both").anyMatch(a -> a.endsWith("= GRANTED")).anyMatch(a -> !a.endsWith("= GRANTED"));
        return answers;
    }

    private static Map<String, String> objectIds(SupportAccessClient.Inventory inventory) {
        Map<String, String> ids = new HashMap<>();
        for (JsonNode object : inventory.managedObjects(Map.of())) {
            assertThat(ids.put(object.get("name").asText(), object.get("id").asText())).as("names are unique here").isNull();
        }
        return ids;
    }

    /** The document without what differs by nature: the time of the export. */
    private static JsonNode comparable(JsonNode document) {
        ObjectNode copy = document.deepCopy();
        copy.remove("exportedAt");
        return copy;
    }

    private static void expectCreated(Http.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    // --- one server, through its admin API

    private static final class Server implements AutoCloseable {

        private final String name;
        private final String url;
        private final Keycloak admin;

        Server(String name, String url) {
            this.name = name;
            this.url = url;
            this.admin = Keycloak.getInstance(url, "master", KeycloakServer.ADMIN, KeycloakServer.ADMIN_PASSWORD, "admin-cli");
        }

        String token() {
            return admin.tokenManager().getAccessTokenString();
        }

        SupportAccessClient client() {
            return new SupportAccessClient(url, this::token);
        }

        SupportAccessClient.Inventory inventory(String realm) {
            return client().inventory(realm);
        }

        void createUser(String realm, String username) {
            UserRepresentation user = new UserRepresentation();
            user.setUsername(username);
            user.setEnabled(true);
            user.setEmail(username + "@" + realm + ".example");
            user.setEmailVerified(true);
            user.setFirstName(username);
            user.setLastName("Test");
            try (Response response = admin.realm(realm).users().create(user)) {
                assertThat(response.getStatus()).as("create " + username + " in " + realm + " on " + name).isEqualTo(201);
            }
        }

        String userId(String realm, String username) {
            return admin.realm(realm).users().search(username, true).get(0).getId();
        }

        void grantRealmRoles(String realm, String userId, String... roles) {
            List<RoleRepresentation> representations = Stream.of(roles).map(r -> admin.realm(realm).roles().get(r).toRepresentation()).toList();
            admin.realm(realm).users().get(userId).roles().realmLevel().add(representations);
        }

        JsonNode export(String realm) {
            Http.Reply reply = Http.get(url + "/admin/realms/" + realm + "/support-access/export", token());
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            return reply.json();
        }

        JsonNode importDocument(String realm, JsonNode document, String mode, boolean dryRun) {
            Http.Reply reply = Http.post(url + "/admin/realms/" + realm + "/support-access/import?mode=" + mode + "&dryRun=" + dryRun,
                    token(), "application/json", document.toString());
            assertThat(reply.status()).as(name + " " + realm + ": " + reply.body()).isEqualTo(200);
            return reply.json();
        }

        @Override
        public void close() {
            admin.close();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.exists(path)) {
            try (Stream<Path> paths = Files.walk(path)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

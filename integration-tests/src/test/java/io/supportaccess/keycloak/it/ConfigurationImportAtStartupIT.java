package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.KeycloakServer;
import io.supportaccess.keycloak.it.support.StandaloneKeycloak;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Start-up import: beside the realm files that {@code --import-realm} reads (in {@code data/import/support-access}),
 * each {@code <realm>-support-access.json} is merged into its realm; a failing file is logged with its
 * realm and the server starts; the next start changes nothing. A server of its own, started twice.
 */
class ConfigurationImportAtStartupIT {

    private static final Path DIR = Path.of("target/config-import-it");
    private static StandaloneKeycloak server;

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void filesBesideTheRealmFilesAreImportedOnceAndAFailureOnlyLogged() throws IOException {
        Path home = DIR.resolve("keycloak");
        server = StandaloneKeycloak.copy(StandaloneKeycloak.distribution(), home, true, "--import-realm", "--log-level=INFO,io.supportaccess:DEBUG");
        Path realms = Files.createDirectories(home.resolve("data/import"));
        Files.writeString(realms.resolve("cfgstart-realm.json"), realmFile("cfgstart"));
        Files.writeString(realms.resolve("cfgbroken-realm.json"), realmFile("cfgbroken"));
        // beside the realm files, not among them: Keycloak reads every *.json of data/import as a realm
        Path imports = Files.createDirectories(realms.resolve("support-access"));
        Files.writeString(imports.resolve("cfgstart-support-access.json"), document("cfgstart", "smith"));
        Files.writeString(imports.resolve("cfgbroken-support-access.json"), document("cfgbroken", "nobody"));
        Files.writeString(imports.resolve("ghost-support-access.json"), document("ghost", "smith"));

        Path first = DIR.resolve("start-1.log");
        server.start(first);
        JsonNode exported = export("cfgstart");
        assertThat(exported.get("inventory").toString()).contains("\"name\":\"plant\"", "\"children\":[\"pump-1\"]");
        assertThat(exported.get("assignments").toString()).contains("\"user\":\"smith\",\"group\":\"plant\",\"roles\":[\"Plant reader\"]");
        assertThat(exported.get("userHierarchy").toString()).isEqualTo("[{\"user\":\"smith\",\"owner\":\"boss\"}]");
        assertThat(export("cfgbroken").get("inventory").toString()).as("a refused file writes nothing").doesNotContain("plant");
        assertThat(Files.readString(first))
                .contains("Support access configuration of realm 'cfgstart' imported from cfgstart-support-access.json: 5 created")
                .contains("Support access configuration of realm 'cfgbroken' not imported from cfgbroken-support-access.json: assignments[0].user")
                .contains("Support access configuration of realm 'ghost' not imported from ghost-support-access.json: no realm 'ghost'");
        assertThat(imports("cfgstart")).isEqualTo(1);

        server.stop();
        Path second = DIR.resolve("start-2.log");
        server.start(second);
        assertThat(Files.readString(second))
                .contains("Support access configuration of realm 'cfgstart' imported from cfgstart-support-access.json: 0 created, 0 updated, 0 removed");
        assertThat(imports("cfgstart")).as("the second start wrote nothing").isEqualTo(1);
        assertThat(export("cfgstart").get("inventory")).isEqualTo(exported.get("inventory"));
    }

    private static String realmFile(String realm) {
        return "{\"realm\":\"" + realm + "\",\"enabled\":true,\"users\":["
                + "{\"username\":\"smith\",\"enabled\":true},{\"username\":\"boss\",\"enabled\":true}]}";
    }

    private static String document(String realm, String assignee) {
        return "{\"schema\":\"support-access/1\",\"realm\":\"" + realm + "\","
                + "\"inventory\":{\"objects\":[{\"name\":\"plant\",\"type\":\"c8y_DeviceGroup\",\"group\":true,\"children\":[\"pump-1\"]},"
                + "{\"name\":\"pump-1\",\"type\":\"c8y_Device\"}]},"
                + "\"inventoryRoles\":[{\"name\":\"Plant reader\",\"permissions\":[{\"scope\":\"INVENTORY\",\"type\":\"*\",\"level\":\"READ\"}]}],"
                + "\"assignments\":[{\"user\":\"" + assignee + "\",\"group\":\"plant\",\"roles\":[\"Plant reader\"]}],"
                + "\"userHierarchy\":[{\"user\":\"smith\",\"owner\":\"boss\"}]}";
    }

    private static String token() {
        Http.Reply reply = Http.postForm(server.baseUrl() + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", KeycloakServer.ADMIN, "password", KeycloakServer.ADMIN_PASSWORD));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("access_token").asText();
    }

    private static JsonNode export(String realm) {
        Http.Reply reply = Http.get(server.baseUrl() + "/admin/realms/" + realm + "/support-access/export", token());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static int imports(String realm) {
        Http.Reply reply = Http.get(server.baseUrl() + "/admin/realms/" + realm + "/support-access/audit?activity="
                + Http.enc("Configuration imported"), token());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("records").size();
    }
}

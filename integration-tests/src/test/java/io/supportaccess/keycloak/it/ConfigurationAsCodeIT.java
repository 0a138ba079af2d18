package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Configuration as code: a realm's extension data exported as one document and imported into a
 * fresh realm answers every inventory decision the same; importing twice changes nothing; a broken
 * document is refused by name and changes nothing; a dry run writes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigurationAsCodeIT {

    static final List<String> USERS = List.of("smith", "jones", "boss");
    static final List<String> OBJECTS = List.of("region", "region north", "pump-7", "meter");
    static final List<String[]> PERMISSIONS = List.of(new String[] {"DEVICE_CONTROL", "c8y_Restart", "ADMIN"},
            new String[] {"INVENTORY", "*", "READ"}, new String[] {"INVENTORY", "*", "ADMIN"}, new String[] {"MEASUREMENTS", "c8y_Flow", "READ"});

    String source;
    JsonNode exported;

    @BeforeAll
    void sourceRealm() {
        source = Platform.createTenant("cfg-source");
        createUsers(source);
        SupportAccessClient.Inventory inventory = SupportAccessClient.admin().inventory(source);
        String region = inventory.createGroup("region", null);
        String north = inventory.createGroup("region north", region);
        String pump = inventory.createObjectReply("{\"name\":\"pump-7\",\"type\":\"c8y_Device\",\"parentId\":\"" + north + "\"}")
                .json().get("id").asText();
        inventory.createObjectReply("{\"name\":\"meter\",\"type\":\"c8y_Device\"}");
        String flow = inventory.createRole("Flow reader", "[{\"scope\":\"MEASUREMENTS\",\"type\":\"c8y_Flow\",\"level\":\"READ\"}]");
        String smith = userId(source, "smith");
        String jones = userId(source, "jones");
        String boss = userId(source, "boss");
        inventory.assign(smith, north, inventory.roleId("Operations: Restart Device"), flow);
        inventory.assign(jones, region, inventory.roleId("Reader"));
        Http.Reply owned = SupportAccessClient.admin().send("PUT", "/admin/realms/" + source + "/support-access/users/" + smith + "/owner",
                "{\"owner\":\"" + boss + "\"}");
        assertThat(owned.status()).as(owned.body()).isEqualTo(200);
        assertThat(pump).isNotBlank();
        exported = export(source);
    }

    @Test
    void theExportNamesEverythingByNameAndIsVersioned() {
        assertThat(exported.get("schema").asText()).isEqualTo("support-access/1");
        assertThat(exported.get("realm").asText()).isEqualTo(source);
        assertThat(exported.toString()).doesNotContain(userId(source, "smith"));
        JsonNode north = object(exported, "region north");
        assertThat(north.get("group").asBoolean()).isTrue();
        assertThat(north.get("children").toString()).isEqualTo("[\"pump-7\"]");
        assertThat(object(exported, "region").get("children").toString()).isEqualTo("[\"region north\"]");
        assertThat(exported.get("assignments").toString()).contains("\"user\":\"smith\",\"group\":\"region north\",\"roles\":[\"Flow reader\",\"Operations: Restart Device\"]");
        assertThat(exported.get("userHierarchy").toString()).isEqualTo("[{\"user\":\"smith\",\"owner\":\"boss\"}]");
        assertThat(exported.has("settings")).as("a tenant realm has no platform settings").isFalse();
        assertThat(exported.has("history")).isFalse();

        JsonNode withHistory = Http.get(exportUrl(source) + "?history=true", Platform.adminToken()).json();
        assertThat(withHistory.get("history").has("supportRequests")).isTrue();
        assertThat(withHistory.get("history").has("audit")).isTrue();
        JsonNode management = export(Platform.MANAGEMENT);
        assertThat(management.get("settings").has("supportAccessActivated")).isTrue();
        assertThat(management.get("inventory").toString()).contains("\"type\":\"c8y_Tenant\"");
    }

    @Test
    void anImportedRealmDecidesTheSameAndExportsTheSame() {
        String target = Platform.createTenant("cfg-target");
        createUsers(target);
        JsonNode report = importInto(target, exported, "merge", false, source);
        assertThat(report.get("created").toString()).contains("object region", "object pump-7", "role Flow reader",
                "assignment smith on region north", "hierarchy of smith");

        List<String> before = decisions(source, OBJECTS);
        List<String> after = decisions(target, OBJECTS);
        assertThat(after).hasSize(USERS.size() * OBJECTS.size() * PERMISSIONS.size()).isEqualTo(before);
        assertThat(before).contains("smith/pump-7/DEVICE_CONTROL:c8y_Restart:ADMIN=true", "jones/pump-7/INVENTORY:*:READ=true",
                "jones/meter/INVENTORY:*:READ=false", "boss/pump-7/INVENTORY:*:READ=false");

        assertThat(comparable(export(target))).isEqualTo(comparable(exported));

        // the same document again: nothing to do, nothing written (not even an audit record)
        int audited = imports(target);
        assertThat(audited).isEqualTo(1);
        JsonNode again = importInto(target, exported, "merge", false, source);
        assertThat(again.get("created")).isEmpty();
        assertThat(again.get("updated")).isEmpty();
        assertThat(again.get("removed")).isEmpty();
        assertThat(again.get("unchanged").asInt()).isGreaterThan(10);
        assertThat(imports(target)).isEqualTo(audited);
        JsonNode record = SupportAccessClient.admin().audit(target, Map.of("activity", "Configuration imported")).get(0);
        assertThat(record.get("who").asText()).isEqualTo("master/admin");
    }

    @Test
    void replaceRemovesWhatTheDocumentDoesNotList() {
        String target = Platform.createTenant("cfg-replace");
        createUsers(target);
        importInto(target, exported, "merge", false, source);
        ObjectNode smaller = exported.deepCopy();
        ArrayNode objects = (ArrayNode) smaller.get("inventory").get("objects");
        for (int i = objects.size() - 1; i >= 0; i--) {
            if (objects.get(i).get("name").asText().equals("meter")) {
                objects.remove(i);
            }
        }
        ((ArrayNode) smaller.get("userHierarchy")).removeAll();
        JsonNode report = importInto(target, smaller, "replace", false, source);
        assertThat(report.get("removed").toString()).contains("object meter", "hierarchy of smith");
        JsonNode after = export(target);
        assertThat(after.get("inventory").toString()).doesNotContain("meter");
        assertThat(after.get("userHierarchy")).isEmpty();
        List<String> kept = List.of("region", "region north", "pump-7");
        assertThat(decisions(target, kept)).isEqualTo(decisions(source, kept));
    }

    @Test
    void aDryRunReportsAndWritesNothing() {
        String target = Platform.createTenant("cfg-dry");
        createUsers(target);
        JsonNode before = export(target);
        JsonNode report = importInto(target, exported, "merge", true, source);
        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.get("created").toString()).contains("object region", "role Flow reader");
        assertThat(comparable(export(target))).isEqualTo(comparable(before));
        assertThat(imports(target)).isZero();
    }

    @Test
    void aBrokenDocumentIsRefusedByNameAndChangesNothing() {
        String target = Platform.createTenant("cfg-broken");
        createUsers(target);
        JsonNode before = export(target);

        ObjectNode unknownUser = exported.deepCopy();
        ((ObjectNode) unknownUser.get("assignments").get(0)).put("user", "nobody");
        refused(target, unknownUser, source, 400, "assignments[0].user", "nobody");

        ObjectNode cycle = exported.deepCopy();
        ((ArrayNode) object(cycle, "region north").get("children")).add("region");
        refused(target, cycle, source, 400, "inventory.objects", "region north > region");

        ObjectNode version = exported.deepCopy();
        version.put("schema", "support-access/2");
        refused(target, version, source, 400, "schema", "support-access/2");

        refused(target, exported, null, 400, "realm", source);
        refused(target, exported, "someone-else", 400, "realm", "someone-else");

        ObjectNode settings = exported.deepCopy();
        settings.putObject("settings").put("supportAccessActivated", true);
        refused(target, settings, source, 400, "settings", "management realm");

        ObjectNode requests = exported.deepCopy();
        requests.putArray("supportRequests").addObject().put("until", "2099-01-01T00:00:00Z");
        refused(target, requests, source, 400, "supportRequests", "never imported");

        ObjectNode tenantObject = exported.deepCopy();
        ((ArrayNode) tenantObject.get("inventory").get("objects")).addObject().put("name", "acme").put("type", "c8y_Tenant");
        refused(target, tenantObject, source, 400, "inventory.objects[4].type", "reserved");

        ObjectNode badPermission = exported.deepCopy();
        ((ObjectNode) badPermission.get("inventoryRoles").get(0).get("permissions").get(0)).put("level", "GOD");
        refused(target, badPermission, source, 400, "inventoryRoles[0].permissions[0]", "GOD");

        Http.Reply notJson = Http.post(importUrl(target, "merge", false, source), Platform.adminToken(), "application/json", "{\"schema\":");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body()).contains("not valid JSON");

        StringBuilder huge = new StringBuilder("{\"schema\":\"support-access/1\",\"realm\":\"" + target + "\",\"padding\":\"");
        // over the import's 10 MB, under the 10 MiB that Keycloak's HTTP layer takes at all: the import answers it
        huge.append("x".repeat(10_000_000)).append("\"}");
        Http.Reply tooLarge = Http.post(importUrl(target, "merge", false, null), Platform.adminToken(), "application/json", huge.toString());
        assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(413);

        Http.Reply badMode = Http.post(importUrl(target, "overwrite", false, source), Platform.adminToken(), "application/json", exported.toString());
        assertThat(badMode.status()).isEqualTo(400);

        assertThat(comparable(export(target))).isEqualTo(comparable(before));
        assertThat(imports(target)).isZero();
    }

    @Test
    void theManagementRealmsOwnExportImportsUnchangedAndItsSettingsAreChecked() {
        JsonNode management = export(Platform.MANAGEMENT);
        JsonNode same = importInto(Platform.MANAGEMENT, management, "merge", true, null);
        assertThat(same.get("created")).as(same.toString()).isEmpty();
        assertThat(same.get("updated")).as(same.toString()).isEmpty();
        assertThat(same.get("removed")).isEmpty();
        assertThat(same.get("unchanged").asInt()).as("at least every setting").isGreaterThanOrEqualTo(11);

        ObjectNode change = management.deepCopy();
        ((ObjectNode) change.get("settings")).put("supportUserOtpRequired", !management.get("settings").get("supportUserOtpRequired").asBoolean());
        JsonNode wouldChange = importInto(Platform.MANAGEMENT, change, "merge", true, null);
        assertThat(wouldChange.get("updated").toString()).isEqualTo("[\"setting supportUserOtpRequired\"]");
        assertThat(export(Platform.MANAGEMENT).get("settings")).as("a dry run").isEqualTo(management.get("settings"));

        ObjectNode badSetting = management.deepCopy();
        ((ObjectNode) badSetting.get("settings")).put("validityLimitHours", 0);
        refused(Platform.MANAGEMENT, badSetting, null, 400, "settings.validityLimitHours");
        ObjectNode ghostTenant = management.deepCopy();
        ((ArrayNode) ghostTenant.get("inventory").get("objects")).addObject().put("name", "no-such-tenant").put("type", "c8y_Tenant");
        refused(Platform.MANAGEMENT, ghostTenant, null, 400, "no-such-tenant", "has no realm");
        assertThat(export(Platform.MANAGEMENT).get("settings")).isEqualTo(management.get("settings"));
    }

    @Test
    void onlyARealmManagerImportsAndOnlyAViewerExports() {
        String target = Platform.createTenant("cfg-perm");
        createUsers(target);
        String smith = Platform.token(target, "smith", "smith-pw");
        assertThat(Http.post(importUrl(target, "merge", false, source), smith, "application/json", exported.toString()).status()).isEqualTo(403);
        assertThat(Http.get(exportUrl(target), smith).status()).isEqualTo(403);
        assertThat(Http.get(exportUrl(target), null).status()).isEqualTo(401);
        Platform.grantRealmManagementRole(target, "smith", "view-realm");
        String viewer = Platform.token(target, "smith", "smith-pw");
        assertThat(Http.get(exportUrl(target), viewer).status()).isEqualTo(200);
        assertThat(Http.get(exportUrl(target) + "?history=true", viewer).status()).as("the audit log needs its own permission").isEqualTo(403);
        assertThat(Http.post(importUrl(target, "merge", false, source), viewer, "application/json", exported.toString()).status()).isEqualTo(403);
        assertThat(export(target).get("inventory").toString()).doesNotContain("pump-7");
    }

    // --- helpers

    private static void createUsers(String realm) {
        USERS.forEach(user -> Platform.createUser(realm, user, user + "-pw"));
    }

    private static String userId(String realm, String username) {
        return Platform.realm(realm).users().search(username, true).get(0).getId();
    }

    private static String exportUrl(String realm) {
        return Platform.url() + "/admin/realms/" + realm + "/support-access/export";
    }

    private static String importUrl(String realm, String mode, boolean dryRun, String sourceRealm) {
        return Platform.url() + "/admin/realms/" + realm + "/support-access/import?mode=" + mode + "&dryRun=" + dryRun
                + (sourceRealm == null ? "" : "&sourceRealm=" + Http.enc(sourceRealm));
    }

    private static JsonNode export(String realm) {
        Http.Reply reply = Http.get(exportUrl(realm), Platform.adminToken());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static JsonNode importInto(String realm, JsonNode document, String mode, boolean dryRun, String sourceRealm) {
        Http.Reply reply = Http.post(importUrl(realm, mode, dryRun, sourceRealm), Platform.adminToken(), "application/json", document.toString());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static void refused(String realm, JsonNode document, String sourceRealm, int status, String... mentions) {
        Http.Reply reply = Http.post(importUrl(realm, "merge", false, sourceRealm), Platform.adminToken(), "application/json", document.toString());
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.body()).contains(mentions).doesNotContain("Exception");
    }

    private static int imports(String realm) {
        return SupportAccessClient.admin().audit(realm, Map.of("activity", "Configuration imported")).size();
    }

    private static JsonNode object(JsonNode document, String name) {
        for (JsonNode object : document.get("inventory").get("objects")) {
            if (object.get("name").asText().equals(name)) {
                return object;
            }
        }
        throw new AssertionError("no object " + name + " in " + document);
    }

    /** The document without what differs between realms by nature: the realm's name and the time of the export. */
    private static JsonNode comparable(JsonNode document) {
        ObjectNode copy = document.deepCopy();
        copy.remove("realm");
        copy.remove("exportedAt");
        return copy;
    }

    /** user/object/permission=granted for every user, object and permission of the table, objects found by name. */
    private static List<String> decisions(String realm, List<String> objects) {
        SupportAccessClient.Inventory inventory = SupportAccessClient.admin().inventory(realm);
        List<String> answers = new ArrayList<>();
        for (String user : USERS) {
            String id = userId(realm, user);
            for (String name : objects) {
                String objectId = inventory.managedObjects(Map.of()).stream().filter(o -> o.get("name").asText().equals(name))
                        .findFirst().orElseThrow().get("id").asText();
                for (String[] p : PERMISSIONS) {
                    answers.add(user + "/" + name + "/" + String.join(":", p) + "=" + inventory.granted(id, objectId, p[0], p[1], p[2]));
                }
            }
        }
        return answers;
    }
}

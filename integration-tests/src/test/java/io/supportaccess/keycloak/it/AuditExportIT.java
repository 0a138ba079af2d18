package io.supportaccess.keycloak.it;

import static io.supportaccess.keycloak.it.support.TenantWithSupport.JILL_PASSWORD;
import static io.supportaccess.keycloak.it.support.TenantWithSupport.JOHN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.TenantWithSupport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RoleRepresentation;

/** {@code GET .../support-access/audit/export}: the streamed download of the audit log as NDJSON and CSV. */
class AuditExportIT {

    private static final List<String> CSV_COLUMNS = List.of("Server time", "Event", "Who", "Description", "Type", "Support user",
            "Support reason", "Tenant", "Source", "Application", "Changes", "Id");

    String tenant;
    TenantWithSupport scene;

    @BeforeEach
    void tenantWithUsers() {
        Platform.setSupportActivated(true);
        scene = TenantWithSupport.create("export");
        tenant = scene.tenant();
    }

    @Test
    void ndjsonHoldsWhatTheQueryApiListsInTheSameOrderAcrossManyChunks() {
        fill(tenant, 2_345);
        assertThat(scene.supportGrant().status()).isEqualTo(200);
        List<String> listed = Audit.all(tenant, Map.of()).stream().map(r -> r.get("id").asText()).toList();

        Http.Reply reply = Http.get(exportUrl(tenant, Map.of("format", "ndjson")), Platform.adminToken());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        assertThat(reply.raw().headers().firstValue("Content-Disposition").orElse("")).contains("attachment").contains(".ndjson");
        List<JsonNode> lines = ndjson(reply.body());
        assertThat(lines).hasSizeGreaterThan(2_345);
        assertThat(lines).extracting(l -> l.get("id").asText()).containsExactlyElementsOf(listed);
        JsonNode granted = lines.stream().filter(l -> "Support access granted".equals(l.get("activity").asText())).findFirst().orElseThrow();
        assertThat(granted.get("who").asText()).isEqualTo(scene.supportLogin());
        assertThat(granted.get("supportUser").asText()).isEqualTo(scene.jill());
        assertThat(granted.get("support").asBoolean()).isTrue();
    }

    @Test
    void filtersSelectAsInTheQueryApi() {
        fill(tenant, 300);
        assertThat(scene.supportGrant().status()).isEqualTo(200);
        assertThat(Platform.passwordGrant(tenant, "john", JOHN_PASSWORD).status()).isEqualTo(200);

        List<JsonNode> support = ndjson(export(tenant, Map.of("type", "Support")));
        assertThat(support).isNotEmpty().allSatisfy(l -> assertThat(l.get("type").asText()).isEqualTo("Support"));
        assertThat(support).extracting(l -> l.get("id").asText())
                .containsExactlyElementsOf(Audit.all(tenant, Map.of("type", "Support")).stream().map(r -> r.get("id").asText()).toList());
        assertThat(ndjson(export(tenant, Map.of("user", "john")))).extracting(l -> l.get("activity").asText()).containsExactly("User login");
        assertThat(ndjson(export(tenant, Map.of("supportUser", scene.jill())))).extracting(l -> l.get("activity").asText())
                .containsExactly("Support access granted");
        long now = System.currentTimeMillis();
        Map<String, String> range = Map.of("from", String.valueOf(now - 3_600_000L), "to", String.valueOf(now + 60_000L));
        List<String> listedLastHour = Audit.all(tenant, range).stream().map(r -> r.get("id").asText()).toList();
        List<JsonNode> lastHour = ndjson(export(tenant, range));
        assertThat(lastHour).extracting(l -> l.get("id").asText()).containsExactlyElementsOf(listedLastHour);
        assertThat(lastHour.size()).isLessThan(ndjson(export(tenant, Map.of())).size());

        List<JsonNode> across = ndjson(export(Platform.MANAGEMENT, Map.of("tenant", tenant)));
        assertThat(across).extracting(l -> l.get("type").asText() + " | " + l.get("realm").asText()).containsOnly("Support | " + tenant);
        assertThat(across.get(0).get("activity").asText()).isEqualTo("Support access granted");
        assertThat(across).extracting(l -> l.get("id").asText()).containsExactlyElementsOf(
                Audit.all(Platform.MANAGEMENT, Map.of("tenant", tenant)).stream().map(r -> r.get("id").asText()).toList());
    }

    @Test
    void csvHasTheAuditLogsColumnsAndEscapesCommasQuotesLineBreaksAndFormulas() {
        String reason = "=1+1, \"urgent\" TICKET-7";
        assertThat(Platform.passwordGrant(tenant, scene.supportLogin(), JILL_PASSWORD, Map.of("support_reason", reason)).status()).isEqualTo(200);
        // a filter value is typed by the exporter and lands in the "Audit exported" record's text
        String oddFilter = "a,\"b\"\nc";
        assertThat(Http.get(exportUrl(tenant, Map.of("user", oddFilter)), Platform.adminToken()).status()).isEqualTo(200);

        Http.Reply reply = Http.get(exportUrl(tenant, Map.of("format", "csv")), Platform.adminToken());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<List<String>> rows = csv(reply.body());
        assertThat(rows.get(0)).containsExactlyElementsOf(CSV_COLUMNS);
        assertThat(rows.subList(1, rows.size())).allSatisfy(row -> assertThat(row).hasSize(CSV_COLUMNS.size()));
        List<Map<String, String>> records = rows.subList(1, rows.size()).stream().map(AuditExportIT::byColumn).toList();
        Map<String, String> granted = records.stream().filter(r -> r.get("Event").equals("Support access granted")).findFirst().orElseThrow();
        assertThat(granted.get("Support reason")).isEqualTo("'" + reason);
        assertThat(granted.get("Who")).isEqualTo(scene.supportLogin());
        assertThat(granted.get("Support user")).isEqualTo(scene.jill());
        assertThat(granted.get("Type")).isEqualTo("Support");
        assertThat(granted.get("Tenant")).isEqualTo(tenant);
        assertThat(granted.get("Server time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        Map<String, String> exported = records.stream().filter(r -> r.get("Event").equals("Audit exported")
                && r.get("Description").contains("user=")).findFirst().orElseThrow();
        assertThat(exported.get("Description")).contains("user=" + oddFilter);
        List<String> ids = Audit.all(tenant, Map.of()).stream().map(r -> r.get("id").asText()).toList();
        // the export's own record is written with the request, so it is in the listing but not in the download
        assertThat(records).extracting(r -> r.get("Id")).containsExactlyElementsOf(ids.subList(1, ids.size()));
    }

    @Test
    void anExportIsAuditedWithWhoAndTheFilters() {
        String readerId = Platform.createUser(tenant, "reader", "reader-pw");
        Platform.grantRealmRoles(tenant, readerId, "ROLE_AUDIT_READ");
        String reader = AuditIT.adminCliToken(tenant, "reader", "reader-pw");

        assertThat(Http.get(exportUrl(tenant, Map.of("format", "csv", "type", "Support", "from", "2026-01-01T00:00:00Z")), reader).status())
                .isEqualTo(200);
        assertThat(Http.get(exportUrl(tenant, Map.of()), Platform.adminToken()).status()).isEqualTo(200);

        List<JsonNode> exports = Audit.all(tenant, Map.of("activity", "Audit exported"));
        assertThat(exports).extracting(r -> r.get("who").asText()).containsExactly("master/admin", "reader");
        assertThat(exports.get(1).get("type").asText()).isEqualTo("Audit");
        assertThat(exports.get(1).get("text").asText())
                .isEqualTo("Audit exported as csv; filters: type=Support, from=2026-01-01T00:00:00Z");
        assertThat(exports.get(0).get("text").asText()).isEqualTo("Audit exported as ndjson (all records)");
    }

    @Test
    void theExportNeedsTheSamePermissionAsTheQueryApi() {
        String other = Platform.createTenant("export-other");
        String bossId = Platform.createUser(tenant, "boss", "boss-pw");
        var realmManagement = Platform.realm(tenant).clients().findByClientId("realm-management").get(0);
        RoleRepresentation viewEvents = Platform.realm(tenant).clients().get(realmManagement.getId()).roles().get("view-events").toRepresentation();
        Platform.realm(tenant).users().get(bossId).roles().clientLevel(realmManagement.getId()).add(List.of(viewEvents));
        String boss = AuditIT.adminCliToken(tenant, "boss", "boss-pw");
        String john = AuditIT.adminCliToken(tenant, "john", JOHN_PASSWORD);

        assertThat(Http.get(exportUrl(tenant, Map.of()), boss).status()).isEqualTo(200);
        assertThat(Http.get(exportUrl(other, Map.of()), boss).status()).isEqualTo(403);
        assertThat(Http.get(exportUrl(Platform.MANAGEMENT, Map.of()), boss).status()).isEqualTo(403);
        assertThat(Http.get(exportUrl(tenant, Map.of()), john).status()).isEqualTo(403);
        assertThat(Http.get(exportUrl(tenant, Map.of()), null).status()).isEqualTo(401);
        // a refused export is not recorded as one
        assertThat(Audit.all(tenant, Map.of("activity", "Audit exported"))).extracting(r -> r.get("who").asText()).containsExactly("boss");
    }

    @Test
    void badParametersAreRefusedBeforeAnythingIsStreamed() {
        for (Map<String, String> bad : List.of(Map.of("format", "xml"), Map.of("type", "nope"), Map.of("from", "yesterday"),
                Map.of("from", "2026-02-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"), Map.of("tenant", tenant))) {
            Http.Reply reply = Http.get(exportUrl(tenant, bad), Platform.adminToken());
            assertThat(reply.status()).as(bad + ": " + reply.body()).isEqualTo(400);
            assertThat(reply.json().get("error_description").asText()).isNotBlank();
        }
        Http.Reply unknownTenant = Http.get(exportUrl(Platform.MANAGEMENT, Map.of("tenant", "no-such-tenant")), Platform.adminToken());
        assertThat(unknownTenant.status()).isEqualTo(404);
        assertThat(Audit.all(tenant, Map.of("activity", "Audit exported"))).isEmpty();
    }

    static String exportUrl(String realm, Map<String, String> parameters) {
        String query = parameters.entrySet().stream().map(e -> e.getKey() + "=" + Http.enc(e.getValue())).collect(Collectors.joining("&"));
        return Platform.url() + "/admin/realms/" + realm + "/support-access/audit/export" + (query.isEmpty() ? "" : "?" + query);
    }

    private static String export(String realm, Map<String, String> filters) {
        Http.Reply reply = Http.get(exportUrl(realm, filters), Platform.adminToken());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.body();
    }

    private static void fill(String realm, int count) {
        Http.Reply reply = Http.post(Platform.url() + "/admin/realms/master/support-access-testing/audit-records", Platform.adminToken(),
                "application/json", "{\"realm\":\"" + realm + "\",\"count\":" + count + ",\"users\":50,\"days\":30}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private static List<JsonNode> ndjson(String body) {
        return Arrays.stream(body.split("\n")).filter(l -> !l.isEmpty()).map(l -> {
            try {
                return Http.JSON.readTree(l);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + l, e);
            }
        }).toList();
    }

    private static Map<String, String> byColumn(List<String> row) {
        Map<String, String> record = new LinkedHashMap<>();
        for (int i = 0; i < CSV_COLUMNS.size(); i++) {
            record.put(CSV_COLUMNS.get(i), row.get(i));
        }
        return record;
    }

    /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; rows end with CRLF. */
    private static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(field.length() == 0 && row.isEmpty()).as("the CSV ends with a complete row").isTrue();
        return rows;
    }
}

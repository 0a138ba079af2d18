package io.supportaccess.keycloak.it;

import static io.supportaccess.keycloak.it.support.TenantWithSupport.JILL_PASSWORD;
import static io.supportaccess.keycloak.it.support.TenantWithSupport.JOHN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Await;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.TenantWithSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The audit as JSON lines on the log category {@code io.supportaccess.audit} (server option
 * {@code audit-log}, on for the test server): read back from the server's log file.
 */
class AuditJsonLogIT {

    private static final String CATEGORY = "[io.supportaccess.audit]";

    @Test
    void everyAuditRecordOfASupportLoginIsOneJsonLineWithTheDocumentedFields() {
        Platform.setSupportActivated(true);
        TenantWithSupport scene = TenantWithSupport.create("jsonlog");
        String tenant = scene.tenant();
        String who = scene.jill() + "$john";
        assertThat(Platform.passwordGrant(tenant, who, JILL_PASSWORD).status()).isEqualTo(200);
        assertThat(Platform.passwordGrant(tenant, scene.jill() + "$nobody", JILL_PASSWORD).status()).isEqualTo(400);
        assertThat(Platform.passwordGrant(tenant, "john", JOHN_PASSWORD).status()).isEqualTo(200);
        List<JsonNode> records = Audit.all(tenant, Map.of());
        Set<String> recordIds = records.stream().map(r -> r.get("id").asText()).collect(Collectors.toSet());

        Await.until(Duration.ofSeconds(30), () -> linesOf(tenant).size() >= records.size(),
                () -> "the log has " + linesOf(tenant).size() + " audit lines of " + tenant + ", the table " + records.size());
        List<JsonNode> lines = linesOf(tenant);

        assertThat(lines).extracting(l -> l.get("auditId").asText()).containsExactlyInAnyOrderElementsOf(recordIds);
        JsonNode granted = lines.stream().filter(l -> "Support access granted".equals(l.get("activity").asText())).findFirst().orElseThrow();
        JsonNode record = records.stream().filter(r -> r.get("id").asText().equals(granted.get("auditId").asText())).findFirst().orElseThrow();
        assertThat(granted.get("type").asText()).isEqualTo("Support");
        assertThat(granted.get("who").asText()).isEqualTo(who);
        assertThat(granted.get("supportUser").asText()).isEqualTo(scene.jill());
        assertThat(granted.get("support").asBoolean()).isTrue();
        assertThat(granted.get("source").asText()).isEqualTo("john");
        assertThat(granted.get("application").asText()).isEqualTo(Platform.CLIENT);
        assertThat(granted.get("realm").asText()).isEqualTo(tenant);
        assertThat(granted.get("realmId").asText()).isNotBlank();
        assertThat(granted.get("time").asText()).isEqualTo(record.get("time").asText());
        assertThat(granted.get("timeMillis").asLong()).isPositive();
        assertThat(granted.get("text").asText()).isEqualTo(record.get("text").asText());
        assertThat(granted.get("changes").isArray()).isTrue();
        assertThat(granted.has("supportReason")).isTrue();
        assertThat(granted.has("sessionId")).isTrue();
        JsonNode denied = lines.stream().filter(l -> "Support access denied".equals(l.get("activity").asText())).findFirst().orElseThrow();
        assertThat(denied.get("who").asText()).isEqualTo(scene.jill() + "$nobody");
        JsonNode plain = lines.stream().filter(l -> "User login".equals(l.get("activity").asText())).findFirst().orElseThrow();
        assertThat(plain.get("who").asText()).isEqualTo("john");
        assertThat(plain.get("support").asBoolean()).isFalse();
        assertThat(plain.get("supportUser").isNull()).isTrue();
    }

    /** The JSON lines of the category whose realm is the tenant, each parsed. */
    private static List<JsonNode> linesOf(String tenant) {
        Path log = Path.of(System.getProperty("keycloak.log", "target/keycloak-it.log"));
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(CATEGORY))
                    .map(l -> parse(l.substring(l.indexOf('{'))))
                    .filter(json -> tenant.equals(json.path("realm").asText()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Http.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("not one JSON line: " + json, e);
        }
    }
}

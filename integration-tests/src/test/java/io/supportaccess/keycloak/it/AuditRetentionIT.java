package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportaccess.keycloak.it.support.Await;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Retention at size: the task (every 2 s in the test server, keeping 60 days) removes every due
 * record in batches of 10,000, each committed on its own, and nothing newer.
 */
class AuditRetentionIT {

    private static final long DAY = 86_400_000L;
    private static final Pattern BATCH_LINE = Pattern.compile("Audit retention: removed a batch of (\\d+) records");

    @Test
    void everythingDueIsRemovedInSeveralBatchesAndNothingNewer() {
        String tenant = Platform.createTenant("retention");
        int before = count(tenant, Map.of());
        int logOffset = logLines().size();
        fill(tenant, 25_000, 61);   // 61 to 63 days old: due
        fill(tenant, 150, 57);      // 57 to 59 days old: kept
        fill(tenant, 50, 0);        // the last two days: kept

        Await.until(Duration.ofMinutes(3), () -> olderThan(tenant, 60 * DAY + 60_000).isEmpty(),
                () -> "records older than 60 days are still there: " + olderThan(tenant, 60 * DAY + 60_000).size() + "+");

        assertThat(count(tenant, Map.of("to", String.valueOf(System.currentTimeMillis() - 56 * DAY)))).isEqualTo(150);
        assertThat(count(tenant, Map.of())).isEqualTo(before + 200);
        // the fill commits 10,000 at a time and the retention may run between two commits: what holds is that no
        // batch exceeds 10,000, so the 25,000 due records went in three or more (each logged once committed)
        Await.until(Duration.ofSeconds(30), () -> batchesLogged(logOffset).stream().mapToInt(Integer::intValue).sum() >= 25_000,
                () -> "retention batches logged so far: " + batchesLogged(logOffset));
        assertThat(batchesLogged(logOffset)).as("retention batches in the server's log")
                .allSatisfy(size -> assertThat(size).isBetween(1, 10_000));
    }

    private static List<Integer> batchesLogged(int logOffset) {
        List<String> lines = logLines();
        return lines.subList(logOffset, lines.size()).stream().map(BATCH_LINE::matcher).filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(1))).toList();
    }

    private static List<String> olderThan(String tenant, long age) {
        Http.Reply reply = Http.get(io.supportaccess.keycloak.it.support.Audit.url(tenant,
                Map.of("to", String.valueOf(System.currentTimeMillis() - age), "pageSize", "1")), Platform.adminToken());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("records").findValuesAsText("id");
    }

    private static int count(String tenant, Map<String, String> filters) {
        return io.supportaccess.keycloak.it.support.Audit.all(tenant, filters).size();
    }

    private static void fill(String realm, int count, int olderThanDays) {
        Http.Reply reply = Http.post(Platform.url() + "/admin/realms/master/support-access-testing/audit-records", Platform.adminToken(),
                "application/json", "{\"realm\":\"" + realm + "\",\"count\":" + count + ",\"users\":10,\"days\":2,\"olderThanDays\":"
                        + olderThanDays + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private static List<String> logLines() {
        try {
            return Files.readAllLines(Path.of(System.getProperty("keycloak.log", "target/keycloak-it.log")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Clock;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Support requests are bounded in how far ahead they open a tenant and in how fast one user sends them. */
class RequestFloodIT {

    static final int ENABLES_PER_MINUTE = 5;

    String tenant;

    @BeforeEach
    void closedPlatform() {
        Platform.setSupportActivated(false);
        Clock.setValidityLimit(24);
        setMaxOpenAhead(168);
        tenant = Platform.createTenant("flood");
        Platform.createUser(tenant, "alice", "alice-pw");
        Platform.createUser(tenant, "bob", "bob-pw");
        Platform.createUser(tenant, "carol", "carol-pw");
    }

    @AfterEach
    void restore() {
        Clock.set(0);
        Clock.setValidityLimit(24);
        setMaxOpenAhead(168);
        Platform.setSupportActivated(true);
    }

    @Test
    void aFloodFromOneUserIsCutByTheRateLimitAndNeverOpensBeyondTheLimit() throws Exception {
        String alice = Platform.token(tenant, "alice", "alice-pw");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Http.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            replies.add(pool.submit(() -> SupportAccessClient.ofTenant(tenant, alice).enable()));
        }
        int accepted = 0;
        int limited = 0;
        for (Future<Http.Reply> reply : replies) {
            Http.Reply r = reply.get();
            if (r.status() == 201) {
                accepted++;
            } else {
                assertThat(r.status()).as(r.body()).isEqualTo(429);
                assertThat(r.raw().headers().firstValue("Retry-After")).isPresent();
                limited++;
            }
        }
        pool.shutdown();
        assertThat(accepted).isEqualTo(ENABLES_PER_MINUTE);
        assertThat(limited).isEqualTo(40 - ENABLES_PER_MINUTE);
        JsonNode status = SupportAccessClient.ofTenant(tenant, alice).statusReply().json();
        assertThat(status.get("activeRequests").asInt()).isEqualTo(ENABLES_PER_MINUTE);
    }

    @Test
    void theRateLimitIsPerUserAnswers429WithRetryAfterAndLiftsAsKeycloaksClockMoves() {
        String alice = Platform.token(tenant, "alice", "alice-pw");
        for (int i = 0; i < ENABLES_PER_MINUTE; i++) {
            assertThat(SupportAccessClient.ofTenant(tenant, alice).enable().status()).isEqualTo(201);
        }
        String expiry = SupportAccessClient.ofTenant(tenant, alice).statusReply().json().get("expiresAt").asText();
        Http.Reply limited = SupportAccessClient.ofTenant(tenant, alice).enable();
        assertThat(limited.status()).as(limited.body()).isEqualTo(429);
        assertThat(limited.json().get("error").asText()).isEqualTo("too_many_requests");
        assertThat(limited.json().get("error_description").asText()).contains(ENABLES_PER_MINUTE + " ");
        int retryAfter = Integer.parseInt(limited.raw().headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1, 60);
        assertThat(SupportAccessClient.ofTenant(tenant, alice).statusReply().json().get("expiresAt").asText()).isEqualTo(expiry);

        assertThat(SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "bob", "bob-pw")).enable().status()).as("another user").isEqualTo(201);

        Clock.set(61);
        assertThat(SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "alice", "alice-pw")).enable().status()).isEqualTo(201);
    }

    @Test
    void requestsProlongUpToTheLimitAheadThenAreAnsweredWithAConflictThatChangesNothing() {
        setMaxOpenAhead(48);
        long before = System.currentTimeMillis();
        Http.Reply first = SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "alice", "alice-pw")).enable();
        assertThat(first.status()).isEqualTo(201);
        assertThat((double) expiry(first)).isCloseTo(before + 24 * SupportRequestsIT.HOUR, within(30_000.0));

        Http.Reply capped = SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "bob", "bob-pw")).enable();
        assertThat(capped.status()).as(capped.body()).isEqualTo(201);
        assertThat(expiry(capped)).as("a whole validity limit more").isEqualTo(expiry(first) + 24 * SupportRequestsIT.HOUR);

        String carol = Platform.token(tenant, "carol", "carol-pw");
        Http.Reply beyond = SupportAccessClient.ofTenant(tenant, carol).enable();
        assertThat(beyond.status()).as(beyond.body()).isEqualTo(409);
        assertThat(beyond.json().get("error_description").asText()).contains("48 hours");
        JsonNode status = SupportAccessClient.ofTenant(tenant, carol).statusReply().json();
        assertThat(status.get("expiresAt").asText()).isEqualTo(capped.json().get("expiresAt").asText());
        assertThat(status.get("activeRequests").asInt()).isEqualTo(2);
        assertThat(status.get("ownActiveRequests").asInt()).isZero();

        // once a validity limit's time has passed, prolonging is possible again
        Clock.set(12 * 3600);
        assertThat(SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "carol", "carol-pw")).enable().status()).isEqualTo(409);
        Clock.set(25 * 3600);
        Http.Reply later = SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "carol", "carol-pw")).enable();
        assertThat(later.status()).as(later.body()).isEqualTo(201);
        assertThat(expiry(later)).isEqualTo(expiry(capped) + 24 * SupportRequestsIT.HOUR);
    }

    @Test
    void theLimitIsAValidatedAuditedPlatformSetting() {
        Http.Reply get = Http.get(Platform.settingsUrl(), Platform.adminToken());
        assertThat(get.json().get("maxOpenAheadHours").asInt()).isEqualTo(168);
        for (String bad : List.of("0", "8761", "-1", "\"48\"", "1.5", "null", "true")) {
            Http.Reply reply = Http.put(Platform.settingsUrl(), Platform.adminToken(), "application/json",
                    "{\"maxOpenAheadHours\":" + bad + "}");
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.json().get("error_description").asText()).as(bad).contains("maxOpenAheadHours");
        }
        assertThat(Http.get(Platform.settingsUrl(), Platform.adminToken()).json().get("maxOpenAheadHours").asInt()).isEqualTo(168);
        // a single request (the validity limit) must fit
        Http.Reply tooSmall = Http.put(Platform.settingsUrl(), Platform.adminToken(), "application/json", "{\"maxOpenAheadHours\":12}");
        assertThat(tooSmall.status()).isEqualTo(400);
        assertThat(tooSmall.json().get("error_description").asText()).contains("validityLimitHours");
        assertThat(Http.put(Platform.settingsUrl(), Platform.adminToken(), "application/json", "{\"validityLimitHours\":200}").status())
                .isEqualTo(400);

        setMaxOpenAhead(72);
        List<JsonNode> options = Audit.all(Platform.MANAGEMENT, Map.of("type", "Option"));
        assertThat(options.get(0).get("activity").asText()).isEqualTo("Platform setting updated");
        assertThat(options.get(0).get("changes").toString()).contains("maxOpenAheadHours");
    }

    static long expiry(Http.Reply reply) {
        return Instant.parse(reply.json().get("expiresAt").asText()).toEpochMilli();
    }

    static void setMaxOpenAhead(int hours) {
        Http.Reply reply = Http.put(Platform.settingsUrl(), Clock.adminToken(), "application/json", "{\"maxOpenAheadHours\":" + hours + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }
}

package io.supportaccess.keycloak.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Keycloak's clock, moved through the test-only endpoint (the testing provider jar the tests
 * install next to the extension), and admin calls that work whatever the clock says (a token issued under it).
 */
public final class Clock {

    private Clock() {
    }

    /** A master admin token issued under the server's current clock. */
    public static String adminToken() {
        return Http.postForm(Platform.url() + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"))
                .json().get("access_token").asText();
    }

    /** Sets the offset of Keycloak's clock from real time, in seconds (0 restores it). */
    public static void set(int offsetSeconds) {
        Http.Reply reply = Http.put(Platform.url() + "/admin/realms/master/support-access-testing/clock", adminToken(),
                "application/json", "{\"offsetSeconds\":" + offsetSeconds + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    /** The platform setting "validity limit" of support requests, in hours. */
    public static void setValidityLimit(int hours) {
        putSettings("{\"validityLimitHours\":" + hours + "}");
    }

    public static void putSettings(String json) {
        Http.Reply reply = Http.put(Platform.settingsUrl(), adminToken(), "application/json", json);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    /** The live support sessions of a support user, from the operators' API. */
    public static List<JsonNode> liveSessions(String supportUser) {
        return SupportAccessClient.withToken(Clock::adminToken).sessions(Map.of("supportUser", supportUser));
    }

    /**
     * Waits until the tenant's request history holds an event of the type (the expiry task runs
     * every 2 s in the tests, apart from the checks that end sessions); the event, or null after 30 s.
     */
    public static JsonNode awaitRequestEvent(String tenant, String type) {
        long deadline = System.currentTimeMillis() + 30_000;
        SupportAccessClient operator = SupportAccessClient.withToken(Clock::adminToken);
        while (true) {
            JsonNode event = operator.requestEvents(tenant).stream().filter(e -> type.equals(e.get("type").asText())).findFirst().orElse(null);
            if (event != null || System.currentTimeMillis() > deadline) {
                return event;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Waits, without using the sessions (a refresh would count as activity), until the support user
     * has no live support session left; the server checks them every 2 s in the tests.
     */
    public static void awaitNoLiveSession(String supportUser) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (liveSessions(supportUser).size() > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("support sessions of " + supportUser + " still live after 30 s: " + liveSessions(supportUser));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}

package io.supportaccess.keycloak.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/** A session obtained through the password grant, kept alive by refreshes, and probed the ways a client uses it. */
public final class SupportSession {

    private final String realm;
    private String accessToken;
    private String refreshToken;

    private SupportSession(String realm, Http.Reply tokens) {
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        this.realm = realm;
        take(tokens.json());
    }

    public static SupportSession login(String realm, String username, String password) {
        return new SupportSession(realm, Platform.passwordGrant(realm, username, password));
    }

    public static SupportSession login(String realm, String username, String password, Map<String, String> extra) {
        return new SupportSession(realm, Platform.passwordGrant(realm, username, password, extra));
    }

    public String accessToken() {
        return accessToken;
    }

    public String refreshToken() {
        return refreshToken;
    }

    /** Refreshes; true (and new tokens kept) when the server answered 200. */
    public Http.Reply refresh() {
        Map<String, String> form = new HashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", Platform.CLIENT);
        Http.Reply reply = Http.postForm(Platform.tokenUrl(realm), form);
        if (reply.status() == 200) {
            take(reply.json());
        }
        return reply;
    }

    public Http.Reply userinfo() {
        return Http.get(Platform.url() + "/realms/" + realm + "/protocol/openid-connect/userinfo", accessToken);
    }

    /** The session still works: a refresh answers 200. */
    public boolean alive() {
        return refresh().status() == 200;
    }

    /** The session has ended: refresh refused with invalid_grant and userinfo 401. */
    public void assertEnded() {
        Http.Reply refreshed = refresh();
        assertThat(refreshed.status()).as("refresh after the end: " + refreshed.body()).isEqualTo(400);
        assertThat(refreshed.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(userinfo().status()).as("userinfo after the end").isEqualTo(401);
    }

    /** Waits (the server's tasks run every 2 s in the tests) until a refresh is refused; fails after 30 s. */
    public void awaitEnded() {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            Map<String, String> form = Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", Platform.CLIENT);
            if (Http.postForm(Platform.tokenUrl(realm), form).status() != 200) {
                assertEnded();
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the session did not end within 30 s");
    }

    private void take(JsonNode json) {
        accessToken = json.get("access_token").asText();
        refreshToken = json.get("refresh_token").asText();
    }
}

package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Browser;
import io.supportaccess.keycloak.it.support.Clock;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import io.supportaccess.keycloak.it.support.SupportSession;
import io.supportaccess.keycloak.it.support.TenantWithSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tenant's last support request expires while support sessions of that tenant are alive and
 * busy (refreshed within every timeout): the expiry ends them, online and offline, and the SSO
 * cookie; the tenant user's own sessions live on.
 */
class SupportSessionExpiryIT {

    static final int MINUTE = 60;

    String tenant;
    String jill;

    @BeforeEach
    void closedPlatformAndLongLimits() {
        Platform.setSupportActivated(false);
        TenantWithSupport scene = TenantWithSupport.in(SupportSessionLifetimeIT.longLivedTenant("exp"));
        tenant = scene.tenant();
        jill = scene.jill();
        Clock.putSettings("{\"validityLimitHours\":1,\"supportSessionIdleMinutes\":1440,\"supportSessionMaxHours\":168,"
                + "\"supportOfflineAccessAllowed\":true}");
    }

    @AfterEach
    void restore() {
        Clock.set(0);
        Clock.putSettings("{\"validityLimitHours\":24,\"supportSessionIdleMinutes\":30,\"supportSessionMaxHours\":8,"
                + "\"supportOfflineAccessAllowed\":false,\"supportAccessActivated\":true}");
    }

    @Test
    void expiryEndsLiveSupportSessionsKeptAliveByRefreshes() {
        SupportSession johnOwn = SupportSession.login(tenant, "john", "john-secret");
        assertThat(SupportAccessClient.ofTenant(tenant, johnOwn.accessToken()).enable().status()).isEqualTo(201);

        SupportSession online = SupportSession.login(tenant, jill + "$john", "jill-secret");
        SupportSession offline = SupportSession.login(tenant, jill + "$john", "jill-secret", Map.of("scope", "openid offline_access"));
        Browser browser = new Browser();
        assertThat(browser.login(tenant, jill + "$john", "jill-secret").redirectedToClient()).isTrue();
        assertThat(Clock.liveSessions(jill).size()).isEqualTo(3);
        assertThat(Clock.liveSessions(jill).get(0).get("openedBy").asText()).startsWith("request:");

        Clock.set(40 * MINUTE);
        assertThat(online.refresh().status()).isEqualTo(200);
        assertThat(offline.refresh().status()).isEqualTo(200);
        assertThat(johnOwn.refresh().status()).isEqualTo(200);
        assertThat(browser.openLogin(tenant).redirectedToClient()).as("SSO cookie before expiry").isTrue();
        assertThat(online.userinfo().status()).isEqualTo(200);

        Clock.set(65 * MINUTE);
        Clock.awaitNoLiveSession(jill);
        online.assertEnded();
        assertThat(offline.refresh().status()).as("offline support session").isEqualTo(400);
        assertThat(browser.openLogin(tenant).redirectedToClient()).as("SSO cookie after expiry").isFalse();
        assertThat(johnOwn.alive()).as("john's own session lives on").isTrue();

        JsonNode expired = Clock.awaitRequestEvent(tenant, "EXPIRED");
        assertThat(expired).as("the expiry task recorded the expiry").isNotNull();
        assertThat(expired.get("who").asText()).isEqualTo("system");
        List<JsonNode> records = Audit.all(Platform.url(), Clock.adminToken(), tenant, Map.of("type", "Support"));
        assertThat(records).anyMatch(r -> "Support request expired".equals(r.get("activity").asText()));
        assertThat(records.stream().filter(r -> "Support session ended".equals(r.get("activity").asText()))
                .map(r -> r.get("text").asText())).hasSize(3).allMatch(t -> t.endsWith("ended: expiry"));
    }
}

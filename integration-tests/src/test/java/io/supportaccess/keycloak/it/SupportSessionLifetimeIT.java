package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Browser;
import io.supportaccess.keycloak.it.support.Clock;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportSession;
import io.supportaccess.keycloak.it.support.TenantWithSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * Support sessions end on their own at the platform's limits (defaults: 30 minutes idle, 8 hours
 * at most), however long the tenant lets its own sessions live, and offline tokens are refused
 * unless the platform allows them.
 */
class SupportSessionLifetimeIT {

    static final int MINUTE = 60;
    static final int HOUR = 3600;
    static final int THIRTY_DAYS = 30 * 24 * HOUR;

    String tenant;
    String jill;

    @BeforeEach
    void tenantWithLongLimits() {
        Platform.setSupportActivated(true);
        TenantWithSupport scene = TenantWithSupport.in(longLivedTenant("life"));
        tenant = scene.tenant();
        jill = scene.jill();
    }

    @AfterEach
    void restore() {
        Clock.set(0);
        Clock.putSettings("{\"supportSessionIdleMinutes\":30,\"supportSessionMaxHours\":8,\"supportOfflineAccessAllowed\":false}");
    }

    /** A tenant whose own sessions live 30 days (idle and max), with remember-me, offline sessions without a maximum, long access tokens. */
    static String longLivedTenant(String prefix) {
        String name = Platform.createTenant(prefix);
        RealmRepresentation rep = Platform.realm(name).toRepresentation();
        rep.setSsoSessionIdleTimeout(THIRTY_DAYS);
        rep.setSsoSessionMaxLifespan(THIRTY_DAYS);
        rep.setSsoSessionIdleTimeoutRememberMe(THIRTY_DAYS);
        rep.setSsoSessionMaxLifespanRememberMe(THIRTY_DAYS);
        rep.setRememberMe(true);
        rep.setOfflineSessionMaxLifespanEnabled(false);
        rep.setOfflineSessionIdleTimeout(THIRTY_DAYS);
        rep.setAccessTokenLifespan(3 * 24 * HOUR);
        Platform.realm(name).update(rep);
        return name;
    }

    @Test
    void aBusySupportSessionEndsAtTheMaximumLifespan() {
        ActClaimIntrospectionIT.addIntrospector(tenant);
        SupportSession support = SupportSession.login(tenant, jill + "$john", "jill-secret");
        SupportSession johnOwn = SupportSession.login(tenant, "john", "john-secret");
        JsonNode claims = Http.jwtPayload(support.accessToken());
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).as("a support access token never outlives the lifespan")
                .isLessThanOrEqualTo(8 * HOUR);
        JsonNode ownClaims = Http.jwtPayload(johnOwn.accessToken());
        assertThat(ownClaims.get("exp").asLong() - ownClaims.get("iat").asLong()).as("the tenant's own 3-day tokens").isEqualTo(3 * 24 * HOUR);
        JsonNode listed = Clock.liveSessions(jill).get(0);
        assertThat(java.time.Duration.between(java.time.Instant.parse(listed.get("started").asText()),
                java.time.Instant.parse(listed.get("latestEnd").asText()))).isEqualTo(java.time.Duration.ofHours(8));

        for (int minutes = 25; minutes <= 475; minutes += 25) {
            Clock.set(minutes * MINUTE);
            assertThat(support.refresh().status()).as("refresh at minute " + minutes).isEqualTo(200);
        }
        assertThat(support.userinfo().status()).isEqualTo(200);
        assertThat(ActClaimIntrospectionIT.introspect(tenant, support.accessToken()).get("active").asBoolean()).isTrue();
        Clock.set(8 * HOUR + MINUTE);
        Clock.awaitNoLiveSession(jill);
        assertThat(ActClaimIntrospectionIT.introspect(tenant, support.accessToken()).get("active").asBoolean())
                .as("introspection after the end").isFalse();
        support.assertEnded();
        assertThat(johnOwn.alive()).as("the user's own session is untouched").isTrue();
        assertThat(endTexts(tenant)).anyMatch(t -> t.contains(jill + "$john") && t.endsWith("ended: lifespan"));
    }

    @Test
    void anIdleSupportSessionEndsAtTheIdleTimeoutAndRememberMeDoesNotExtendIt() {
        SupportSession support = SupportSession.login(tenant, jill + "$john", "jill-secret");
        Browser browser = new Browser();
        Browser.Result page = browser.openLogin(tenant);
        assertThat(browser.submit(page, "#kc-form-login", Map.of("username", jill + "$john", "password", "jill-secret",
                "rememberMe", "on")).redirectedToClient()).isTrue();
        assertThat(browser.openLogin(tenant).redirectedToClient()).as("SSO cookie works").isTrue();

        Clock.set(20 * MINUTE);
        assertThat(Clock.liveSessions(jill).size()).as("not idle yet").isEqualTo(2);
        Clock.set(31 * MINUTE);
        Clock.awaitNoLiveSession(jill);
        support.assertEnded();
        assertThat(browser.openLogin(tenant).redirectedToClient()).as("SSO cookie (remember me) no longer logs in").isFalse();
        assertThat(endTexts(tenant)).anyMatch(t -> t.endsWith("ended: idle"));
    }

    @Test
    void offlineTokensAreRefusedUnlessAllowedAndThenDieAtTheMaximumLifespan() {
        Map<String, String> offline = Map.of("scope", "openid offline_access");
        Http.Reply refused = Platform.passwordGrant(tenant, jill + "$john", "jill-secret", offline);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error_description").asText()).isEqualTo("Support sessions cannot request offline access");
        assertThat(Audit.all(tenant, Map.of("activity", "Support access denied"))).isNotEmpty();
        assertThat(Platform.passwordGrant(tenant, "john", "john-secret", offline).status()).as("john's own offline token").isEqualTo(200);

        Clock.putSettings("{\"supportOfflineAccessAllowed\":true}");
        SupportSession support = SupportSession.login(tenant, jill + "$john", "jill-secret", offline);
        assertThat(Http.jwtPayload(support.refreshToken()).get("typ").asText()).isEqualTo("Offline");
        SupportSession johnOffline = SupportSession.login(tenant, "john", "john-secret", offline);
        for (int minutes = 25; minutes <= 475; minutes += 25) {
            Clock.set(minutes * MINUTE);
            assertThat(support.refresh().status()).as("offline refresh at minute " + minutes).isEqualTo(200);
        }
        Clock.set(8 * HOUR + MINUTE);
        Clock.awaitNoLiveSession(jill);
        Http.Reply afterEnd = support.refresh();
        assertThat(afterEnd.status()).isEqualTo(400);
        assertThat(afterEnd.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(johnOffline.alive()).as("john's own offline session").isTrue();
    }

    static List<String> endTexts(String realm) {
        return Audit.all(Platform.url(), Clock.adminToken(), realm, Map.of("activity", "Support session ended")).stream()
                .map(r -> r.get("text").asText()).toList();
    }
}

package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Browser;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.Totp;
import io.supportaccess.keycloak.it.support.TenantWithSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Support logins on the tenant's login page, including the support user's own second factor. */
class BrowserSupportLoginIT {

    static final String INVALID = "Invalid username or password.";

    static String tenant;
    static String johnId;
    static String jill;

    @BeforeAll
    static void platform() {
        TenantWithSupport scene = TenantWithSupport.create("web");
        tenant = scene.tenant();
        johnId = scene.johnId();
        jill = scene.jill();
    }

    @BeforeEach
    void open() {
        Platform.setSupportActivated(true);
    }

    /** The platform as the other classes expect it (a test here closes it). */
    @org.junit.jupiter.api.AfterEach
    void reopen() {
        Platform.setSupportActivated(true);
    }

    @Test
    void supportLoginOnTheLoginPageEndsAtTheClientAsTheTarget() {
        Browser.Result result = new Browser().login(tenant, jill + "$john", "jill-secret");
        assertThat(result.redirectedToClient()).as(result.text()).isTrue();
        Http.Reply tokens = Browser.exchange(tenant, result.code());
        JsonNode access = Platform.accessToken(tokens);
        assertThat(access.get("sub").asText()).isEqualTo(johnId);
        assertThat(access.get("act").get("username").asText()).isEqualTo(jill);
    }

    @Test
    void plainLoginOnTheLoginPageIsUnchanged() {
        Browser.Result ok = new Browser().login(tenant, "john", "john-secret");
        assertThat(ok.redirectedToClient()).isTrue();
        assertThat(Platform.accessToken(Browser.exchange(tenant, ok.code())).has("act")).isFalse();

        Browser.Result wrong = new Browser().login(tenant, "john", "jill-secret");
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.text()).contains(INVALID);
    }

    @Test
    void eachRefusalHasAClearMessage() {
        String bob = Platform.unique("bob");
        Platform.createSupportUser(bob, "bob-secret");
        assertThat(new Browser().login(tenant, bob + "$john", "bob-secret").text())
                .contains("You are not permitted to support this tenant.");
        assertThat(new Browser().login(tenant, jill + "$nobody", "jill-secret").text())
                .contains("The user to support does not exist, is disabled or cannot be supported.");
        assertThat(new Browser().login(tenant, "elsewhere/" + jill + "$john", "jill-secret").text())
                .contains("The tenant in the username does not match this tenant.");
        assertThat(new Browser().login(tenant, jill + "$john", "wrong").text()).contains(INVALID);
        Platform.setSupportActivated(false);
        assertThat(new Browser().login(tenant, jill + "$john", "jill-secret").text())
                .contains("This tenant is not open to support access.");
    }

    @Test
    void messagesAreLocalised() {
        var realm = Platform.realm(tenant).toRepresentation();
        realm.setInternationalizationEnabled(true);
        realm.setSupportedLocales(java.util.Set.of("en", "de"));
        realm.setDefaultLocale("de");
        Platform.realm(tenant).update(realm);
        try {
            Browser.Result german = new Browser().login(tenant, jill + "$nobody", "jill-secret");
            assertThat(german.text()).contains("Der zu unterstützende Benutzer existiert nicht");
        } finally {
            realm.setDefaultLocale("en");
            realm.setInternationalizationEnabled(false);
            Platform.realm(tenant).update(realm);
        }
    }

    @Test
    void hostileUsernamesRenderTheOrdinaryLoginError() {
        for (String name : List.of("$", jill + "$$john", "x".repeat(10_000) + "$john", jill + "$jo\u0001hn",
                "j\u0456ll$john", "<script>alert(1)</script>$john", jill + "$<img src=x onerror=alert(1)>")) {
            Browser.Result result = new Browser().login(tenant, name, "jill-secret");
            assertThat(result.status()).as(PasswordGrantSupportLoginIT.printable(name)).isEqualTo(200);
            assertThat(result.redirectedToClient()).isFalse();
            assertThat(result.page().select("script:containsData(alert(1))")).isEmpty();
            assertThat(result.page().select("img[onerror]")).isEmpty();
        }
        assertThat(new Browser().login(tenant, "$", "jill-secret").text()).contains(INVALID);
    }

    @Test
    void supportUserWithOtpIsAskedForTheirOwnCodeAfterThePassword() {
        String secret = "jill-otp-secret-" + Platform.unique("s");
        String jillOtp = Platform.unique("jillotp");
        Platform.createUserWithOtp(Platform.MANAGEMENT, jillOtp, "jill-otp-pw", secret, "Support");

        Browser browser = new Browser();
        Browser.Result otpPage = browser.login(tenant, jillOtp + "$john", "jill-otp-pw");
        assertThat(otpPage.redirectedToClient()).isFalse();
        assertThat(otpPage.page().selectFirst("#kc-support-access-otp-form")).as(otpPage.text()).isNotNull();
        assertThat(otpPage.text()).contains(jillOtp);

        Browser.Result wrongCode = browser.submit(otpPage, "#kc-support-access-otp-form", Map.of("otp", "000000".equals(Totp.now(secret)) ? "111111" : "000000"));
        assertThat(wrongCode.redirectedToClient()).isFalse();
        assertThat(wrongCode.text()).contains("Invalid authenticator code.");

        Browser.Result done = browser.submit(wrongCode, "#kc-support-access-otp-form", Map.of("otp", Totp.now(secret)));
        assertThat(done.redirectedToClient()).as(done.text()).isTrue();
        JsonNode access = Platform.accessToken(Browser.exchange(tenant, done.code()));
        assertThat(access.get("preferred_username").asText()).isEqualTo("john");
        assertThat(access.get("act").get("username").asText()).isEqualTo(jillOtp);
    }

    @Test
    void targetsOwnOtpIsNotAskedForOnTheLoginPage() {
        String realm = Platform.createTenant("web-otp");
        Platform.createUserWithOtp(realm, "otp-user", "otp-user-pw", "target-secret-" + Platform.unique("t"));
        Browser.Result plain = new Browser().login(realm, "otp-user", "otp-user-pw");
        assertThat(plain.redirectedToClient()).isFalse();
        assertThat(plain.page().selectFirst("#kc-otp-login-form")).isNotNull();

        Browser.Result support = new Browser().login(realm, jill + "$otp-user", "jill-secret");
        assertThat(support.redirectedToClient()).as(support.text()).isTrue();
    }
}

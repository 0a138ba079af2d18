package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.BrowserDiagnostics;
import io.supportaccess.keycloak.it.support.HeadlessChromium;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import io.supportaccess.keycloak.it.support.TenantWithSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The account console's "Support access" page, in a real headless Chromium, through the real login. */
class AccountConsoleIT {

    static final ZoneId BROWSER_ZONE = ZoneId.of("Asia/Tokyo");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** Records console errors and uncaught errors of every page, from before the page's own scripts run. */
    static final String ERROR_RECORDER = "window.__supportAccessErrors = [];"
            + "const original = console.error;"
            + "console.error = function (...args) { window.__supportAccessErrors.push(args.map(String).join(' ')); return original.apply(this, args); };"
            + "window.addEventListener('error', e => window.__supportAccessErrors.push('error: ' + e.message));"
            + "window.addEventListener('unhandledrejection', e => window.__supportAccessErrors.push('unhandled: ' + e.reason));";

    static ChromeDriver chrome;

    @BeforeAll
    static void browser() {
        Platform.url();
        chrome = HeadlessChromium.start();
        chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", ERROR_RECORDER));
    }

    @AfterAll
    static void close() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    @AfterEach
    void reset() {
        chrome.manage().deleteAllCookies();
        Platform.setSupportActivated(true);
    }

    @Test
    void tenantUserEnablesAndDisablesSupportFromTheAccountConsole() throws Exception {
        Platform.setSupportActivated(false);
        String tenant = Platform.createTenant("console");
        Platform.createUser(tenant, "alice", "alice-pw");
        String jill = Platform.unique("jillui");
        Platform.createSupportUser(jill, "jill-secret", "Support");

        // a browser far from the server's zone: the expiry must be shown in the browser's own zone
        chrome.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", BROWSER_ZONE.getId()));
        openSupportPage(tenant, "alice", "alice-pw");
        WebElement state = waitFor(By.id("support-access-state"));
        assertThat(state.getAttribute("data-open")).isEqualTo("false");
        assertThat(state.getText()).contains("closed");
        assertThat(chrome.findElements(By.id("support-access-disable"))).isEmpty();
        assertThat(chrome.findElements(By.id("support-access-banner"))).isEmpty();
        assertThat(chrome.findElement(By.tagName("body")).getText()).contains("Support access");

        // Enable support: behind a confirmation dialog; Cancel changes nothing
        waitFor(By.id("support-access-enable")).click();
        assertThat(waitFor(By.id("support-access-enable-dialog")).getAttribute("role")).isEqualTo("dialog");
        assertThat(waitFor(By.id("support-access-confirm-text")).getText()).contains("24 more hours");
        waitFor(By.id("support-access-cancel")).click();
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(ExpectedConditions.invisibilityOfElementLocated(By.id("support-access-enable-dialog")));
        assertThat(Platform.passwordGrant(tenant, jill + "$alice", "jill-secret").status()).isEqualTo(400);

        waitFor(By.id("support-access-enable")).click();
        waitFor(By.id("support-access-confirm")).click();
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(
                ExpectedConditions.attributeToBe(By.id("support-access-state"), "data-open", "true"));
        assertThat(chrome.findElement(By.id("support-access-count")).getText()).startsWith("1 ");
        assertThat(Platform.passwordGrant(tenant, jill + "$alice", "jill-secret").status()).isEqualTo(200);

        // the expiry: the API's value in a data attribute, the text in the browser's zone
        String expiresAt = SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "alice", "alice-pw")).statusReply().json()
                .get("expiresAt").asText();
        WebElement expiry = waitFor(By.id("support-access-expiry"));
        assertThat(expiry.getAttribute("data-expires-at")).isEqualTo(expiresAt);
        assertThat(expiry.getAttribute("data-time-zone")).isEqualTo(BROWSER_ZONE.getId());
        ZonedDateTime local = Instant.parse(expiresAt).atZone(BROWSER_ZONE);
        assertThat(expiry.getText())
                .contains(DateTimeFormatter.ofPattern("MM/dd/yyyy").format(local))
                .contains(DateTimeFormatter.ofPattern("HH:mm").format(local))
                .contains("GMT+9");
        screenshot("account-support-access.png");

        // Enable again while open: prolongs (a second request of alice's)
        waitFor(By.id("support-access-enable")).click();
        waitFor(By.id("support-access-confirm")).click();
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(d -> d.findElement(By.id("support-access-count")).getText().startsWith("2 "));
        assertThat(Instant.parse(chrome.findElement(By.id("support-access-expiry")).getAttribute("data-expires-at")))
                .isEqualTo(Instant.parse(expiresAt).plus(Duration.ofHours(24)));

        // Disable support: the confirmation dialog comes first, nothing changes before Ok
        waitFor(By.id("support-access-disable")).click();
        assertThat(waitFor(By.id("support-access-disable-dialog")).getText()).contains("Disable support?");
        assertThat(chrome.findElement(By.id("support-access-state")).getAttribute("data-open")).isEqualTo("true");
        assertThat(Platform.passwordGrant(tenant, jill + "$alice", "jill-secret").status()).isEqualTo(200);
        waitFor(By.id("support-access-confirm")).click();
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(
                ExpectedConditions.attributeToBe(By.id("support-access-state"), "data-open", "false"));
        assertThat(chrome.findElements(By.id("support-access-disable-dialog"))).isEmpty();
        assertThat(Platform.passwordGrant(tenant, jill + "$alice", "jill-secret").status()).isEqualTo(400);
        assertThat(waitFor(By.id("support-access-enable")).isDisplayed()).isTrue();
        noConsoleErrors();
    }

    @Test
    void escapeClosesTheDialogWithoutChangingAnything() {
        Platform.setSupportActivated(false);
        String tenant = Platform.createTenant("console-escape");
        Platform.createUser(tenant, "alice", "alice-pw");
        var asAlice = SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "alice", "alice-pw"));

        openSupportPage(tenant, "alice", "alice-pw");
        waitFor(By.id("support-access-state"));
        WebElement enable = waitFor(By.id("support-access-enable"));
        enable.click();
        WebElement dialog = waitFor(By.id("support-access-enable-dialog"));
        assertThat(dialog.getAttribute("aria-modal")).isEqualTo("true");
        // PatternFly's CSS came with the page, before the console's and the theme's styles
        assertThat(chrome.executeScript("const s = document.getElementById('support-access-account-css');"
                + " return s && s === document.head.firstElementChild && s.textContent.includes('.pf-v5-c-modal-box');")).isEqualTo(true);
        assertThat(chrome.executeScript("return getComputedStyle(arguments[0]).position;",
                chrome.findElement(By.cssSelector(".pf-v5-c-backdrop")))).isEqualTo("fixed");
        // the focus is trapped in the dialog: it starts there and Tab keeps it there
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(d -> focusIsInside("support-access-enable-dialog"));
        for (int i = 0; i < 4; i++) {
            chrome.switchTo().activeElement().sendKeys(Keys.TAB);
            assertThat(focusIsInside("support-access-enable-dialog")).as("focus after Tab " + (i + 1)).isTrue();
        }

        chrome.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(ExpectedConditions.invisibilityOfElementLocated(By.id("support-access-enable-dialog")));
        // back where it came from, and nothing changed
        assertThat(chrome.switchTo().activeElement().getAttribute("id")).isEqualTo("support-access-enable");
        assertThat(chrome.findElement(By.id("support-access-state")).getAttribute("data-open")).isEqualTo("false");
        assertThat(asAlice.statusReply().json().get("open").asBoolean()).isFalse();
        assertThat(asAlice.statusReply().json().get("activeRequests").asInt()).isZero();

        // the same for "Disable support" once open
        Http.Reply enabled = asAlice.enable();
        assertThat(enabled.status()).isEqualTo(201);
        assertThat(enabled.json().get("open").asBoolean()).as(enabled.body()).isTrue();
        reloadUntilOpenShows(asAlice);
        waitFor(By.id("support-access-disable")).click();
        waitFor(By.id("support-access-disable-dialog"));
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(d -> focusIsInside("support-access-disable-dialog"));
        chrome.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(ExpectedConditions.invisibilityOfElementLocated(By.id("support-access-disable-dialog")));
        assertThat(chrome.switchTo().activeElement().getAttribute("id")).isEqualTo("support-access-disable");
        assertThat(chrome.findElement(By.id("support-access-state")).getAttribute("data-open")).isEqualTo("true");
        assertThat(asAlice.statusReply().json().get("open").asBoolean()).isTrue();
        assertThat(asAlice.statusReply().json().get("activeRequests").asInt()).isEqualTo(1);
        noConsoleErrors();
    }

    @Test
    void thePageSpeaksTheUsersLanguage() throws Exception {
        Platform.setSupportActivated(false);
        String tenant = Platform.createTenant("console-de");
        var representation = Platform.realm(tenant).toRepresentation();
        representation.setInternationalizationEnabled(true);
        representation.setSupportedLocales(java.util.Set.of("en", "de"));
        representation.setDefaultLocale("en");
        Platform.realm(tenant).update(representation);
        Platform.createUser(tenant, "anna", "anna-pw", u -> u.setAttributes(Map.of("locale", List.of("de"))));

        openSupportPage(tenant, "anna", "anna-pw", "Support-Zugriff");
        WebElement state = waitFor(By.id("support-access-state"));
        assertThat(chrome.findElement(By.id("support-access-page")).getText())
                .contains("Support-Zugriff", "Der Support-Zugriff ist geschlossen.", "Aktive Support-Anfragen");
        assertThat(state.getAttribute("data-open")).isEqualTo("false");
        WebElement enable = waitFor(By.id("support-access-enable"));
        assertThat(enable.getText()).isEqualTo("Support aktivieren");

        enable.click();
        WebElement dialog = waitFor(By.id("support-access-enable-dialog"));
        assertThat(dialog.getText()).contains("Support aktivieren?");
        assertThat(waitFor(By.id("support-access-confirm-text")).getText()).contains("weitere 24 Stunden");
        assertThat(waitFor(By.id("support-access-cancel")).getText()).isEqualTo("Abbrechen");
        screenshot("account-support-access-de.png");
        waitFor(By.id("support-access-confirm")).click();
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(
                ExpectedConditions.attributeToBe(By.id("support-access-state"), "data-open", "true"));
        assertThat(chrome.findElement(By.id("support-access-state")).getText()).isEqualTo("Der Support-Zugriff ist offen.");
        assertThat(chrome.findElement(By.id("support-access-count")).getText()).isEqualTo("1 (eigene: 1)");
        assertThat(waitFor(By.id("support-access-disable")).getText()).isEqualTo("Support deaktivieren");
        // the expiry in German notation: day.month.year
        String expiresAt = chrome.findElement(By.id("support-access-expiry")).getAttribute("data-expires-at");
        ZoneId zone = ZoneId.of(chrome.findElement(By.id("support-access-expiry")).getAttribute("data-time-zone"));
        assertThat(chrome.findElement(By.id("support-access-expiry")).getText())
                .contains(DateTimeFormatter.ofPattern("dd.MM.yyyy").format(Instant.parse(expiresAt).atZone(zone)));
        noConsoleErrors();
    }

    @Test
    void aSupportSessionShowsWhoIsReallySignedIn() throws Exception {
        Platform.setSupportActivated(false);
        String tenant = Platform.createTenant("console-banner");
        Platform.createUser(tenant, "john", "john-pw");
        String jill = Platform.unique("jillbanner");
        Platform.createSupportUser(jill, "jill-secret", "Support");
        assertThat(SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "john", "john-pw")).enable().status()).isEqualTo(201);

        // john's own session: no banner
        openSupportPage(tenant, "john", "john-pw");
        waitFor(By.id("support-access-state"));
        assertThat(chrome.findElements(By.id("support-access-banner"))).isEmpty();

        // jill signed in as john: the banner names both, and nothing can be changed
        chrome.manage().deleteAllCookies();
        openSupportPage(tenant, jill + "$john", "jill-secret");
        WebElement banner = waitFor(By.id("support-access-banner"));
        assertThat(banner.getText()).contains("You are signed in as john by support user " + jill + " of the platform provider");
        assertThat(chrome.findElements(By.id("support-access-enable"))).isEmpty();
        assertThat(chrome.findElements(By.id("support-access-disable"))).isEmpty();
        screenshot("account-support-access-support-session.png");
    }

    @Test
    void readOnlySupportChosenHereCannotChangeTheProfileInTheAccountConsole() throws Exception {
        Platform.setSupportActivated(false);
        String tenant = Platform.createTenant("console-ro");
        String johnId = Platform.createUser(tenant, "john", "john-pw", u -> {
            u.setFirstName("John");
            u.setLastName("Doe");
            u.setEmail("john@console-ro.example");
            u.setEmailVerified(true);
        });
        String jill = Platform.unique("jillro");
        Platform.createSupportUser(jill, "jill-secret", "Support");

        // john enables read-only support in the confirmation dialog
        openSupportPage(tenant, "john", "john-pw");
        waitFor(By.id("support-access-enable")).click();
        waitFor(By.id("support-access-mode-read-only")).click();
        waitFor(By.id("support-access-confirm")).click();
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(
                ExpectedConditions.attributeToBe(By.id("support-access-state"), "data-open", "true"));
        assertThat(waitFor(By.id("support-access-mode")).getAttribute("data-mode")).isEqualTo("read-only");

        // jill, signed in as john, tries to change john's first name on the Personal info page
        chrome.manage().deleteAllCookies();
        chrome.get(Platform.url() + "/realms/" + tenant + "/account/");
        waitFor(By.id("username")).sendKeys(jill + "$john");
        chrome.findElement(By.id("password")).sendKeys("jill-secret");
        chrome.findElement(By.id("kc-login")).click();
        WebElement firstName = waitFor(By.id("firstName"));
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(d -> "John".equals(d.findElement(By.id("firstName")).getAttribute("value")));
        firstName.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Changed");
        waitFor(By.id("save-btn")).click();
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".pf-m-danger")));
        assertThat(Platform.realm(tenant).users().get(johnId).toRepresentation().getFirstName()).isEqualTo("John");
        assertThat(io.supportaccess.keycloak.it.support.Audit.all(tenant, Map.of("type", "Support")).stream()
                .filter(r -> r.get("activity").asText().equals("Support change refused"))
                .map(r -> r.get("who").asText() + " " + r.get("text").asText()))
                .anyMatch(line -> line.startsWith(jill + "$john ") && line.contains("POST /realms/" + tenant + "/account/"));
        screenshot("account-read-only-support-refused.png");
    }

    @Test
    void buttonsAreHiddenWhenThePlatformOpensTheTenant() {
        String tenant = Platform.createTenant("console-open");
        Platform.createUser(tenant, "alice", "alice-pw");
        Platform.setSupportActivated(List.of(tenant));

        openSupportPage(tenant, "alice", "alice-pw");
        WebElement state = waitFor(By.id("support-access-state"));
        assertThat(state.getText()).contains("activated by the platform");
        assertThat(chrome.findElements(By.id("support-access-enable"))).isEmpty();
        assertThat(chrome.findElements(By.id("support-access-disable"))).isEmpty();
    }

    @Test
    void tenantAdministratorsSeeWhoCameInAndLoadMore() throws Exception {
        TenantWithSupport scene = TenantWithSupport.create("console-audit");
        String tenant = scene.tenant();
        String jill = scene.jill();
        Platform.createUser(tenant, "alice", "alice-pw");
        String bossId = Platform.createUser(tenant, "boss", "boss-pw");
        var realmManagement = Platform.realm(tenant).clients().findByClientId("realm-management").get(0);
        var manageUsers = Platform.realm(tenant).clients().get(realmManagement.getId()).roles().get("manage-users").toRepresentation();
        Platform.realm(tenant).users().get(bossId).roles().clientLevel(realmManagement.getId()).add(List.of(manageUsers));
        for (int i = 0; i < 22; i++) {
            assertThat(scene.supportGrant().status()).isEqualTo(200);
        }
        // the newest access with a reason that must read as text
        assertThat(Platform.passwordGrant(tenant, scene.supportLogin(), TenantWithSupport.JILL_PASSWORD,
                Map.of("support_reason", "<i>INC-9</i>")).status()).isEqualTo(200);

        openSupportPage(tenant, "boss", "boss-pw");
        waitFor(By.id("support-access-accesses"));
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(d -> d.findElements(By.className("support-access-record")).size() == 20);
        List<WebElement> rows = chrome.findElements(By.className("support-access-record"));
        assertThat(rows.get(0).getText()).contains(jill + "$john").contains("Support access granted").contains(jill + " (support)");
        // marked by the support user the server recorded, not by the shape of "who"
        assertThat(rows.get(0).getAttribute("class")).contains("support-access-by-support-user");
        assertThat(rows.get(0).findElement(By.className("support-access-reason")).getText()).isEqualTo("<i>INC-9</i>");
        assertThat(rows.get(0).findElements(By.tagName("i"))).isEmpty();
        screenshot("account-support-access-accesses.png");
        waitFor(By.id("support-access-load-more")).click();
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(d -> d.findElements(By.className("support-access-record")).size() == 23);
        noConsoleErrors();
        assertThat(chrome.findElements(By.id("support-access-load-more"))).isEmpty();

        // a user who is no tenant administrator sees no list, and the API refuses them
        chrome.manage().deleteAllCookies();
        openSupportPage(tenant, "alice", "alice-pw");
        waitFor(By.id("support-access-state"));
        assertThat(chrome.findElements(By.id("support-access-accesses"))).isEmpty();
        assertThat(SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "alice", "alice-pw")).accessesReply(Map.of()).status()).isEqualTo(403);
        assertThat(SupportAccessClient.ofTenant(tenant, null).accessesReply(Map.of()).status()).isEqualTo(401);
        var asBoss = SupportAccessClient.ofTenant(tenant, Platform.token(tenant, "boss", "boss-pw"));
        assertThat(asBoss.accessesReply(Map.of("pageSize", "0")).status()).isEqualTo(400);
        assertThat(asBoss.accessesReply(Map.of("after", "bad")).status()).isEqualTo(400);
    }

    @Test
    void approverApprovesAnAccessRequestAndOnlyThatSupportUserGetsIn() throws Exception {
        String tenant = Platform.createTenant("console-approval");
        Platform.createUser(tenant, "john", "john-pw");
        Platform.grantRealmRoles(tenant, Platform.createUser(tenant, "mary", "mary-pw"), APPROVER_ROLE);
        Platform.grantRealmRoles(tenant, Platform.createUser(tenant, "ann", "ann-pw"), APPROVER_ROLE);
        String jill = Platform.unique("jillap");
        Platform.createSupportUser(jill, "jill-secret", "Support");
        String bob = Platform.unique("bobap");
        Platform.createSupportUser(bob, "bob-secret", "Support");
        Platform.setSupportActivated(false);
        Platform.putSettings("{\"approvalMode\":\"available\"}");
        try {
            // jill, refused on the login page because the tenant is closed, asks its approvers there
            JsonNode asked = askOnTheLoginPage(tenant, jill + "$john", "jill-secret", "ABC-123 <b>printer</b> broken", 4);
            assertThat(asked.get("targetUser").asText()).isEqualTo("john");
            assertThat(asked.get("hoursRequested").asInt()).isEqualTo(4);
            String jillsRequest = asked.get("id").asText();
            String bobsRequest = askForAccess(bob, "bob-secret", tenant, null, 3, "DEF-456");
            assertThat(Platform.passwordGrant(tenant, jill + "$john", "jill-secret").status()).isEqualTo(400);

            openSupportPage(tenant, "mary", "mary-pw");
            WebElement row = waitFor(By.cssSelector("#support-access-pending-requests tr[data-request-id='" + jillsRequest + "']"));
            assertThat(row.getText()).contains(jill, "john", "ABC-123 <b>printer</b> broken", "4 h");
            assertThat(row.findElements(By.tagName("b"))).isEmpty();
            assertThat(waitFor(By.cssSelector("tr[data-request-id='" + bobsRequest + "']")).getText()).contains(bob, "any user", "DEF-456");
            screenshot("account-access-requests.png");

            // Approve: at most the hours asked for, with a comment
            waitFor(By.id("support-access-approve-" + jillsRequest)).click();
            waitFor(By.id("support-access-approve-dialog"));
            WebElement hours = waitFor(By.id("support-access-approve-hours"));
            assertThat(hours.getAttribute("value")).isEqualTo("4");
            hours.sendKeys(Keys.chord(Keys.CONTROL, "a"), "5");
            assertThat(chrome.findElement(By.id("support-access-decision-confirm")).isEnabled()).isFalse();
            hours.sendKeys(Keys.chord(Keys.CONTROL, "a"), "2");
            chrome.findElement(By.id("support-access-decision-comment")).sendKeys("ok for the printer");
            chrome.findElement(By.id("support-access-decision-confirm")).click();
            waitFor(By.id("support-access-decision-done"));
            WebElement decided = waitFor(By.cssSelector("#support-access-decided-requests tr[data-request-id='" + jillsRequest + "']"));
            assertThat(decided.getAttribute("data-status")).isEqualTo("APPROVED");
            assertThat(decided.getText()).contains("Approved", "mary", "ok for the printer");
            JsonNode approved = approverList(tenant, "mary", "mary-pw", jillsRequest);
            assertThat(approved.get("decidedBy").asText()).isEqualTo("mary");
            assertThat(Duration.between(Instant.parse(approved.get("decidedAt").asText()), Instant.parse(approved.get("approvedUntil").asText())))
                    .isEqualTo(Duration.ofHours(2));

            new WebDriverWait(chrome, Duration.ofSeconds(20)).until(
                    ExpectedConditions.textToBe(By.id("support-access-approvals-count"), "1"));
            // the approval opens the tenant for jill, for john; not for bob
            assertThat(Platform.passwordGrant(tenant, jill + "$john", "jill-secret").status()).isEqualTo(200);
            assertThat(Platform.passwordGrant(tenant, bob + "$john", "bob-secret").status()).isEqualTo(400);

            // another approver decides bob's request first: this page's Deny gets the server's conflict, shown as such
            Http.Reply denied = Http.post(accessRequestsUrl(tenant) + "/" + bobsRequest + "/deny", Platform.token(tenant, "ann", "ann-pw"),
                    "application/json", "{\"comment\":\"not today\"}");
            assertThat(denied.status()).as(denied.body()).isEqualTo(200);
            waitFor(By.id("support-access-deny-" + bobsRequest)).click();
            waitFor(By.id("support-access-deny-dialog"));
            chrome.findElement(By.id("support-access-decision-comment")).sendKeys("no");
            chrome.findElement(By.id("support-access-decision-confirm")).click();
            assertThat(waitFor(By.id("support-access-decision-error")).getText()).contains("already decided");
            WebElement bobs = waitFor(By.cssSelector("#support-access-decided-requests tr[data-request-id='" + bobsRequest + "']"));
            assertThat(bobs.getAttribute("data-status")).isEqualTo("DENIED");
            assertThat(bobs.getText()).contains("ann", "not today");
            assertThat(chrome.findElements(By.id("support-access-deny-dialog"))).isEmpty();
            assertThat(chrome.findElement(By.id("support-access-no-pending")).isDisplayed()).isTrue();
            assertThat(Platform.passwordGrant(tenant, bob + "$john", "bob-secret").status()).isEqualTo(400);
            noConsoleErrors();

            // on the login page: jill gets in as john and sees john's account; bob, denied, is told so and stays out
            chrome.manage().deleteAllCookies();
            chrome.get(Platform.url() + "/realms/" + tenant + "/account/");
            signIn(jill + "$john", "jill-secret");
            waitFor(By.id("firstName"));
            new WebDriverWait(chrome, Duration.ofSeconds(20)).until(d -> "john".equals(d.findElement(By.id("firstName")).getAttribute("value")));
            assertThat(chrome.findElement(By.id("email")).getAttribute("value")).startsWith("john@");
            screenshot("account-approved-support-login.png");
            chrome.manage().deleteAllCookies();
            chrome.get(Platform.url() + "/realms/" + tenant + "/account/");
            signIn(bob + "$john", "bob-secret");
            assertThat(waitFor(By.id("support-access-ask-denied")).getText()).contains("ann", "not today");
            assertThat(chrome.getCurrentUrl()).doesNotContain("/account/#");
        } finally {
            Platform.putSettings("{\"approvalMode\":\"off\"}");
        }
    }

    @Test
    void aUserWithoutTheApprovalPermissionSeesNoAccessRequests() {
        String tenant = Platform.createTenant("console-approval-none");
        Platform.createUser(tenant, "alice", "alice-pw");
        Platform.grantRealmRoles(tenant, Platform.createUser(tenant, "mary", "mary-pw"), APPROVER_ROLE);
        String jill = Platform.unique("jillnone");
        Platform.createSupportUser(jill, "jill-secret", "Support");
        Platform.setSupportActivated(false);
        Platform.putSettings("{\"approvalMode\":\"available\"}");
        try {
            String request = askForAccess(jill, "jill-secret", tenant, "alice", 1, "GHI-789");
            openSupportPage(tenant, "alice", "alice-pw");
            waitFor(By.id("support-access-state"));
            assertThat(chrome.findElements(By.id("support-access-access-requests"))).isEmpty();
            assertThat(chrome.findElement(By.tagName("body")).getText()).doesNotContain("GHI-789");
            assertThat(Http.get(accessRequestsUrl(tenant) + "/can-approve", Platform.token(tenant, "alice", "alice-pw")).json()
                    .get("canApprove").asBoolean()).isFalse();
            // the same page for an approver lists it: the absence above is the permission, not an empty list
            chrome.manage().deleteAllCookies();
            openSupportPage(tenant, "mary", "mary-pw");
            waitFor(By.cssSelector("tr[data-request-id='" + request + "']"));
            noConsoleErrors();
        } finally {
            Platform.putSettings("{\"approvalMode\":\"off\"}");
        }
    }

    static final String APPROVER_ROLE = "ROLE_SUPPORT_APPROVAL_ADMIN";

    /** A support user's access request through the management realm's REST API; returns its id. */
    static String askForAccess(String supportUser, String password, String tenant, String targetUser, int hours, String reason) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("tenant", tenant, "hours", hours, "reason", reason));
        body.put("targetUser", targetUser);
        Http.Reply reply = Http.post(Platform.url() + "/realms/" + Platform.MANAGEMENT + "/support-access/access-requests",
                Platform.managementToken(supportUser, password), "application/json", Http.json(body));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    /** Signs in on the tenant's login page with a support login the closed tenant refuses, asks for access there; the request as listed. */
    private JsonNode askOnTheLoginPage(String tenant, String supportLogin, String password, String reason, int hours) throws Exception {
        chrome.manage().deleteAllCookies();
        chrome.get(Platform.url() + "/realms/" + tenant + "/account/");
        signIn(supportLogin, password);
        waitFor(By.id("kc-support-access-ask-form"));
        assertThat(chrome.findElement(By.id("support_ask_any_user")).isSelected()).as("asks for the user typed").isFalse();
        chrome.findElement(By.id("support_ask_reason")).sendKeys(reason);
        WebElement hoursField = chrome.findElement(By.id("support_ask_hours"));
        hoursField.sendKeys(Keys.chord(Keys.CONTROL, "a"), String.valueOf(hours));
        screenshot("login-ask-for-access.png");
        chrome.findElement(By.id("kc-support-access-ask")).click();
        assertThat(waitFor(By.id("support-access-ask-sent")).getText()).contains(tenant);
        String supportUser = supportLogin.substring(0, supportLogin.indexOf('$'));
        JsonNode own = Http.get(Platform.url() + "/realms/" + Platform.MANAGEMENT + "/support-access/access-requests",
                Platform.managementToken(supportUser, password)).json();
        assertThat(own.get(0).get("reason").asText()).isEqualTo(reason);
        return own.get(0);
    }

    private void signIn(String username, String password) {
        waitFor(By.id("username")).sendKeys(username);
        chrome.findElement(By.id("password")).sendKeys(password);
        chrome.findElement(By.id("kc-login")).click();
    }

    static String accessRequestsUrl(String tenant) {
        return Platform.url() + "/realms/" + tenant + "/support-access/access-requests";
    }

    private static JsonNode approverList(String tenant, String username, String password, String id) {
        for (JsonNode request : Http.get(accessRequestsUrl(tenant), Platform.token(tenant, username, password)).json()) {
            if (request.get("id").asText().equals(id)) {
                return request;
            }
        }
        throw new AssertionError("access request " + id + " not listed");
    }

    @Test
    void theCookieAloneDoesNotAuthoriseChanges() {
        String tenant = Platform.createTenant("console-csrf");
        Platform.createUser(tenant, "alice", "alice-pw");
        Platform.setSupportActivated(false);
        openSupportPage(tenant, "alice", "alice-pw");
        waitFor(By.id("support-access-state"));
        // the page's origin, with the SSO cookie, but without the UI header: refused
        Object status = chrome.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {method: 'POST', credentials: 'include'}).then(r => done(r.status), e => done(String(e)));",
                Platform.url() + "/realms/" + tenant + "/support-access/requests");
        assertThat(status).isEqualTo(401L);
        assertThat(SupportAccessClient.ofTenant(tenant, null).statusReply().status()).isEqualTo(401);
    }

    private void openSupportPage(String tenant, String username, String password) {
        openSupportPage(tenant, username, password, "Support access");
    }

    private void openSupportPage(String tenant, String username, String password, String menuEntry) {
        chrome.get(Platform.url() + "/realms/" + tenant + "/account/");
        waitFor(By.id("username")).sendKeys(username);
        chrome.findElement(By.id("password")).sendKeys(password);
        chrome.findElement(By.id("kc-login")).click();
        waitFor(By.linkText(menuEntry)).click();
    }

    /**
     * Reloads the page (a new document, not the old one still standing) and waits for it to show the tenant open; a
     * failure says what the page and the REST status said.
     */
    private void reloadUntilOpenShows(SupportAccessClient.TenantSupport asUser) {
        WebElement before = chrome.findElement(By.id("support-access-state"));
        chrome.navigate().refresh();
        try {
            new WebDriverWait(chrome, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(before));
            new WebDriverWait(chrome, Duration.ofSeconds(60)).until(
                    ExpectedConditions.attributeToBe(By.id("support-access-state"), "data-open", "true"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw BrowserDiagnostics.failure(chrome, "account-console",
                    "the reloaded page showing the tenant open (REST status: " + asUser.statusReply().body() + ")", e);
        }
    }

    private static boolean focusIsInside(String id) {
        return Boolean.TRUE.equals(chrome.executeScript(
                "const box = document.getElementById(arguments[0]); return !!box && box.contains(document.activeElement);", id));
    }

    private static void noConsoleErrors() {
        Object errors = chrome.executeScript("return window.__supportAccessErrors || ['error recorder missing'];");
        assertThat((List<?>) errors).as("console errors").isEmpty();
    }

    private static void screenshot(String name) throws java.io.IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), chrome.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    private WebElement waitFor(By by) {
        return BrowserDiagnostics.await(chrome, "account-console", "the visible " + by,
                () -> new WebDriverWait(chrome, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by)));
    }
}

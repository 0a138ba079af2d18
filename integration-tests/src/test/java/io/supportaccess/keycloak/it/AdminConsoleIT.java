package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.BrowserDiagnostics;
import io.supportaccess.keycloak.it.support.HeadlessChromium;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RoleRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin theme {@code support-access} in a real headless Chromium, through the real login:
 * Keycloak's own console with the "Support access" pages, as the operator (a management realm
 * administrator) and as a tenant administrator. Every page is compared with the REST API.
 */
class AdminConsoleIT {

    /** Keycloak's own navigation entries (ids of its PageNav), which the theme must keep. */
    static final List<String> STOCK_NAV = List.of("nav-item-clients", "nav-item-client-scopes", "nav-item-roles",
            "nav-item-users", "nav-item-groups", "nav-item-sessions", "nav-item-events", "nav-item-realm-settings",
            "nav-item-authentication", "nav-item-identity-providers", "nav-item-user-federation");

    /** Records console errors and uncaught errors of every page, from before the page's own scripts run. */
    static final String ERROR_RECORDER = "window.__supportAccessErrors = [];"
            + "const original = console.error;"
            + "console.error = function (...args) { window.__supportAccessErrors.push(args.map(String).join(' ')); return original.apply(this, args); };"
            + "window.addEventListener('error', e => window.__supportAccessErrors.push('error: ' + e.message));"
            + "window.addEventListener('unhandledrejection', e => window.__supportAccessErrors.push('unhandled: ' + e.reason));";

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static ChromeDriver chrome;

    @BeforeAll
    static void browser() throws Exception {
        Platform.url();
        chrome = HeadlessChromium.start();
        chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", ERROR_RECORDER));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void close() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    @AfterEach
    void reset() {
        // every cookie of every path (the login cookies live under /realms/{realm}/)
        chrome.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        Platform.setSupportActivated(true);
    }

    @Test
    void newRealmsGetTheThemeAndAnExplicitChoiceStays() {
        String tenant = Platform.createTenant("console-theme");
        assertThat(Platform.realm(tenant).toRepresentation().getAdminTheme()).isEqualTo("support-access");
        assertThat(Platform.realm(Platform.MANAGEMENT).toRepresentation().getAdminTheme()).isEqualTo("support-access");

        var stock = new org.keycloak.representations.idm.RealmRepresentation();
        String chosen = Platform.unique("console-stock");
        stock.setRealm(chosen);
        stock.setEnabled(true);
        stock.setAdminTheme("keycloak.v2");
        Platform.admin().realms().create(stock);
        assertThat(Platform.realm(chosen).toRepresentation().getAdminTheme()).isEqualTo("keycloak.v2");
        // the stock console for that realm: Keycloak's own entry script, not ours
        String page = Http.get(Platform.url() + "/admin/" + chosen + "/console/", null).body();
        assertThat(page).contains("/admin/keycloak.v2/").doesNotContain("/admin/support-access/assets/");
        String ours = Http.get(Platform.url() + "/admin/" + tenant + "/console/", null).body();
        assertThat(ours).contains("/admin/support-access/assets/main-");
    }

    @Test
    void operatorRunsSupportAccessFromTheConsole() throws Exception {
        String tenant = Platform.createTenant("console-acme");
        Platform.createUser(tenant, "john", "john-pw");
        String jill = Platform.unique("jill");
        Platform.createSupportUser(jill, "jill-secret", "Support");
        String bob = Platform.unique("bob");
        String bobId = Platform.createSupportUser(bob, "bob-secret");
        String operator = Platform.unique("operator");
        String operatorId = Platform.createUser(Platform.MANAGEMENT, operator, "operator-pw");
        grantRealmManagement(Platform.MANAGEMENT, operatorId, "realm-admin");

        login(Platform.MANAGEMENT, operator, "operator-pw");
        waitFor(By.cssSelector("#support-access-nav section"));
        for (String id : STOCK_NAV) {
            assertThat(chrome.findElements(By.id(id))).as(id).hasSize(1);
        }
        assertThat(chrome.findElement(By.cssSelector("#support-access-nav section")).getText())
                .contains("Support access", "Settings", "Tenants", "Support sessions", "Audit log");
        noConsoleErrors("console home");

        // Settings: what the API says; close support for all tenants, saved with a toast and audited as Option
        waitFor(By.id("nav-item-support-access-settings")).click();
        WebElement all = waitFor(By.id("support-access-activated-all"));
        JsonNode settings = Http.get(Platform.settingsUrl(), Platform.adminToken()).json();
        assertThat(settings.get("supportAccessActivated").asBoolean()).isTrue();
        assertThat(all.isSelected()).isTrue();
        assertThat(waitFor(By.id("support-access-validityLimitHours")).getAttribute("value"))
                .isEqualTo(settings.get("validityLimitHours").asText());
        screenshot("settings");
        chrome.findElement(By.id("support-access-activated-none")).click();
        // PatternFly's switch hides its checkbox under the label: read the checkbox, click what a user clicks
        WebElement notifySwitch = waitFor(By.cssSelector("label[for='support-access-notify-tenants']"));
        assertThat(chrome.findElement(By.id("support-access-notify-tenants")).isSelected()).as("notify tenants: off by default").isFalse();
        notifySwitch.click();
        assertThat(chrome.findElement(By.id("support-access-notify-tenants")).isSelected()).isTrue();
        chrome.findElement(By.id("support-access-save")).click();
        waitForToast("Support access settings saved");
        JsonNode saved = Http.get(Platform.settingsUrl(), Platform.adminToken()).json();
        assertThat(saved.get("supportAccessActivated").asBoolean()).isFalse();
        assertThat(saved.get("notifyTenants").asBoolean()).isTrue();
        assertThat(auditRecords(Platform.MANAGEMENT, Map.of("type", "Option", "user", operator)))
                .anySatisfy(record -> assertThat(record.toString()).contains("notifyTenants"));
        Platform.putSettings("{\"notifyTenants\":false}");
        assertThat(auditRecords(Platform.MANAGEMENT, Map.of("type", "Option", "user", operator))).isNotEmpty();
        noConsoleErrors("settings");

        // john opens his tenant; Tenants shows it open, with its expiry and john's request
        String johnToken = Platform.passwordGrant(tenant, "john", "john-pw").json().get("access_token").asText();
        assertThat(SupportAccessClient.ofTenant(tenant, johnToken).enable().status())
                .isEqualTo(201);
        JsonNode status = Http.get(tenantsUrl() + "/" + tenant, Platform.adminToken()).json();
        waitFor(By.id("nav-item-support-access-tenants")).click();
        WebElement search = waitFor(By.cssSelector("#support-access-tenant-search input"));
        // a part of the tenant's id, in other letters' case: the server searches all tenants
        search.sendKeys(tenant.substring(2).toUpperCase(java.util.Locale.ROOT), Keys.ENTER);
        WebElement row = waitFor(By.cssSelector("tr[data-tenant='" + tenant + "']"));
        assertThat(chrome.findElements(By.cssSelector("#support-access-tenants tbody tr"))).hasSize(1);
        assertThat(row.getAttribute("data-open")).isEqualTo("true");
        assertThat(row.getAttribute("data-expires-at")).isEqualTo(status.get("expiresAt").asText());
        assertThat(row.getAttribute("data-active-requests")).isEqualTo("1");
        assertThat(row.getText()).contains("Open", "Support requests");
        screenshot("tenants");
        noConsoleErrors("tenants");

        chrome.findElement(By.id("support-access-tenant-" + tenant)).click();
        assertThat(waitFor(By.id("support-access-tenant-active")).getText()).isEqualTo("1");
        assertThat(chrome.findElement(By.id("support-access-tenant-properties")).getAttribute("data-open")).isEqualTo("true");
        screenshot("tenant-properties");
        // Keycloak's breadcrumbs lead back to the list
        WebElement crumbs = waitFor(By.cssSelector(".pf-v5-c-breadcrumb"));
        assertThat(crumbs.getText()).contains("Tenants", "Tenant details");
        tab("support-access-tab-requests");
        WebElement event = waitFor(By.cssSelector("#support-access-request-events tr[data-type='ENABLED']"));
        assertThat(event.getAttribute("data-who")).isEqualTo("john");
        screenshot("tenant-requests");

        // "Who may support this tenant?": jill may, bob may not
        tab("support-access-tab-decision");
        assertThat(decisionFor(jill)).isEqualTo("GRANTED");
        screenshot("tenant-decision");
        assertThat(decisionFor(bob)).isEqualTo("NOT_PERMITTED");
        assertThat(Http.get(tenantsUrl() + "/" + tenant + "/decision?supportUser=" + bob, Platform.adminToken())
                .json().get("outcome").asText()).isEqualTo("NOT_PERMITTED");
        noConsoleErrors("tenant detail");

        // Inventory: a group holding the tenant, bob gets the Support inventory role on it, and now bob may enter
        waitFor(By.id("nav-item-support-access-inventory")).click();
        String group = Platform.unique("north");
        waitFor(By.id("support-access-group-name")).sendKeys(group);
        chrome.findElement(By.id("support-access-group-create")).click();
        waitForToast("Group created");
        selectGroup(group);
        new Select(waitFor(By.id("support-access-add-member"))).selectByVisibleText(tenant + " (c8y_Tenant)");
        chrome.findElement(By.id("support-access-add-member-button")).click();
        waitForToast("Added to the group");
        waitFor(By.cssSelector("#support-access-group-members tr[data-member='" + tenant + "']"));
        JsonNode groups = Http.get(inventoryUrl() + "/managed-objects?type=c8y_DeviceGroup", Platform.adminToken()).json();
        JsonNode created = null;
        for (JsonNode g : groups) {
            if (g.get("name").asText().equals(group)) {
                created = g;
            }
        }
        assertThat(created).isNotNull();
        String tenantObjectId = Http.get(inventoryUrl() + "/managed-objects?type=c8y_Tenant&name=" + tenant, Platform.adminToken())
                .json().get(0).get("id").asText();
        assertThat(created.get("children").toString()).contains(tenantObjectId);
        screenshot("inventory-groups");
        tab("support-access-tab-roles");
        assertThat(waitFor(By.cssSelector("#support-access-inventory-roles tr[data-role='Support']")).getAttribute("data-permissions"))
                .isEqualTo("SUPPORT:*:ALL");
        screenshot("inventory-roles");
        tab("support-access-tab-assignments");
        waitFor(By.id("support-access-assign-user")).sendKeys(bob);
        chrome.findElement(By.id("support-access-assign-load")).click();
        new Select(waitFor(By.id("support-access-assign-group"))).selectByVisibleText(group);
        waitFor(By.id("support-access-assign-role-Support")).click();
        chrome.findElement(By.id("support-access-assign-save")).click();
        waitForToast("Inventory roles saved");
        assertThat(waitFor(By.cssSelector("#support-access-assignments tr[data-group='" + group + "']")).getText()).contains("Support");
        JsonNode assignments = Http.get(inventoryUrl() + "/users/" + bobId + "/assignments", Platform.adminToken()).json();
        assertThat(assignments.toString()).contains(group, "Support");
        screenshot("inventory-assignments");
        assertThat(auditRecords(Platform.MANAGEMENT, Map.of("type", "Inventory role", "user", operator))).isNotEmpty();
        assertThat(Http.get(tenantsUrl() + "/" + tenant + "/decision?supportUser=" + bob, Platform.adminToken())
                .json().get("outcome").asText()).isEqualTo("GRANTED");
        noConsoleErrors("inventory");

        // jill comes in; Support sessions lists her session, and "End session" ends it
        assertThat(Platform.passwordGrant(tenant, jill + "$john", "jill-secret").status()).isEqualTo(200);
        JsonNode live = Http.get(sessionsUrl() + "?tenant=" + tenant, Platform.adminToken()).json();
        assertThat(live).hasSize(1);
        String sessionId = live.get(0).get("id").asText();
        waitFor(By.id("nav-item-support-access-sessions")).click();
        WebElement sessionRow = waitFor(By.cssSelector("tr[data-session-id='" + sessionId + "']"));
        assertThat(sessionRow.getAttribute("data-who")).isEqualTo(jill + "$john");
        assertThat(sessionRow.getText()).contains(tenant, jill, "john");
        screenshot("support-sessions");
        chrome.findElement(By.id("support-access-end-" + sessionId)).click();
        waitFor(By.id("modal-confirm")).click();
        waitForToast("Support session ended");
        assertThat(Http.get(sessionsUrl() + "?tenant=" + tenant, Platform.adminToken()).json()).isEmpty();
        assertThat(auditRecords(tenant, Map.of("user", jill + "$john")))
                .anySatisfy(r -> assertThat(r.get("activity").asText()).isEqualTo("Support session ended"));
        noConsoleErrors("support sessions");

        // Audit log of the management realm: jill's access to the tenant, as the API lists it
        waitFor(By.id("nav-item-support-access-audit")).click();
        waitFor(By.id("support-access-audit-supportUser")).sendKeys(jill);
        chrome.findElement(By.id("support-access-audit-search")).click();
        new WebDriverWait(chrome, Duration.ofSeconds(30)).until(d ->
                d.findElements(By.cssSelector("#support-access-audit tr[data-who='" + jill + "$john']")).size()
                        == auditRecords(Platform.MANAGEMENT, Map.of("supportUser", jill)).size());
        assertThat(chrome.findElement(By.id("support-access-audit")).getText())
                .contains("Support access granted", "Support session ended", tenant);
        screenshot("audit-log");
        noConsoleErrors("audit log");
    }

    @Test
    void operatorRequiresReasonsOnTheSettingsPageAndSeesThemOnTheSessionsPage() throws Exception {
        Platform.setSupportActivated(true);
        String tenant = Platform.createTenant("console-reason");
        Platform.createUser(tenant, "john", "john-pw");
        String jill = Platform.unique("jill");
        Platform.createSupportUser(jill, "jill-secret", "Support");
        String operator = Platform.unique("operator");
        String operatorId = Platform.createUser(Platform.MANAGEMENT, operator, "operator-pw");
        grantRealmManagement(Platform.MANAGEMENT, operatorId, "realm-admin");
        try {
            login(Platform.MANAGEMENT, operator, "operator-pw");
            waitFor(By.id("nav-item-support-access-settings")).click();
            // PatternFly's switch hides its checkbox behind the label
            WebElement label = waitFor(By.cssSelector("label[for='support-access-reason-required']"));
            assertThat(chrome.findElement(By.id("support-access-reason-required")).isSelected()).isFalse();
            label.click();
            assertThat(chrome.findElement(By.id("support-access-reason-required")).isSelected()).isTrue();
            chrome.findElement(By.id("support-access-save")).click();
            waitForToast("Support access settings saved");
            assertThat(Http.get(Platform.settingsUrl(), Platform.adminToken()).json().get("supportReasonRequired").asBoolean()).isTrue();
            assertThat(auditRecords(Platform.MANAGEMENT, Map.of("type", "Option", "user", operator)).get(0).get("changes"))
                    .extracting(JsonNode::asText).containsExactly("supportReasonRequired");
            screenshot("settings-reason-required");
            noConsoleErrors("settings");

            assertThat(Platform.passwordGrant(tenant, jill + "$john", "jill-secret").status()).isEqualTo(400);
            String reason = "<b>INC-5</b> \"quoted\" & more";
            assertThat(Platform.passwordGrant(tenant, jill + "$john", "jill-secret", Map.of("support_reason", reason)).status())
                    .isEqualTo(200);
            waitFor(By.id("nav-item-support-access-sessions")).click();
            WebElement row = waitFor(By.cssSelector("tr[data-who='" + jill + "$john']"));
            assertThat(row.findElement(By.className("support-access-reason")).getText()).isEqualTo(reason);
            assertThat(row.findElements(By.tagName("b"))).isEmpty();
            noConsoleErrors("support sessions");
        } finally {
            Platform.putSettings("{\"supportReasonRequired\":false}");
        }
    }

    @Test
    void operatorSetsAccessApprovalOnTheSettingsPageAndSeesATenantsAccessRequests() throws Exception {
        String tenant = Platform.createTenant("console-approval");
        Platform.createUser(tenant, "john", "john-pw");
        Platform.grantRealmRoles(tenant, Platform.createUser(tenant, "mary", "mary-pw"), AccountConsoleIT.APPROVER_ROLE);
        String jill = Platform.unique("jill");
        Platform.createSupportUser(jill, "jill-secret", "Support");
        String bob = Platform.unique("bob");
        Platform.createSupportUser(bob, "bob-secret", "Support");
        String operator = Platform.unique("operator");
        String operatorId = Platform.createUser(Platform.MANAGEMENT, operator, "operator-pw");
        grantRealmManagement(Platform.MANAGEMENT, operatorId, "realm-admin");
        // closed: only an approval opens the tenant
        Platform.setSupportActivated(false);
        try {
            login(Platform.MANAGEMENT, operator, "operator-pw");
            waitFor(By.id("nav-item-support-access-settings")).click();
            WebElement mode = waitFor(By.id("support-access-approvalMode"));
            assertThat(mode.getAttribute("value")).isEqualTo("off");
            new Select(mode).selectByValue("available");
            WebElement pendingHours = waitFor(By.id("support-access-accessRequestPendingHours"));
            assertThat(pendingHours.getAttribute("value")).isEqualTo("24");
            pendingHours.sendKeys(Keys.chord(Keys.CONTROL, "a"), "12");
            chrome.findElement(By.id("support-access-save")).click();
            waitForToast("Support access settings saved");
            JsonNode settings = Http.get(Platform.settingsUrl(), Platform.adminToken()).json();
            assertThat(settings.get("approvalMode").asText()).isEqualTo("available");
            assertThat(settings.get("accessRequestPendingHours").asInt()).isEqualTo(12);
            // persisted: the page loaded afresh shows it
            chrome.navigate().refresh();
            assertThat(new Select(waitFor(By.id("support-access-approvalMode"))).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo("available");
            assertThat(waitFor(By.id("support-access-accessRequestPendingHours")).getAttribute("value")).isEqualTo("12");
            screenshot("settings-approval");
            noConsoleErrors("settings");

            // two access requests: bob's denied, jill's pending
            String bobs = AccountConsoleIT.askForAccess(bob, "bob-secret", tenant, null, 2, "DEF-1");
            assertThat(Http.post(AccountConsoleIT.accessRequestsUrl(tenant) + "/" + bobs + "/deny", Platform.token(tenant, "mary", "mary-pw"),
                    "application/json", "{\"comment\":\"not now\"}").status()).isEqualTo(200);
            String jills = AccountConsoleIT.askForAccess(jill, "jill-secret", tenant, "john", 3, "ABC-123");
            // Tenants: the approval mode with its pending request, the tenant closed
            WebElement listed = tenantsRow(tenant);
            assertThat(listed.getAttribute("data-approval-mode")).isEqualTo("available");
            assertThat(listed.getAttribute("data-pending-approvals")).isEqualTo("1");
            assertThat(listed.getAttribute("data-active-approvals")).isEqualTo("0");
            assertThat(listed.findElement(By.className("support-access-approval-cell")).getText()).isEqualTo("available · 0 active, 1 pending");

            chrome.get(Platform.url() + "/admin/" + Platform.MANAGEMENT + "/console/#/" + Platform.MANAGEMENT + "/support-access/tenants/" + tenant);
            // the tenant's own approval mode: the platform's until the operator overrides it
            WebElement tenantMode = waitFor(By.id("support-access-tenant-approvalMode"));
            assertThat(tenantMode.getAttribute("value")).isEmpty();
            new Select(tenantMode).selectByValue("only");
            chrome.findElement(By.id("support-access-tenant-approval-save")).click();
            waitForToast("Access approval of " + tenant + " saved");
            assertThat(Http.get(tenantsUrl() + "/" + tenant + "/properties", Platform.adminToken()).json().get("approvalMode").asText())
                    .isEqualTo("only");
            waitFor(By.cssSelector("#support-access-tenant-approval[data-approval-mode='only']"));
            waitForText(By.id("support-access-tenant-approval-effective"), "The only way");

            tab("support-access-tab-access-requests");
            WebElement pending = waitFor(By.cssSelector("#support-access-pending-access-requests tr[data-request-id='" + jills + "']"));
            assertThat(pending.getText()).contains(jill, "john", "ABC-123", "3", "Pending");
            WebElement recent = waitFor(By.cssSelector("#support-access-recent-access-requests tr[data-request-id='" + bobs + "']"));
            assertThat(recent.getAttribute("data-status")).isEqualTo("DENIED");
            assertThat(recent.getText()).contains(bob, "any user", "mary", "not now");
            screenshot("tenant-access-requests");
            noConsoleErrors("tenant access requests");

            // back to the platform's setting
            tab("support-access-tab-properties");
            new Select(waitFor(By.id("support-access-tenant-approvalMode"))).selectByValue("");
            chrome.findElement(By.id("support-access-tenant-approval-save")).click();
            waitFor(By.cssSelector("#support-access-tenant-approval[data-approval-mode='']"));
            JsonNode properties = Http.get(tenantsUrl() + "/" + tenant + "/properties", Platform.adminToken()).json();
            assertThat(properties.path("approvalMode").isMissingNode() || properties.get("approvalMode").isNull()).isTrue();

            // mary approves jill's request, jill logs in: Support sessions names the approval that opened the session
            Http.Reply approved = Http.post(AccountConsoleIT.accessRequestsUrl(tenant) + "/" + jills + "/approve",
                    Platform.token(tenant, "mary", "mary-pw"), "application/json", "{\"comment\":\"go ahead\"}");
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            assertThat(Platform.passwordGrant(tenant, jill + "$john", "jill-secret").status()).isEqualTo(200);
            chrome.navigate().refresh();
            waitForText(By.id("support-access-tenant-approvals"), "1");
            assertThat(chrome.findElement(By.id("support-access-tenant-opened-by")).getText()).isEqualTo("Access approval");
            WebElement opened = tenantsRow(tenant);
            assertThat(opened.getAttribute("data-active-approvals")).isEqualTo("1");
            assertThat(opened.getAttribute("data-pending-approvals")).isEqualTo("0");
            assertThat(opened.getText()).contains("Access approval", "available · 1 active, 0 pending");
            screenshot("tenants-approval");
            waitFor(By.id("nav-item-support-access-sessions")).click();
            WebElement session = waitFor(By.cssSelector("tr[data-who='" + jill + "$john']"));
            assertThat(session.getAttribute("data-access-request-id")).isEqualTo(jills);
            assertThat(session.getText()).contains("Access approval");
            noConsoleErrors("support sessions");
        } finally {
            Platform.putSettings("{\"approvalMode\":\"off\",\"accessRequestPendingHours\":24}");
        }
    }

    /** The tenant's row on the Tenants page, found through its search. */
    private WebElement tenantsRow(String tenant) {
        chrome.get(Platform.url() + "/admin/" + Platform.MANAGEMENT + "/console/#/" + Platform.MANAGEMENT + "/support-access/tenants");
        waitFor(By.cssSelector("#support-access-tenant-search input")).sendKeys(tenant, Keys.ENTER);
        return waitFor(By.cssSelector("#support-access-tenants tr[data-tenant='" + tenant + "']"));
    }

    @Test
    void tenantAdministratorSeesTheTenantsAuditLogOnly() throws Exception {
        String tenant = Platform.createTenant("console-tenant");
        // a German-speaking tenant administrator: the console and the pages follow the user's locale
        var representation = Platform.realm(tenant).toRepresentation();
        representation.setInternationalizationEnabled(true);
        representation.setSupportedLocales(java.util.Set.of("en", "de"));
        representation.setDefaultLocale("en");
        Platform.realm(tenant).update(representation);
        Platform.createUser(tenant, "john", "john-pw");
        String adminId = Platform.createUser(tenant, "tenant-admin", "tenant-admin-pw",
                u -> u.setAttributes(Map.of("locale", List.of("de"))));
        grantRealmManagement(tenant, adminId, "realm-admin");
        String jill = Platform.unique("jillt");
        Platform.createSupportUser(jill, "jill-secret", "Support");
        assertThat(Platform.passwordGrant(tenant, jill + "$john", "jill-secret").status()).isEqualTo(200);

        login(tenant, "tenant-admin", "tenant-admin-pw");
        WebElement group = waitFor(By.cssSelector("#support-access-nav section"));
        for (String id : STOCK_NAV) {
            assertThat(chrome.findElements(By.id(id))).as(id).hasSize(1);
        }
        waitForText(By.cssSelector("#support-access-nav section"), "Support-Zugang");
        assertThat(group.getText()).contains("Audit-Log", "Inventar")
                .doesNotContain("Einstellungen", "Mandanten", "Support-Sitzungen");
        noConsoleErrors("tenant console home");

        chrome.findElement(By.id("nav-item-support-access-audit")).click();
        List<JsonNode> expected = auditRecords(tenant, Map.of("type", "Support"));
        assertThat(expected).isNotEmpty();
        new Select(waitFor(By.id("support-access-audit-type"))).selectByValue("Support");
        chrome.findElement(By.id("support-access-audit-search")).click();
        new WebDriverWait(chrome, Duration.ofSeconds(30)).until(d ->
                d.findElements(By.cssSelector("#support-access-audit tr[data-type='Support']")).size() == expected.size());
        assertThat(chrome.findElement(By.cssSelector("#support-access-audit tbody tr")).getAttribute("data-who"))
                .isEqualTo(expected.get(0).get("who").asText());
        screenshot("tenant-audit-log");
        noConsoleErrors("tenant audit log");

        // the management pages are not there for a tenant administrator, and the server refuses them
        String token = adminCliToken(tenant, "tenant-admin", "tenant-admin-pw");
        assertThat(Http.get(Platform.settingsUrl(), token).status()).isIn(401, 403);
        assertThat(Http.get(Platform.url() + "/admin/realms/" + tenant + "/support-access/settings", token).status()).isEqualTo(404);
    }

    @Test
    void operatorCreatesEditsSuspendsActivatesAndRemovesATenant() throws Exception {
        String operator = Platform.unique("lifecycle-operator");
        String operatorId = Platform.createUser(Platform.MANAGEMENT, operator, "operator-pw");
        grantRealmManagement(Platform.MANAGEMENT, operatorId, "realm-admin");
        String tenant = Platform.unique("console-new");

        login(Platform.MANAGEMENT, operator, "operator-pw");
        waitFor(By.id("nav-item-support-access-tenants")).click();
        waitFor(By.id("support-access-tenant-create")).click();
        waitFor(By.id("support-access-new-tenant-id")).sendKeys(tenant);
        chrome.findElement(By.id("support-access-new-tenant-company")).sendKeys("Acme Corp");
        chrome.findElement(By.id("support-access-new-tenant-admin")).sendKeys("acme-admin");
        chrome.findElement(By.id("support-access-new-tenant-email")).sendKeys("admin@acme.example");
        chrome.findElement(By.id("support-access-new-tenant-password")).sendKeys("Acme-admin-pw1");
        chrome.findElement(By.id("support-access-new-tenant-contact")).sendKeys("Ann Smith");
        screenshot("tenant-create");
        chrome.findElement(By.id("support-access-tenant-create-save")).click();
        waitForToast("Tenant " + tenant + " created");
        JsonNode created = Http.get(tenantsUrl() + "/" + tenant + "/properties", Platform.adminToken()).json();
        assertThat(created.get("company").asText()).isEqualTo("Acme Corp");
        assertThat(created.get("adminName").asText()).isEqualTo("acme-admin");
        assertThat(created.get("contactName").asText()).isEqualTo("Ann Smith");

        // the new tenant's page: edit the company
        tab("support-access-tab-administration");
        WebElement company = waitFor(By.id("support-access-tenant-company"));
        assertThat(company.getAttribute("value")).isEqualTo("Acme Corp");
        company.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        company.sendKeys("Acme Industries");
        chrome.findElement(By.id("support-access-tenant-save")).click();
        waitForToast("Tenant " + tenant + " saved");
        assertThat(Http.get(tenantsUrl() + "/" + tenant + "/properties", Platform.adminToken()).json().get("company").asText())
                .isEqualTo("Acme Industries");
        screenshot("tenant-administration");

        // suspend: a wrong password is refused and changes nothing, the operator's own password suspends
        chrome.findElement(By.id("support-access-tenant-suspend")).click();
        waitFor(By.id("support-access-tenant-suspend-password")).sendKeys("not-my-password");
        chrome.findElement(By.id("support-access-tenant-suspend-confirm")).click();
        waitFor(By.id("support-access-tenant-administration-error"));
        assertThat(Http.get(tenantsUrl() + "/" + tenant + "/properties", Platform.adminToken()).json().get("status").asText())
                .isEqualTo("ACTIVE");
        chrome.findElement(By.id("support-access-tenant-suspend")).click();
        waitFor(By.id("support-access-tenant-suspend-password")).sendKeys("operator-pw");
        chrome.findElement(By.id("support-access-tenant-suspend-confirm")).click();
        waitForToast("Tenant " + tenant + " suspended");
        waitFor(By.cssSelector("#support-access-tenant-administration[data-status='SUSPENDED']"));
        assertThat(Platform.realm(tenant).toRepresentation().isEnabled()).isFalse();

        waitFor(By.id("support-access-tenant-activate")).click();
        waitForToast("Tenant " + tenant + " activated");
        waitFor(By.cssSelector("#support-access-tenant-administration[data-status='ACTIVE']"));
        assertThat(Platform.realm(tenant).toRepresentation().isEnabled()).isTrue();

        chrome.findElement(By.id("support-access-tenant-remove")).click();
        waitFor(By.id("modal-confirm")).click();
        waitForToast("Tenant " + tenant + " removed");
        waitFor(By.id("support-access-tenant-search"));
        assertThat(Http.get(tenantsUrl() + "/" + tenant, Platform.adminToken()).status()).isEqualTo(404);
        List<String> activities = auditRecords(Platform.MANAGEMENT, Map.of("type", "Tenant", "user", operator)).stream()
                .map(r -> r.get("activity").asText()).toList();
        assertThat(activities).hasSizeGreaterThanOrEqualTo(5);
        noConsoleErrors("tenant lifecycle");
    }

    @Test
    void groupsAreATreeThatTheAdministratorExpandsAndRearranges() throws Exception {
        String tenant = Platform.createTenant("console-tree");
        String adminId = Platform.createUser(tenant, "tree-admin", "tree-admin-pw");
        grantRealmManagement(tenant, adminId, "realm-admin");
        SupportAccessClient.Inventory inventory = SupportAccessClient.admin().inventory(tenant);

        login(tenant, "tree-admin", "tree-admin-pw");
        waitFor(By.id("nav-item-support-access-inventory")).click();
        createGroup("region", null);
        createGroup("north", "region");
        createGroup("south", null);
        String region = groupId(inventory, "region");
        String north = groupId(inventory, "north");
        String south = groupId(inventory, "south");
        assertThat(children(inventory, region)).containsExactly(north);

        // north sits under region, shown when region is expanded, hidden again when collapsed
        assertThat(visibleNodes()).containsExactly("region", "south");
        toggle("region");
        waitFor(By.cssSelector("[data-group-node='north']"));
        assertThat(visibleNodes()).containsExactly("region", "north", "south");
        toggle("region");
        new WebDriverWait(chrome, Duration.ofSeconds(30)).until(d -> visibleNodes().equals(List.of("region", "south")));

        // south moves below north, in one step
        selectGroup("south");
        new Select(waitFor(By.id("support-access-move-target"))).selectByVisibleText("north");
        chrome.findElement(By.id("support-access-group-move")).click();
        waitForToast("Group moved");
        assertThat(children(inventory, north)).containsExactly(south);
        assertThat(topLevel(inventory)).containsExactly(region);
        toggle("region");
        toggle("north");
        waitFor(By.cssSelector("[data-group-node='south']"));
        assertThat(visibleNodes()).containsExactly("region", "north", "south");
        screenshot("inventory-tree");

        // north (with south) to the top level
        selectGroup("north");
        new Select(waitFor(By.id("support-access-move-target"))).selectByVisibleText("Top level");
        chrome.findElement(By.id("support-access-group-move")).click();
        waitForToast("Group moved");
        assertThat(children(inventory, region)).isEmpty();
        assertThat(topLevel(inventory)).containsExactlyInAnyOrder(region, north);
        assertThat(children(inventory, north)).containsExactly(south);

        // removing a group, after confirmation
        selectGroup("region");
        chrome.findElement(By.id("support-access-group-remove")).click();
        waitFor(By.id("modal-confirm")).click();
        waitForToast("Group removed");
        assertThat(inventory.get("/managed-objects/" + region).status()).isEqualTo(404);
        assertThat(auditRecords(tenant, Map.of("type", "Inventory", "user", "tree-admin"))).hasSizeGreaterThanOrEqualTo(6);
        noConsoleErrors("inventory tree");
    }

    @Test
    void anAuditorWithOnlyTheAuditPermissionSeesTheAuditLog() throws Exception {
        String tenant = Platform.createTenant("console-auditor");
        Platform.createUser(tenant, "john", "john-pw");
        String auditorId = Platform.createUser(tenant, "auditor", "auditor-pw");
        Platform.grantRealmRoles(tenant, auditorId, "ROLE_AUDIT_READ");
        String jill = Platform.unique("jilla");
        Platform.createSupportUser(jill, "jill-secret", "Support");
        assertThat(Platform.passwordGrant(tenant, jill + "$john", "jill-secret").status()).isEqualTo(200);

        login(tenant, "auditor", "auditor-pw");
        WebElement group = waitFor(By.cssSelector("#support-access-nav section"));
        assertThat(group.getText()).contains("Audit log").doesNotContain("Inventory", "Settings", "Tenants");
        chrome.findElement(By.id("nav-item-support-access-audit")).click();
        List<JsonNode> expected = auditRecords(tenant, Map.of("supportUser", jill));
        assertThat(expected).isNotEmpty();
        waitFor(By.id("support-access-audit-supportUser")).sendKeys(jill);
        chrome.findElement(By.id("support-access-audit-search")).click();
        new WebDriverWait(chrome, Duration.ofSeconds(30)).until(d ->
                d.findElements(By.cssSelector("#support-access-audit tr[data-who='" + jill + "$john']")).size() == expected.size());
        noConsoleErrors("auditor's audit log");

        // the same permission, and nothing more, on the server
        String token = adminCliToken(tenant, "auditor", "auditor-pw");
        assertThat(Http.get(Platform.url() + "/admin/realms/" + tenant + "/support-access/audit", token).status()).isEqualTo(200);
        assertThat(Http.get(Platform.url() + "/admin/realms/" + tenant + "/support-access/inventory/roles", token).status()).isEqualTo(403);
        assertThat(Http.get(Platform.url() + "/admin/realms/" + tenant + "/users", token).status()).isEqualTo(403);
    }

    @Test
    void adminWithoutThePermissionSeesNoSupportAccessAndIsRefused() throws Exception {
        String viewer = Platform.unique("viewer");
        String viewerId = Platform.createUser(Platform.MANAGEMENT, viewer, "viewer-pw");
        grantRealmManagement(Platform.MANAGEMENT, viewerId, "query-groups");

        login(Platform.MANAGEMENT, viewer, "viewer-pw");
        waitFor(By.id("nav-item-groups"));
        assertThat(chrome.findElements(By.cssSelector("#support-access-nav section"))).isEmpty();
        assertThat(chrome.findElements(By.cssSelector("[id^='nav-item-support-access-']"))).isEmpty();
        noConsoleErrors("console of an admin without permission");

        chrome.get(Platform.url() + "/admin/" + Platform.MANAGEMENT + "/console/#/" + Platform.MANAGEMENT + "/support-access/settings");
        waitForText(By.tagName("main"), "Forbidden");
        assertThat(chrome.findElements(By.id("support-access-settings"))).isEmpty();
        String token = adminCliToken(Platform.MANAGEMENT, viewer, "viewer-pw");
        assertThat(Http.get(Platform.settingsUrl(), token).status()).isEqualTo(403);
        assertThat(Http.put(Platform.settingsUrl(), token, "application/json", "{\"supportAccessActivated\": false}").status())
                .isEqualTo(403);
        assertThat(Http.get(sessionsUrl(), token).status()).isEqualTo(403);
        assertThat(Http.get(tenantsUrl(), token).status()).isEqualTo(403);
    }

    @Test
    void administratorManagesTheUserHierarchyFromTheConsole() throws Exception {
        String tenant = Platform.createTenant("console-hierarchy");
        String adminId = Platform.createUser(tenant, "hierarchy-admin", "hierarchy-admin-pw");
        grantRealmManagement(tenant, adminId, "realm-admin");
        String annId = Platform.createUser(tenant, "ann", "ann-pw");
        // ann has a hierarchy to delegate (User management CREATE)
        Platform.grantRealmRoles(tenant, annId, "business", "Global Reader", "Shared User Manager");
        String carlId = Platform.createUser(tenant, "carl", "carl-pw");
        String doraId = Platform.createUser(tenant, "dora", "dora-pw");
        assertThat(Http.put(hierarchyUrl(tenant) + "/" + doraId + "/owner", Platform.adminToken(), "application/json",
                "{\"owner\": \"" + carlId + "\"}").status()).isEqualTo(200);

        login(tenant, "hierarchy-admin", "hierarchy-admin-pw");
        waitFor(By.id("nav-item-support-access-users")).click();
        waitFor(By.cssSelector("#support-access-users tr[data-path='" + annId + "']"));
        noConsoleErrors("user hierarchy");

        // Add user: bob, without an owner (an administrator may choose one)
        waitFor(By.id("support-access-user-add")).click();
        waitFor(By.id("support-access-new-user-username")).sendKeys("bob");
        chrome.findElement(By.id("support-access-new-user-first")).sendKeys("Bob");
        chrome.findElement(By.id("support-access-new-user-email")).sendKeys("bob@acme.example");
        // a first password bob must change at his first login (the default); a confirmation that differs keeps Create off
        chrome.findElement(By.id("support-access-new-user-password")).sendKeys("bob-first-pw");
        chrome.findElement(By.id("support-access-new-user-password-confirm")).sendKeys("bob-first-pX");
        assertThat(chrome.findElement(By.id("support-access-user-add-save")).isEnabled()).isFalse();
        chrome.findElement(By.id("support-access-new-user-password-confirm")).sendKeys(Keys.BACK_SPACE, "w");
        assertThat(chrome.findElement(By.id("support-access-new-user-password-temporary")).isSelected()).isTrue();
        chrome.findElement(By.id("support-access-user-add-save")).click();
        waitForToast("User bob created");
        JsonNode bob = hierarchyUser(tenant, "bob");
        String bobId = bob.get("id").asText();
        assertThat(bob.get("email").asText()).isEqualTo("bob@acme.example");
        assertThat(bob.hasNonNull("owner")).as("owner unset").isFalse();
        Http.Reply bobsLogin = Platform.passwordGrant(tenant, "bob", "bob-first-pw");
        assertThat(bobsLogin.json().get("error_description").asText()).as(bobsLogin.body()).isEqualTo("Account is not fully set up");
        assertThat(Platform.realm(tenant).users().get(bobId).toRepresentation().getRequiredActions()).containsExactly("UPDATE_PASSWORD");

        // ann becomes bob's owner: the number next to ann's name, and bob below ann when expanded
        userAction(bobId, "owner");
        pickUser("support-access-user-owner", "ann");
        chrome.findElement(By.id("support-access-user-owner-save")).click();
        waitForToast("Owner of bob set");
        assertThat(hierarchyUser(tenant, bobId).get("owner").get("username").asText()).isEqualTo("ann");
        assertThat(hierarchyUser(tenant, annId).get("subUsers").asInt()).isEqualTo(1);
        WebElement annRow = waitFor(By.cssSelector("#support-access-users tr[data-path='" + annId + "'][data-sub-users='1']"));
        assertThat(annRow.findElement(By.cssSelector(".support-access-sub-users")).getText()).isEqualTo("1");
        assertThat(chrome.findElements(By.cssSelector("tr[data-path='" + annId + "/" + bobId + "']"))).isEmpty();
        annRow.findElement(By.cssSelector(".pf-v5-c-table__toggle button")).click();
        WebElement subUser = waitFor(By.cssSelector("#support-access-users tr[data-path='" + annId + "/" + bobId + "']"));
        assertThat(subUser.getAttribute("data-level")).isEqualTo("2");
        assertThat(subUser.getAttribute("data-owner")).isEqualTo("ann");

        // bob's global roles: at most ann's, checked where bob holds them
        userAction(annId + "/" + bobId, "roles");
        waitFor(By.id("support-access-user-role-business")).click();
        assertThat(chrome.findElements(By.id("support-access-user-role-admins"))).isEmpty();
        chrome.findElement(By.id("support-access-user-roles-save")).click();
        waitForToast("Global roles of bob saved");
        assertThat(hierarchyUser(tenant, bobId).get("roles").toString()).contains("business").doesNotContain("admins");
        waitFor(By.cssSelector("tr[data-path='" + annId + "/" + bobId + "'][data-roles='business']"));

        // ann delegates to carl, and takes it back
        userAction(carlId, "delegation");
        pickUser("support-access-user-delegator", "ann");
        chrome.findElement(By.id("support-access-user-delegation-save")).click();
        waitForToast("Delegated to carl");
        assertThat(hierarchyUser(tenant, carlId).get("delegatedBy").get("username").asText()).isEqualTo("ann");
        waitFor(By.cssSelector("tr[data-path='" + carlId + "'][data-delegated-by='ann']"));
        screenshot("user-hierarchy");
        userAction(carlId, "delegation");
        waitFor(By.id("support-access-user-delegation-clear")).click();
        waitForToast("Delegation to carl taken back");
        assertThat(hierarchyUser(tenant, carlId).hasNonNull("delegatedBy")).as("delegatedBy unset").isFalse();

        // carl below his own sub-user dora would be a cycle: refused with the server's message, nothing changes
        userAction(carlId, "owner");
        pickUser("support-access-user-owner", "dora");
        chrome.findElement(By.id("support-access-user-owner-save")).click();
        WebElement refusal = waitFor(By.id("support-access-user-owner-dialog-error"));
        assertThat(refusal.getAttribute("data-status")).isEqualTo("409");
        Http.Reply cycle = Http.put(hierarchyUrl(tenant) + "/" + carlId + "/owner", Platform.adminToken(), "application/json",
                "{\"owner\": \"" + doraId + "\"}");
        assertThat(cycle.status()).isEqualTo(409);
        assertThat(cycle.json().get("error_description").asText()).contains("cycle");
        assertThat(refusal.getText()).contains("409", cycle.json().get("error_description").asText());
        assertThat(hierarchyUser(tenant, carlId).hasNonNull("owner")).as("owner unset").isFalse();
        screenshot("user-hierarchy-cycle");
        noConsoleErrors("cycle refused");
        clickPastToasts(By.cssSelector("#support-access-user-owner-dialog button[aria-label='Close']"));
        waitForGone(By.id("support-access-user-owner-dialog"));

        // removing ann, after confirmation: bob moves up to ann's owner (nobody)
        userAction(annId, "remove");
        waitFor(By.id("modal-confirm")).click();
        waitForToast("User ann removed");
        assertThat(Http.get(hierarchyUrl(tenant) + "/" + annId, Platform.adminToken()).status()).isEqualTo(404);
        assertThat(hierarchyUser(tenant, bobId).hasNonNull("owner")).as("owner unset").isFalse();
        new WebDriverWait(chrome, Duration.ofSeconds(30)).until(d ->
                d.findElements(By.cssSelector("#support-access-users tr[data-username='ann']")).isEmpty());

        List<String> activities = auditRecords(tenant, Map.of("user", "hierarchy-admin")).stream()
                .map(r -> r.get("activity").asText()).toList();
        assertThat(activities).contains("User created", "User owner updated", "User roles updated", "User delegation updated",
                "User deleted");
        noConsoleErrors("user hierarchy");
    }

    @Test
    void sharedUserManagerSeesAndManagesOnlyTheirOwnSubUsers() throws Exception {
        String tenant = Platform.createTenant("console-shared");
        String samId = Platform.createUser(tenant, "sam", "sam-pw");
        Platform.grantRealmRoles(tenant, samId, "Shared User Manager", "business");
        String olgaId = Platform.createUser(tenant, "olga", "olga-pw");
        Platform.grantRealmRoles(tenant, olgaId, "Shared User Manager");

        login(tenant, "sam", "sam-pw");
        waitFor(By.id("nav-item-support-access-users")).click();
        waitFor(By.cssSelector("#support-access-users tr[data-path='" + samId + "']"));
        // the role's User management READ shows everyone, but sam manages only his own sub-tree: olga is not his
        WebElement olga = waitFor(By.cssSelector("#support-access-users tr[data-username='olga']"));
        assertThat(olga.getAttribute("data-manageable")).isEqualTo("false");
        String samToken = adminCliToken(tenant, "sam", "sam-pw");
        JsonNode olgaRow = Http.get(hierarchyUrl(tenant) + "?search=olga", samToken).json().get(0);
        assertThat(olgaRow.get("manageable").asBoolean()).isFalse();
        olga.findElement(By.cssSelector(".support-access-user-actions")).click();
        waitFor(By.cssSelector("li[data-key='delegation']"));
        assertThat(chrome.findElements(By.cssSelector("li[data-key='owner'], li[data-key='roles'], li[data-key='remove']"))).isEmpty();
        olga.findElement(By.cssSelector(".support-access-user-actions")).click();
        waitForGone(By.cssSelector("li[data-key='delegation']"));

        // Add user: sam becomes the owner, there is nobody else to choose
        waitFor(By.id("support-access-user-add")).click();
        waitFor(By.id("support-access-new-user-username")).sendKeys("sid");
        assertThat(chrome.findElements(By.id("support-access-new-user-owner"))).isEmpty();
        // a password that is final: sid (with a complete profile) logs in with it
        chrome.findElement(By.id("support-access-new-user-first")).sendKeys("Sid");
        chrome.findElement(By.id("support-access-new-user-last")).sendKeys("Test");
        chrome.findElement(By.id("support-access-new-user-email")).sendKeys("sid@acme.example");
        chrome.findElement(By.id("support-access-new-user-password")).sendKeys("sid-final-pw");
        chrome.findElement(By.id("support-access-new-user-password-confirm")).sendKeys("sid-final-pw");
        chrome.findElement(By.id("support-access-new-user-password-temporary")).click();
        chrome.findElement(By.id("support-access-user-add-save")).click();
        waitForToast("User sid created");
        JsonNode sid = hierarchyUser(tenant, "sid");
        assertThat(sid.get("owner").get("username").asText()).isEqualTo("sam");
        assertThat(Platform.passwordGrant(tenant, "sid", "sid-final-pw").status()).isEqualTo(200);
        waitFor(By.cssSelector("#support-access-users tr[data-path='" + samId + "'][data-sub-users='1']"));

        // sid may get sam's own global roles, nothing else
        userAction(sid.get("id").asText(), "roles");
        waitFor(By.id("support-access-user-role-business")).click();
        assertThat(chrome.findElements(By.id("support-access-user-role-admins"))).isEmpty();
        chrome.findElement(By.id("support-access-user-roles-save")).click();
        waitForToast("Global roles of sid saved");
        assertThat(hierarchyUser(tenant, sid.get("id").asText()).get("roles").toString()).contains("business");

        // olga delegates to sam; sam, the delegate, ends it on his own row
        assertThat(Http.put(hierarchyUrl(tenant) + "/" + samId + "/delegated-by", Platform.adminToken(), "application/json",
                "{\"delegatedBy\": \"" + olgaId + "\"}").status()).isEqualTo(200);
        chrome.findElement(By.id("support-access-users-refresh")).click();
        waitForText(By.id("support-access-users-delegators"), "olga");
        userAction(samId, "delegation");
        assertThat(chrome.findElements(By.id("support-access-user-delegator"))).isEmpty();
        waitFor(By.id("support-access-user-delegation-clear")).click();
        waitForToast("Delegation to sam taken back");
        assertThat(hierarchyUser(tenant, samId).hasNonNull("delegatedBy")).as("delegatedBy unset").isFalse();
        noConsoleErrors("shared user manager");
    }

    /** Opens a row's actions menu and chooses one (owner, roles, delegation, remove). */
    private void userAction(String path, String action) {
        waitFor(By.cssSelector("#support-access-users tr[data-path='" + path + "'] .support-access-user-actions")).click();
        waitFor(By.cssSelector("li[data-key='" + action + "'] button")).click();
    }

    /** Filters a user picker by the username and chooses that user. */
    private void pickUser(String id, String username) {
        WebElement filter = waitFor(By.id(id + "-filter"));
        filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        filter.sendKeys(username);
        new WebDriverWait(chrome, Duration.ofSeconds(30)).until(d -> new Select(d.findElement(By.id(id))).getOptions().stream()
                .anyMatch(o -> o.getText().equals(username)));
        new Select(chrome.findElement(By.id(id))).selectByVisibleText(username);
    }

    private static String hierarchyUrl(String realm) {
        return Platform.url() + "/admin/realms/" + realm + "/support-access/users";
    }

    /** A user as the hierarchy API shows it, by id or by exact username. */
    private static JsonNode hierarchyUser(String realm, String idOrUsername) {
        Http.Reply byId = Http.get(hierarchyUrl(realm) + "/" + idOrUsername, Platform.adminToken());
        if (byId.status() == 200) {
            return byId.json();
        }
        JsonNode found = Http.get(hierarchyUrl(realm) + "?search=" + Http.enc(idOrUsername), Platform.adminToken()).json();
        List<JsonNode> exact = new ArrayList<>();
        found.forEach(u -> {
            if (u.get("username").asText().equals(idOrUsername)) {
                exact.add(u);
            }
        });
        assertThat(exact).as(idOrUsername).hasSize(1);
        return exact.get(0);
    }

    private void createGroup(String name, String parent) {
        waitFor(By.id("support-access-group-name")).sendKeys(name);
        if (parent != null) {
            new Select(chrome.findElement(By.id("support-access-group-parent"))).selectByVisibleText(parent);
        }
        chrome.findElement(By.id("support-access-group-create")).click();
        waitForToast("Group created");
        new WebDriverWait(chrome, Duration.ofSeconds(30)).until(d ->
                d.findElement(By.id("support-access-group-name")).getAttribute("value").isEmpty());
    }

    /** Selects a group's first node in the tree; its members and actions appear beside it. */
    private void selectGroup(String name) {
        waitFor(By.cssSelector("[data-group-node='" + name + "']")).click();
        waitFor(By.cssSelector("#support-access-group-details[data-group='" + name + "']"));
    }

    /** Expands or collapses a group's node with its toggle. */
    private void toggle(String name) {
        WebElement node = waitFor(By.cssSelector("[data-group-node='" + name + "']"));
        node.findElement(By.xpath("ancestor::li[1]")).findElement(By.cssSelector(".pf-v5-c-tree-view__node-toggle")).click();
    }

    private List<String> visibleNodes() {
        return chrome.findElements(By.cssSelector("#support-access-group-tree [data-group-node]")).stream()
                .filter(WebElement::isDisplayed).map(e -> e.getAttribute("data-group-node")).toList();
    }

    private static String groupId(SupportAccessClient.Inventory inventory, String name) {
        List<JsonNode> found = inventory.managedObjects(Map.of("type", "c8y_DeviceGroup", "name", name));
        assertThat(found).hasSize(1);
        return found.get(0).get("id").asText();
    }

    private static List<String> children(SupportAccessClient.Inventory inventory, String group) {
        List<String> ids = new ArrayList<>();
        inventory.managedObject(group).get("children").forEach(c -> ids.add(c.asText()));
        return ids;
    }

    /** Groups that are nobody's children. */
    private static List<String> topLevel(SupportAccessClient.Inventory inventory) {
        List<JsonNode> groups = inventory.managedObjects(Map.of("type", "c8y_DeviceGroup"));
        List<String> children = new ArrayList<>();
        groups.forEach(g -> g.get("children").forEach(c -> children.add(c.asText())));
        List<String> top = new ArrayList<>();
        groups.forEach(g -> {
            if (!children.contains(g.get("id").asText())) {
                top.add(g.get("id").asText());
            }
        });
        return top;
    }

    private String decisionFor(String supportUser) {
        WebElement input = waitFor(By.id("support-access-decision-user"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(supportUser);
        chrome.findElement(By.id("support-access-decision-check")).click();
        new WebDriverWait(chrome, Duration.ofSeconds(30)).until(d -> {
            List<WebElement> alerts = d.findElements(By.id("support-access-decision"));
            return !alerts.isEmpty() && alerts.get(0).getText().contains(supportUser);
        });
        return chrome.findElement(By.id("support-access-decision")).getAttribute("data-outcome");
    }

    /** PatternFly gives a tab's button the id pf-tab-{key}-{id of the Tab}. */
    private void tab(String id) {
        WebElement tab = waitFor(By.cssSelector("button[id$='-" + id + "']"));
        // a tab beyond the width of the bar sits under PatternFly's scroll buttons until scrolled to: as a user, scroll forward
        chrome.executeScript("arguments[0].scrollIntoView({block: 'nearest', inline: 'center'});", tab);
        new WebDriverWait(chrome, Duration.ofSeconds(30)).until(d -> {
            try {
                tab.click();
                return true;
            } catch (ElementClickInterceptedException covered) {
                // the button in the way says which way to scroll; anything else in the way (a toast) is waited out
                for (String direction : List.of("Scroll forward", "Scroll back")) {
                    if (covered.getMessage().contains("aria-label=\"" + direction + "\"")) {
                        d.findElements(By.cssSelector("button.pf-v5-c-tabs__scroll-button[aria-label='" + direction + "']")).stream()
                                .filter(WebElement::isDisplayed).filter(WebElement::isEnabled).findFirst().ifPresent(WebElement::click);
                    }
                }
                return false;
            }
        });
    }

    /** Clicks as a user would when a notification (PatternFly's toast, top right) lies over the element: once it has gone. */
    private void clickPastToasts(By element) {
        new WebDriverWait(chrome, Duration.ofSeconds(30)).ignoring(ElementClickInterceptedException.class).until(d -> {
            d.findElement(element).click();
            return true;
        });
    }

    private static String tenantsUrl() {
        return Platform.url() + "/admin/realms/" + Platform.MANAGEMENT + "/support-access/tenants";
    }

    private static String inventoryUrl() {
        return Platform.url() + "/admin/realms/" + Platform.MANAGEMENT + "/support-access/inventory";
    }

    private static String sessionsUrl() {
        return Platform.url() + "/admin/realms/" + Platform.MANAGEMENT + "/support-access/sessions";
    }

    private static List<JsonNode> auditRecords(String realm, Map<String, String> filters) {
        StringBuilder query = new StringBuilder("?pageSize=1000");
        filters.forEach((k, v) -> query.append('&').append(k).append('=').append(Http.enc(v)));
        JsonNode page = Http.get(Platform.url() + "/admin/realms/" + realm + "/support-access/audit" + query, Platform.adminToken()).json();
        List<JsonNode> records = new ArrayList<>();
        page.get("records").forEach(records::add);
        return records;
    }

    private static void grantRealmManagement(String realm, String userId, String role) {
        var client = Platform.realm(realm).clients().findByClientId("realm-management").get(0);
        RoleRepresentation rep = Platform.realm(realm).clients().get(client.getId()).roles().get(role).toRepresentation();
        Platform.realm(realm).users().get(userId).roles().clientLevel(client.getId()).add(List.of(rep));
    }

    private static String adminCliToken(String realm, String username, String password) {
        Http.Reply reply = Http.postForm(Platform.tokenUrl(realm), Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", username, "password", password));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("access_token").asText();
    }

    private void login(String realm, String username, String password) {
        chrome.get(Platform.url() + "/admin/" + realm + "/console/");
        waitFor(By.id("username")).sendKeys(username);
        chrome.findElement(By.id("password")).sendKeys(password);
        chrome.findElement(By.id("kc-login")).click();
        // past the login page: a login that did not go through fails here, with the page's message
        BrowserDiagnostics.await(chrome, "admin-console", "the way past the login page",
                () -> new WebDriverWait(chrome, Duration.ofSeconds(60)).until(ExpectedConditions.invisibilityOfElementLocated(By.id("kc-login"))));
    }

    private void noConsoleErrors(String where) {
        Object errors = chrome.executeScript("return window.__supportAccessErrors || ['error recorder missing'];");
        assertThat((List<?>) errors).as("console errors on " + where).isEmpty();
    }

    private static void screenshot(String name) throws Exception {
        Files.write(SCREENSHOTS.resolve("admin-console-" + name + ".png"), chrome.getScreenshotAs(OutputType.BYTES));
    }

    private WebElement waitFor(By by) {
        return BrowserDiagnostics.await(chrome, "admin-console", "the visible " + by,
                () -> new WebDriverWait(chrome, Duration.ofSeconds(60)).until(ExpectedConditions.visibilityOfElementLocated(by)));
    }

    /** A toast of Keycloak's alert groups (the stock console's and the pages' own). */
    private void waitForToast(String text) {
        waitFor(By.xpath("//ul[contains(@class, 'pf-v5-c-alert-group')]//*[contains(text(), '" + text + "')]"));
    }

    private void waitForGone(By by) {
        BrowserDiagnostics.await(chrome, "admin-console", "no visible " + by,
                () -> new WebDriverWait(chrome, Duration.ofSeconds(30)).until(ExpectedConditions.invisibilityOfElementLocated(by)));
    }

    private void waitForText(By by, String text) {
        BrowserDiagnostics.await(chrome, "admin-console", "\"" + text + "\" in " + by,
                () -> new WebDriverWait(chrome, Duration.ofSeconds(60)).until(ExpectedConditions.textToBePresentInElementLocated(by, text)));
    }
}

package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportSession;
import io.supportaccess.keycloak.it.support.TenantWithSupport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;

/** A tenant's administrators cannot take their tenant out of support, nor out of the support audit. */
class PlatformDecidesSupportIT {

    String tenant;
    String jill;
    String tenantAdmin;

    @BeforeEach
    void tenantWithAdministrator() {
        Platform.setSupportActivated(true);
        TenantWithSupport scene = TenantWithSupport.create("own");
        tenant = scene.tenant();
        jill = scene.jill();
        Platform.createUser(tenant, "boss", "boss-secret");
        Platform.grantRealmManagementRole(tenant, "boss", "realm-admin");
        tenantAdmin = Platform.token(tenant, "boss", "boss-secret");
    }

    @Test
    void aTenantAttributeCannotOptTheTenantOut() {
        RealmRepresentation rep = Http.get(Platform.url() + "/admin/realms/" + tenant, tenantAdmin).as(RealmRepresentation.class);
        Map<String, String> attributes = new HashMap<>(rep.getAttributes() == null ? Map.of() : rep.getAttributes());
        attributes.put("supportAccess.enabled", "false");
        rep.setAttributes(attributes);
        Http.Reply updated = Http.put(Platform.url() + "/admin/realms/" + tenant, tenantAdmin, "application/json", Http.json(rep));
        assertThat(updated.status()).as(updated.body()).isEqualTo(204);

        assertThat(Platform.passwordGrant(tenant, jill + "$john", "jill-secret").status()).isEqualTo(200);
    }

    @Test
    void supportAccessesAreAuditedEvenWhenTheTenantRemovesTheListener() {
        RealmRepresentation rep = Http.get(Platform.url() + "/admin/realms/" + tenant, tenantAdmin).as(RealmRepresentation.class);
        assertThat(rep.getEventsListeners()).contains("support-access");
        rep.setEventsListeners(List.of("jboss-logging"));
        assertThat(Http.put(Platform.url() + "/admin/realms/" + tenant, tenantAdmin, "application/json", Http.json(rep)).status()).isEqualTo(204);

        SupportSession support = SupportSession.login(tenant, jill + "$john", "jill-secret");
        Platform.passwordGrant(tenant, jill + "$nobody", "jill-secret");
        // an action in the support session: the support user (as john) changes john's own account through the account REST API
        Http.Reply account = Http.post(Platform.url() + "/realms/" + tenant + "/account", support.accessToken(), "application/json",
                "{\"username\":\"john\",\"firstName\":\"Changed\",\"email\":\"john@example.org\",\"lastName\":\"Doe\"}");
        assertThat(account.status()).as(account.body()).isLessThan(300);
        Http.postForm(Platform.url() + "/realms/" + tenant + "/protocol/openid-connect/logout",
                Map.of("client_id", Platform.CLIENT, "refresh_token", support.refreshToken()));
        SupportSession.login(tenant, "john", "john-secret");

        List<JsonNode> records = Audit.all(tenant, Map.of());
        List<String> activities = records.stream().map(r -> r.get("activity").asText()).toList();
        assertThat(activities).contains("Support access granted", "Support access denied", "Support session ended");
        assertThat(records).anyMatch(r -> (jill + "$john").equals(r.get("who").asText()) && "User logout".equals(r.get("activity").asText()));
        assertThat(records).anyMatch(r -> (jill + "$john").equals(r.get("who").asText()) && r.get("activity").asText().startsWith("User updated"));
        assertThat(records).as("the tenant's own records stop: john's own login is not recorded")
                .noneMatch(r -> "john".equals(r.get("who").asText()) && "User login".equals(r.get("activity").asText()));
        // the tenant's administrator sees in "Support accesses" when the support session ended, and why
        JsonNode accesses = Http.get(Platform.url() + "/realms/" + tenant + "/support-access/accesses",
                Platform.token(tenant, "boss", "boss-secret")).json().get("records");
        List<String> accessTexts = new java.util.ArrayList<>();
        accesses.forEach(r -> accessTexts.add(r.get("text").asText()));
        assertThat(accessTexts).anyMatch(t -> t.equals("Support session of " + jill + "$john in " + tenant + " ended: logout"));
        List<JsonNode> crossTenant = Audit.all(Platform.MANAGEMENT, Map.of("tenant", tenant, "type", "Support"));
        assertThat(crossTenant).anyMatch(r -> "Support access granted".equals(r.get("activity").asText()));
    }

    @Test
    void aFlowWithoutTheSupportStepIsReportedNotGranted() {
        String url = Platform.url() + "/admin/realms/management/support-access/tenants/" + tenant;
        assertThat(Http.get(url, Platform.adminToken()).json().get("supportLogin").asText()).isEqualTo("available");

        // the tenant administrator binds a browser flow and a direct grant flow of their own, without the support steps
        for (String alias : List.of("bare browser", "bare grant")) {
            Http.Reply created = Http.post(Platform.url() + "/admin/realms/" + tenant + "/authentication/flows", tenantAdmin,
                    "application/json", "{\"alias\":\"" + alias + "\",\"providerId\":\"basic-flow\",\"topLevel\":true,\"builtIn\":false}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        Http.Reply execution = Http.post(Platform.url() + "/admin/realms/" + tenant + "/authentication/flows/bare%20grant/executions/execution",
                tenantAdmin, "application/json", "{\"provider\":\"direct-grant-validate-username\"}");
        assertThat(execution.status()).as(execution.body()).isEqualTo(201);
        RealmRepresentation rep = Http.get(Platform.url() + "/admin/realms/" + tenant, tenantAdmin).as(RealmRepresentation.class);
        rep.setBrowserFlow("bare browser");
        Http.put(Platform.url() + "/admin/realms/" + tenant, tenantAdmin, "application/json", Http.json(rep));
        assertThat(Http.get(url, Platform.adminToken()).json().get("supportLogin").asText())
                .isEqualTo("partial: browser flow 'bare browser' has no support step");
        rep.setDirectGrantFlow("bare grant");
        Http.put(Platform.url() + "/admin/realms/" + tenant, tenantAdmin, "application/json", Http.json(rep));

        JsonNode state = Http.get(url, Platform.adminToken()).json();
        assertThat(state.get("supportLogin").asText()).isEqualTo(
                "unavailable: browser flow 'bare browser' has no support step; direct grant flow 'bare grant' has no support step");
        JsonNode decision = Http.get(url + "/decision?supportUser=" + jill, Platform.adminToken()).json();
        assertThat(decision.get("outcome").asText()).isEqualTo("SUPPORT_LOGIN_UNAVAILABLE");
        assertThat(decision.get("supportLogin").asText()).startsWith("unavailable");
    }
}

package io.supportaccess.keycloak.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import static io.supportaccess.keycloak.it.cluster.NodeCalls.adminToken;
import static io.supportaccess.keycloak.it.cluster.NodeCalls.login;
import static io.supportaccess.keycloak.it.cluster.NodeCalls.refresh;
import static io.supportaccess.keycloak.it.cluster.NodeCalls.requests;
import static io.supportaccess.keycloak.it.cluster.NodeCalls.token;
import static io.supportaccess.keycloak.it.cluster.NodeCalls.userinfo;

import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import io.supportaccess.keycloak.it.support.TenantWithSupport;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two Keycloak nodes over one PostgreSQL behave as one server: what one node changes, the other decides on at once. */
class ConsistencyClusterIT {

    static KeycloakNode a;
    static KeycloakNode b;

    String tenant;
    String jill;

    @BeforeAll
    static void cluster() {
        Cluster cluster = Cluster.get();
        a = cluster.a();
        b = cluster.b();
    }

    @BeforeEach
    void closedTenant() {
        Platform.setSupportActivated(false);
        TenantWithSupport scene = TenantWithSupport.create("cluster");
        tenant = scene.tenant();
        jill = scene.jill();
        Platform.createUser(tenant, "alice", "alice-pw");
    }

    @AfterEach
    void restore() {
        Platform.setSupportActivated(true);
    }

    @Test
    void aRequestEnabledThroughAOpensTheTenantOnBAtOnce() {
        assertThat(login(b, tenant, jill + "$john", "jill-secret").json().get("error_description").asText())
                .isEqualTo("Tenant is not open to support access");
        Http.Reply enabled = Http.post(requests(a, tenant), token(a, tenant, "alice", "alice-pw"), null, "");
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(201);
        assertThat(login(b, tenant, jill + "$john", "jill-secret").status()).isEqualTo(200);
    }

    @Test
    void disablingThroughBRefusesLoginsOnAAtOnceAndEndsTheLiveSessionOnBothNodes() {
        String alice = token(a, tenant, "alice", "alice-pw");
        assertThat(Http.post(requests(a, tenant), alice, null, "").status()).isEqualTo(201);
        Http.Reply support = login(a, tenant, jill + "$john", "jill-secret");
        assertThat(support.status()).isEqualTo(200);
        String refreshToken = support.json().get("refresh_token").asText();
        String accessToken = support.json().get("access_token").asText();
        assertThat(userinfo(b, tenant, accessToken)).isEqualTo(200);
        Http.Reply refreshed = refresh(b, tenant, refreshToken);
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        refreshToken = refreshed.json().get("refresh_token").asText();

        Http.Reply disabled = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(requests(b, tenant)))
                .header("Authorization", "Bearer " + token(b, tenant, "alice", "alice-pw")).DELETE().build());
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().get("endedSupportSessions").asInt()).isEqualTo(1);

        assertThat(login(a, tenant, jill + "$john", "jill-secret").json().get("error_description").asText())
                .isEqualTo("Tenant is not open to support access");
        assertThat(refresh(a, tenant, refreshToken).status()).isEqualTo(400);
        assertThat(refresh(b, tenant, refreshToken).status()).isEqualTo(400);
        assertThat(userinfo(a, tenant, accessToken)).isEqualTo(401);
        assertThat(userinfo(b, tenant, accessToken)).isEqualTo(401);
        // alice's own session is not a support session and lives on
        assertThat(userinfo(a, tenant, alice)).isEqualTo(200);
    }

    @Test
    void anAccessRequestApprovedOnALetsTheSupportUserInOnBAtOnceAndItsWithdrawalOnAEndsTheSessionOnB() {
        Platform.putSettings("{\"approvalMode\":\"available\"}");
        try {
            String maryId = Platform.createUser(tenant, "mary", "mary-pw");
            Platform.grantRealmRoles(tenant, maryId, "admins");
            String jillOnB = managementToken(b, jill);
            Http.Reply asked = Http.post(accessRequests(b, Platform.MANAGEMENT, ""), jillOnB, "application/json",
                    "{\"tenant\":\"" + tenant + "\",\"targetUser\":\"john\",\"hours\":2,\"reason\":\"CASE-1\"}");
            assertThat(asked.status()).as(asked.body()).isEqualTo(201);
            String id = asked.json().get("id").asText();
            assertThat(login(b, tenant, jill + "$john", "jill-secret").json().get("error_description").asText())
                    .isEqualTo("Tenant is not open to support access");

            Http.Reply approved = Http.post(accessRequests(a, tenant, "/" + id + "/approve"), token(a, tenant, "mary", "mary-pw"),
                    "application/json", "{\"comment\":\"go ahead\"}");
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            Http.Reply in = login(b, tenant, jill + "$john", "jill-secret");
            assertThat(in.status()).as(in.body()).isEqualTo(200);
            // for john only, and a second decision on the other node is a conflict
            assertThat(login(b, tenant, jill + "$alice", "jill-secret").status()).isEqualTo(400);
            assertThat(Http.post(accessRequests(b, tenant, "/" + id + "/deny"), token(b, tenant, "mary", "mary-pw"), "application/json",
                    "{}").status()).isEqualTo(409);

            Http.Reply withdrawn = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(accessRequests(a, Platform.MANAGEMENT,
                    "/" + id))).header("Authorization", "Bearer " + managementToken(a, jill)).DELETE().build());
            assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(204);
            assertThat(login(b, tenant, jill + "$john", "jill-secret").json().get("error_description").asText())
                    .isEqualTo("Tenant is not open to support access");
            assertThat(refresh(b, tenant, in.json().get("refresh_token").asText()).status()).isEqualTo(400);
            assertThat(userinfo(b, tenant, in.json().get("access_token").asText())).isEqualTo(401);
        } finally {
            Platform.putSettings("{\"approvalMode\":\"off\"}");
        }
    }

    private static String managementToken(KeycloakNode node, String supportUser) {
        Http.Reply reply = Http.postForm(node.baseUrl() + "/realms/" + Platform.MANAGEMENT + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "admin-cli", "username", supportUser, "password", "jill-secret"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("access_token").asText();
    }

    private static String accessRequests(KeycloakNode node, String realm, String path) {
        return node.baseUrl() + "/realms/" + realm + "/support-access/access-requests" + path;
    }

    @Test
    void platformSettingsChangedOnOneNodeApplyOnTheOther() {
        String adminB = adminToken(b);
        Http.Reply put = Http.put(b.baseUrl() + "/admin/realms/management/support-access/settings", adminB, "application/json",
                "{\"supportAccessActivated\": [\"" + tenant + "\"]}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(login(a, tenant, jill + "$john", "jill-secret").status()).isEqualTo(200);

        Http.Reply closed = Http.put(a.baseUrl() + "/admin/realms/management/support-access/settings", adminToken(a), "application/json",
                "{\"supportAccessActivated\": false}");
        assertThat(closed.status()).isEqualTo(200);
        assertThat(login(b, tenant, jill + "$john", "jill-secret").json().get("error_description").asText())
                .isEqualTo("Tenant is not open to support access");
        assertThat(Http.get(b.baseUrl() + "/admin/realms/management/support-access/settings", adminB).json()
                .get("supportAccessActivated").asBoolean()).isFalse();
    }

    @Test
    void anInventoryAssignmentMadeOnOneNodeDecidesASupportLoginOnTheOther() {
        Platform.setSupportActivated(true);
        String bob = Platform.unique("bobcluster");
        String bobId = Platform.createSupportUser(bob, "bob-secret");
        SupportAccessClient.Inventory inventoryThroughA = SupportAccessClient.admin().inventory(Platform.MANAGEMENT);
        String group = inventoryThroughA.createGroup(Platform.unique("customers"), null);
        inventoryThroughA.addChild(group, inventoryThroughA.tenantObjectId(tenant));
        String supportRole = inventoryThroughA.roleId("Support");
        assertThat(login(b, tenant, bob + "$john", "bob-secret").json().get("error_description").asText())
                .isEqualTo("Support user is not permitted to support this tenant");

        inventoryThroughA.assign(bobId, group, supportRole);
        assertThat(login(b, tenant, bob + "$john", "bob-secret").status()).isEqualTo(200);

        Http.Reply removed = new SupportAccessClient(b.baseUrl(), () -> adminToken(b)).inventory(Platform.MANAGEMENT)
                .assignReply(bobId, group, "{\"roles\":[]}");
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(login(a, tenant, bob + "$john", "bob-secret").json().get("error_description").asText())
                .isEqualTo("Support user is not permitted to support this tenant");
    }

    @Test
    void withdrawingTheSupportRoleOnOneNodeEndsTheLiveSupportSessionOnBoth() {
        Platform.setSupportActivated(true);
        String sue = Platform.unique("suecluster");
        String sueId = Platform.createSupportUser(sue, "sue-secret", "Support");
        Http.Reply support = login(a, tenant, sue + "$john", "sue-secret");
        assertThat(support.status()).isEqualTo(200);
        String accessToken = support.json().get("access_token").asText();
        Http.Reply refreshed = refresh(b, tenant, support.json().get("refresh_token").asText());
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        String refreshToken = refreshed.json().get("refresh_token").asText();
        String johnOwn = token(b, tenant, TenantWithSupport.JOHN, TenantWithSupport.JOHN_PASSWORD);
        Http.Reply janeSupport = login(b, tenant, jill + "$alice", "jill-secret");
        assertThat(janeSupport.status()).as(janeSupport.body()).isEqualTo(200);

        String adminB = adminToken(b);
        String roleUrl = b.baseUrl() + "/admin/realms/management/roles/Support";
        String roleJson = Http.get(roleUrl, adminB).body();
        long start = System.nanoTime();
        Http.Reply removed = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        b.baseUrl() + "/admin/realms/management/users/" + sueId + "/role-mappings/realm"))
                .header("Authorization", "Bearer " + adminB).header("Content-Type", "application/json")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString("[" + roleJson + "]")).build());
        long removedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
        int refreshA = refresh(a, tenant, refreshToken).status();
        int userinfoA = userinfo(a, tenant, accessToken);
        long refusedOnAMillis = (System.nanoTime() - start) / 1_000_000;
        int refreshB = refresh(b, tenant, refreshToken).status();
        int userinfoB = userinfo(b, tenant, accessToken);
        long refusedOnBothMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("withdrawal figures: role removal answered after %d ms (node B); support session refused on node A "
                + "after %d ms, on both nodes after %d ms%n", removedMillis, refusedOnAMillis, refusedOnBothMillis);
        assertThat(refreshA).isEqualTo(400);
        assertThat(userinfoA).isEqualTo(401);
        assertThat(refreshB).isEqualTo(400);
        assertThat(userinfoB).isEqualTo(401);
        assertThat(userinfo(a, tenant, johnOwn)).as("john's own session").isEqualTo(200);
        assertThat(refresh(a, tenant, janeSupport.json().get("refresh_token").asText()).status())
                .as("another support user's session").isEqualTo(200);
    }
}

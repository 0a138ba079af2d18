package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportSession;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Withdrawing the permission ends the support user's live support sessions at once (no waiting
 * for a task: the next refresh is already refused), and only the affected ones.
 */
class SupportSessionWithdrawalIT {

    String tenant;
    String other;
    String jill;
    String jillId;
    String sam;

    @BeforeEach
    void openPlatform() {
        Platform.setSupportActivated(true);
        tenant = Platform.createTenant("wd");
        other = Platform.createTenant("wd-other");
        for (String realm : List.of(tenant, other)) {
            Platform.createUser(realm, "john", "john-secret");
        }
        jill = Platform.unique("jillwd");
        sam = Platform.unique("samwd");
        Platform.createSupportUser(sam, "sam-secret", "Support");
    }

    @AfterEach
    void restore() {
        Platform.setSupportActivated(true);
        Platform.putSettings("{\"excludedTenants\":[]}");
    }

    @Test
    void removingADirectRoleEndsHerSessionsOnly() {
        jillId = Platform.createSupportUser(jill, "jill-secret", "ROLE_SUPPORT_READ", "ROLE_SUPPORT_ADMIN");
        SupportSession jillInTenant = SupportSession.login(tenant, jill + "$john", "jill-secret");
        SupportSession samInTenant = SupportSession.login(tenant, sam + "$john", "sam-secret");
        SupportSession johnOwn = SupportSession.login(tenant, "john", "john-secret");

        RoleRepresentation read = Platform.realm(Platform.MANAGEMENT).roles().get("ROLE_SUPPORT_READ").toRepresentation();
        Platform.realm(Platform.MANAGEMENT).users().get(jillId).roles().realmLevel().remove(List.of(read));

        jillInTenant.assertEnded();
        assertThat(samInTenant.alive()).as("another support user's session").isTrue();
        assertThat(johnOwn.alive()).as("the tenant user's own session").isTrue();
        assertThat(Platform.passwordGrant(tenant, jill + "$john", "jill-secret").status()).isEqualTo(400);
        List<JsonNode> ended = Audit.all(tenant, Map.of("activity", "Support session ended"));
        assertThat(ended).hasSize(1);
        assertThat(ended.get(0).get("who").asText()).isEqualTo(jill + "$john");
        assertThat(ended.get(0).get("text").asText()).contains("withdrawal");
    }

    @Test
    void removingTheCompositeGlobalRoleOrAPermissionFromItEndsTheSession() {
        jillId = Platform.createSupportUser(jill, "jill-secret", "Support");
        SupportSession first = SupportSession.login(tenant, jill + "$john", "jill-secret");
        RoleRepresentation support = Platform.realm(Platform.MANAGEMENT).roles().get("Support").toRepresentation();
        Platform.realm(Platform.MANAGEMENT).users().get(jillId).roles().realmLevel().remove(List.of(support));
        first.assertEnded();

        // a composite role of her own that loses one of the two permissions
        String composite = Platform.unique("SupportCopy");
        RoleRepresentation role = new RoleRepresentation();
        role.setName(composite);
        Platform.realm(Platform.MANAGEMENT).roles().create(role);
        RoleRepresentation read = Platform.realm(Platform.MANAGEMENT).roles().get("ROLE_SUPPORT_READ").toRepresentation();
        RoleRepresentation admin = Platform.realm(Platform.MANAGEMENT).roles().get("ROLE_SUPPORT_ADMIN").toRepresentation();
        Platform.realm(Platform.MANAGEMENT).roles().get(composite).addComposites(List.of(read, admin));
        Platform.grantRealmRoles(Platform.MANAGEMENT, jillId, composite);
        SupportSession second = SupportSession.login(tenant, jill + "$john", "jill-secret");
        SupportSession samInTenant = SupportSession.login(tenant, sam + "$john", "sam-secret");
        Platform.realm(Platform.MANAGEMENT).roles().get(composite).deleteComposites(List.of(admin));
        second.assertEnded();
        assertThat(samInTenant.alive()).isTrue();
    }

    @Test
    void leavingTheGroupThatGivesSupportEndsTheSession() {
        jillId = Platform.createSupportUser(jill, "jill-secret");
        GroupRepresentation group = new GroupRepresentation();
        group.setName(Platform.unique("staff"));
        String groupId;
        try (var response = Platform.realm(Platform.MANAGEMENT).groups().add(group)) {
            groupId = response.getLocation().getPath().replaceAll(".*/", "");
        }
        RoleRepresentation support = Platform.realm(Platform.MANAGEMENT).roles().get("Support").toRepresentation();
        Platform.realm(Platform.MANAGEMENT).groups().group(groupId).roles().realmLevel().add(List.of(support));
        Platform.realm(Platform.MANAGEMENT).users().get(jillId).joinGroup(groupId);
        SupportSession session = SupportSession.login(tenant, jill + "$john", "jill-secret");
        Platform.realm(Platform.MANAGEMENT).users().get(jillId).leaveGroup(groupId);
        session.assertEnded();

        // and the group losing the role does the same
        Platform.realm(Platform.MANAGEMENT).users().get(jillId).joinGroup(groupId);
        SupportSession again = SupportSession.login(tenant, jill + "$john", "jill-secret");
        Platform.realm(Platform.MANAGEMENT).groups().group(groupId).roles().realmLevel().remove(List.of(support));
        again.assertEnded();
    }

    @Test
    void disablingOrDeletingTheSupportUserEndsEverySessionOfHers() {
        jillId = Platform.createSupportUser(jill, "jill-secret", "Support");
        SupportSession inTenant = SupportSession.login(tenant, jill + "$john", "jill-secret");
        SupportSession inOther = SupportSession.login(other, jill + "$john", "jill-secret");
        UserRepresentation rep = Platform.realm(Platform.MANAGEMENT).users().get(jillId).toRepresentation();
        rep.setEnabled(false);
        Platform.realm(Platform.MANAGEMENT).users().get(jillId).update(rep);
        inTenant.assertEnded();
        inOther.assertEnded();

        rep.setEnabled(true);
        Platform.realm(Platform.MANAGEMENT).users().get(jillId).update(rep);
        SupportSession afterReEnable = SupportSession.login(tenant, jill + "$john", "jill-secret");
        SupportSession samInTenant = SupportSession.login(tenant, sam + "$john", "sam-secret");
        Platform.realm(Platform.MANAGEMENT).users().get(jillId).remove();
        afterReEnable.assertEnded();
        assertThat(samInTenant.alive()).isTrue();
    }

    @Test
    void selectiveSupportWithdrawnByAssignmentOrGroupEndsOnlyThatTenantsSession() {
        jillId = Platform.createSupportUser(jill, "jill-secret");
        String groupA = InventoryIT.createGroup(Platform.MANAGEMENT, Platform.unique("grp-a"), null);
        String groupB = InventoryIT.createGroup(Platform.MANAGEMENT, Platform.unique("grp-b"), null);
        InventoryIT.addChild(Platform.MANAGEMENT, groupA, InventoryIT.tenantObject(tenant).get("id").asText());
        InventoryIT.addChild(Platform.MANAGEMENT, groupB, InventoryIT.tenantObject(other).get("id").asText());
        String supportRole = InventoryIT.roleId(Platform.MANAGEMENT, "Support");
        InventoryIT.assign(Platform.MANAGEMENT, jillId, groupA, supportRole);
        InventoryIT.assign(Platform.MANAGEMENT, jillId, groupB, supportRole);
        SupportSession inTenant = SupportSession.login(tenant, jill + "$john", "jill-secret");
        SupportSession inOther = SupportSession.login(other, jill + "$john", "jill-secret");

        // the tenant object leaves her group
        Http.Reply removed = InventoryIT.delete(InventoryIT.inv(Platform.MANAGEMENT) + "/groups/" + groupA + "/children/"
                + InventoryIT.tenantObject(tenant).get("id").asText());
        assertThat(removed.status()).isEqualTo(204);
        inTenant.assertEnded();
        assertThat(inOther.alive()).as("she may still support the other tenant").isTrue();

        // her assignment on the other group is removed
        Http.Reply unassigned = InventoryIT.put(InventoryIT.inv(Platform.MANAGEMENT) + "/users/" + jillId + "/assignments/" + groupB,
                "{\"roles\":[]}");
        assertThat(unassigned.status()).as(unassigned.body()).isLessThan(300);
        inOther.assertEnded();
    }

    @Test
    void excludingTheTenantEndsItsSupportSessionsAndRefusesNewOnes() {
        jillId = Platform.createSupportUser(jill, "jill-secret", "Support");
        SupportSession inTenant = SupportSession.login(tenant, jill + "$john", "jill-secret");
        SupportSession inOther = SupportSession.login(other, jill + "$john", "jill-secret");
        SupportSession johnOwn = SupportSession.login(tenant, "john", "john-secret");

        Http.Reply put = Platform.putSettings("{\"excludedTenants\":[\"" + tenant + "\"]}");
        assertThat(put.json().get("excludedTenants").toString()).isEqualTo("[\"" + tenant + "\"]");
        inTenant.assertEnded();
        assertThat(inOther.alive()).isTrue();
        assertThat(johnOwn.alive()).isTrue();
        Http.Reply refused = Platform.passwordGrant(tenant, jill + "$john", "jill-secret");
        assertThat(refused.json().get("error_description").asText()).isEqualTo("Tenant is excluded from support access by the platform");

        JsonNode state = Http.get(Platform.url() + "/admin/realms/management/support-access/tenants/" + tenant, Platform.adminToken()).json();
        assertThat(state.get("excluded").asBoolean()).isTrue();
        assertThat(state.get("open").asBoolean()).isFalse();
        JsonNode decision = Http.get(Platform.url() + "/admin/realms/management/support-access/tenants/" + tenant
                + "/decision?supportUser=" + jill, Platform.adminToken()).json();
        assertThat(decision.get("outcome").asText()).isEqualTo("TENANT_EXCLUDED");
        // the tenant's users cannot open it with support requests either
        Http.Reply enable = SupportRequestsIT.post(SupportRequestsIT.requestsUrl(tenant), johnOwn.accessToken());
        assertThat(enable.status()).isEqualTo(409);
        assertThat(enable.json().get("error_description").asText()).contains("excluded");
    }

    @Test
    void operatorsListLiveSupportSessionsAndEndOne() {
        jillId = Platform.createSupportUser(jill, "jill-secret", "Support");
        SupportSession first = SupportSession.login(tenant, jill + "$john", "jill-secret");
        SupportSession second = SupportSession.login(other, jill + "$john", "jill-secret");
        String url = Platform.url() + "/admin/realms/management/support-access/sessions";

        JsonNode mine = Http.get(url + "?supportUser=" + jill, Platform.adminToken()).json();
        assertThat(mine.size()).isEqualTo(2);
        JsonNode inTenant = Http.get(url + "?tenant=" + tenant + "&supportUser=" + jill, Platform.adminToken()).json();
        assertThat(inTenant.size()).isEqualTo(1);
        JsonNode row = inTenant.get(0);
        assertThat(row.get("who").asText()).isEqualTo(jill + "$john");
        assertThat(row.get("tenant").asText()).isEqualTo(tenant);
        assertThat(row.get("openedBy").asText()).isEqualTo("platform");
        assertThat(row.get("client").asText()).isEqualTo(Platform.CLIENT);
        assertThat(java.time.Instant.parse(row.get("endsAt").asText())).isAfter(java.time.Instant.parse(row.get("started").asText()));

        assertThat(Http.get(url, null).status()).isEqualTo(401);
        String staff = Platform.unique("staff");
        Platform.createSupportUser(staff, "staff-pw", "Support");
        assertThat(Http.get(url, PlatformSettingsIT.managementToken(staff, "staff-pw")).status()).isEqualTo(403);
        assertThat(Http.get(Platform.url() + "/admin/realms/" + tenant + "/support-access/sessions", Platform.adminToken()).status()).isEqualTo(404);

        Http.Reply ended = Http.send(HttpRequest.newBuilder(URI.create(url + "/" + row.get("id").asText()))
                .header("Authorization", "Bearer " + Platform.adminToken()).DELETE().build());
        assertThat(ended.status()).isEqualTo(204);
        first.assertEnded();
        assertThat(second.alive()).isTrue();
        assertThat(Http.get(url + "?supportUser=" + jill, Platform.adminToken()).json().size()).isEqualTo(1);
        Http.Reply again = Http.send(HttpRequest.newBuilder(URI.create(url + "/" + row.get("id").asText()))
                .header("Authorization", "Bearer " + Platform.adminToken()).DELETE().build());
        assertThat(again.status()).isEqualTo(404);
        List<JsonNode> records = Audit.all(tenant, Map.of("activity", "Support session ended"));
        assertThat(records).extracting(r -> r.get("text").asText()).anyMatch(t -> t.contains("ended by an operator") && t.contains("master/admin"));

        // a logout ends the record too
        Http.Reply logout = Http.postForm(Platform.url() + "/realms/" + other + "/protocol/openid-connect/logout",
                Map.of("client_id", Platform.CLIENT, "refresh_token", second.refreshToken()));
        assertThat(logout.status()).isEqualTo(204);
        assertThat(Http.get(url + "?supportUser=" + jill, Platform.adminToken()).json().size()).isZero();
        List<String> texts = new ArrayList<>();
        Audit.all(other, Map.of("activity", "Support session ended")).forEach(r -> texts.add(r.get("text").asText()));
        assertThat(texts).anyMatch(t -> t.endsWith("ended: logout"));
    }
}

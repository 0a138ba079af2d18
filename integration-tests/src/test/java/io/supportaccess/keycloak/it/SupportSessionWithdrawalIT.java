package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import io.supportaccess.keycloak.it.support.SupportSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Withdrawing the permission ends the support user's live support sessions at once (no waiting
 * for a task: the next refresh is already refused), and only the affected ones.
 */
class SupportSessionWithdrawalIT {

    static final SupportAccessClient ADMIN = SupportAccessClient.admin();

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
        var inventory = ADMIN.inventory(Platform.MANAGEMENT);
        String groupA = inventory.createGroup(Platform.unique("grp-a"), null);
        String groupB = inventory.createGroup(Platform.unique("grp-b"), null);
        inventory.addChild(groupA, inventory.tenantObjectId(tenant));
        inventory.addChild(groupB, inventory.tenantObjectId(other));
        String supportRole = inventory.roleId("Support");
        inventory.assign(jillId, groupA, supportRole);
        inventory.assign(jillId, groupB, supportRole);
        SupportSession inTenant = SupportSession.login(tenant, jill + "$john", "jill-secret");
        SupportSession inOther = SupportSession.login(other, jill + "$john", "jill-secret");

        // the tenant object leaves her group
        Http.Reply removed = inventory.removeChild(groupA, inventory.tenantObjectId(tenant));
        assertThat(removed.status()).isEqualTo(204);
        inTenant.assertEnded();
        assertThat(inOther.alive()).as("she may still support the other tenant").isTrue();

        // her assignment on the other group is removed
        Http.Reply unassigned = inventory.assignReply(jillId, groupB, "{\"roles\":[]}");
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

        JsonNode state = ADMIN.tenant(tenant);
        assertThat(state.get("excluded").asBoolean()).isTrue();
        assertThat(state.get("open").asBoolean()).isFalse();
        JsonNode decision = ADMIN.decision(tenant, jill);
        assertThat(decision.get("outcome").asText()).isEqualTo("TENANT_EXCLUDED");
        // the tenant's users cannot open it with support requests either
        Http.Reply enable = SupportAccessClient.as(johnOwn.accessToken()).tenantSupport(tenant).enable();
        assertThat(enable.status()).isEqualTo(409);
        assertThat(enable.json().get("error_description").asText()).contains("excluded");
    }

    /** The operators' list of live support sessions: jill in both tenants. */
    @Nested
    class OperatorsSessionList {

        SupportSession first;
        SupportSession second;

        @BeforeEach
        void jillInBothTenants() {
            jillId = Platform.createSupportUser(jill, "jill-secret", "Support");
            first = SupportSession.login(tenant, jill + "$john", "jill-secret");
            second = SupportSession.login(other, jill + "$john", "jill-secret");
        }

        @Test
        void listsHerSessionsFilteredBySupportUserAndTenant() {
            assertThat(ADMIN.sessions(Map.of("supportUser", jill))).hasSize(2);
            List<JsonNode> inTenant = ADMIN.sessions(Map.of("tenant", tenant, "supportUser", jill));
            assertThat(inTenant).hasSize(1);
            JsonNode row = inTenant.get(0);
            assertThat(row.get("who").asText()).isEqualTo(jill + "$john");
            assertThat(row.get("tenant").asText()).isEqualTo(tenant);
            assertThat(row.get("openedBy").asText()).isEqualTo("platform");
            assertThat(row.get("client").asText()).isEqualTo(Platform.CLIENT);
            assertThat(Instant.parse(row.get("endsAt").asText())).isAfter(Instant.parse(row.get("started").asText()));
        }

        @Test
        void aCallWithoutTokenIsUnauthorised() {
            assertThat(SupportAccessClient.as(null).sessionsReply(Map.of()).status()).isEqualTo(401);
        }

        @Test
        void aSupportUserIsForbidden() {
            String staff = Platform.unique("staff");
            Platform.createSupportUser(staff, "staff-pw", "Support");
            assertThat(SupportAccessClient.as(Platform.managementToken(staff, "staff-pw")).sessionsReply(Map.of()).status()).isEqualTo(403);
        }

        @Test
        void aTenantRealmHasNoSessionList() {
            assertThat(ADMIN.get("/admin/realms/" + tenant + "/support-access/sessions").status()).isEqualTo(404);
        }

        @Test
        void endingOneEndsThatSessionOnlyOnceAndIsAudited() {
            String id = ADMIN.sessions(Map.of("tenant", tenant, "supportUser", jill)).get(0).get("id").asText();
            assertThat(ADMIN.endSession(id).status()).isEqualTo(204);
            first.assertEnded();
            assertThat(second.alive()).isTrue();
            assertThat(ADMIN.sessions(Map.of("supportUser", jill))).hasSize(1);
            assertThat(ADMIN.endSession(id).status()).isEqualTo(404);
            List<JsonNode> records = Audit.all(tenant, Map.of("activity", "Support session ended"));
            assertThat(records).extracting(r -> r.get("text").asText()).anyMatch(t -> t.contains("ended by an operator") && t.contains("master/admin"));
        }

        @Test
        void aLogoutEndsTheSessionAndItsRecord() {
            Http.Reply logout = Http.postForm(Platform.url() + "/realms/" + other + "/protocol/openid-connect/logout",
                    Map.of("client_id", Platform.CLIENT, "refresh_token", second.refreshToken()));
            assertThat(logout.status()).isEqualTo(204);
            assertThat(ADMIN.sessions(Map.of("supportUser", jill, "tenant", other))).isEmpty();
            List<String> texts = new ArrayList<>();
            Audit.all(other, Map.of("activity", "Support session ended")).forEach(r -> texts.add(r.get("text").asText()));
            assertThat(texts).anyMatch(t -> t.endsWith("ended: logout"));
        }
    }
}

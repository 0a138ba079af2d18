package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The "Support" inventory role is "both Read and Change": Support READ and Support ADMIN
 * together grant support however they are held, in one role, in two roles on one group, or on a
 * group and its ancestor. One of them alone does not.
 */
class SupportReadAndAdminIT {

    private static final SupportAccessClient.Inventory MANAGEMENT_INVENTORY = SupportAccessClient.admin().inventory(Platform.MANAGEMENT);

    private static final String READ = "[{\"scope\":\"SUPPORT\",\"type\":\"*\",\"level\":\"READ\"}]";
    private static final String ADMIN = "[{\"scope\":\"SUPPORT\",\"type\":\"*\",\"level\":\"ADMIN\"}]";
    private static final String BOTH = "[{\"scope\":\"SUPPORT\",\"type\":\"*\",\"level\":\"READ\"},"
            + "{\"scope\":\"SUPPORT\",\"type\":\"*\",\"level\":\"ADMIN\"}]";

    private String tenant;
    private String sam;
    private String samId;
    private String group;

    @BeforeEach
    void tenantInAGroup() {
        Platform.setSupportActivated(true);
        tenant = Platform.createTenant("rw");
        Platform.createUser(tenant, "john", "john-secret");
        sam = Platform.unique("samrw");
        samId = Platform.createSupportUser(sam, "sam-secret");
        group = MANAGEMENT_INVENTORY.createGroup(Platform.unique("rw-group"), null);
        MANAGEMENT_INVENTORY.addChild(group, MANAGEMENT_INVENTORY.tenantObjectId(tenant));
    }

    @Test
    void readAndAdminInOneRole() {
        assignRoles(group, role(BOTH));
        assertSupportGranted();
    }

    @Test
    void readAndAdminInTwoRolesOnTheSameGroup() {
        assignRoles(group, role(READ));
        assertSupportRefused();
        assignRoles(group, role(READ), role(ADMIN));
        assertSupportGranted();
    }

    @Test
    void readOnTheGroupAndAdminOnItsAncestor() {
        String top = MANAGEMENT_INVENTORY.createGroup(Platform.unique("rw-top"), null);
        MANAGEMENT_INVENTORY.addChild(top, group);
        assignRoles(group, role(READ));
        assignRoles(top, role(ADMIN));
        assertSupportGranted();
    }

    @Test
    void oneLevelAloneOrTheOtherLevelOnAnUnrelatedGroupDoesNot() {
        String unrelated = MANAGEMENT_INVENTORY.createGroup(Platform.unique("rw-unrelated"), null);
        assignRoles(group, role(ADMIN));
        assertSupportRefused();
        assignRoles(unrelated, role(READ));
        assertSupportRefused();
        String otherScope = role("[{\"scope\":\"ALARMS\",\"type\":\"*\",\"level\":\"READ\"}]");
        String otherType = role("[{\"scope\":\"SUPPORT\",\"type\":\"c8y_Other\",\"level\":\"READ\"}]");
        assignRoles(group, role(ADMIN), otherScope, otherType);
        assertSupportRefused();
    }

    @Test
    void aLevelHeldGloballyCountsTowardsTheInventoryRole() {
        Platform.grantRealmRoles(Platform.MANAGEMENT, samId, "ROLE_SUPPORT_READ");
        assertSupportRefused();
        assignRoles(group, role(ADMIN));
        assertSupportGranted();
        Http.Reply reply = MANAGEMENT_INVENTORY.effectivePermissionReply(samId, MANAGEMENT_INVENTORY.tenantObjectId(tenant), "SUPPORT", "*", "ALL");
        assertThat(reply.json().get("granted").asBoolean()).as(reply.body()).isTrue();
        assertThat(reply.json().get("via").asText()).isEqualTo("global and inventory roles");
    }

    @Test
    void theEffectivePermissionQueryAgrees() {
        assignRoles(group, role(READ), role(ADMIN));
        Http.Reply reply = MANAGEMENT_INVENTORY.effectivePermissionReply(samId, MANAGEMENT_INVENTORY.tenantObjectId(tenant), "SUPPORT", "*", "ALL");
        assertThat(reply.json().get("granted").asBoolean()).as(reply.body()).isTrue();
        assertThat(reply.json().get("via").asText()).isEqualTo("inventory role");
    }

    private void assertSupportGranted() {
        assertThat(decision()).isEqualTo("GRANTED");
        assertThat(Platform.passwordGrant(tenant, sam + "$john", "sam-secret").status()).isEqualTo(200);
    }

    private void assertSupportRefused() {
        assertThat(decision()).isEqualTo("NOT_PERMITTED");
        Http.Reply refused = Platform.passwordGrant(tenant, sam + "$john", "sam-secret");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error_description").asText()).isEqualTo("Support user is not permitted to support this tenant");
    }

    private String decision() {
        return SupportAccessClient.admin().decision(tenant, sam).get("outcome").asText();
    }

    private static String role(String permissions) {
        return MANAGEMENT_INVENTORY.createRole(Platform.unique("rw-role"), permissions);
    }

    private void assignRoles(String groupId, String... roleIds) {
        String roles = Arrays.stream(roleIds).map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
        Http.Reply reply = MANAGEMENT_INVENTORY.put("/users/" + samId + "/assignments/" + groupId, "{\"roles\":[" + roles + "]}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }
}

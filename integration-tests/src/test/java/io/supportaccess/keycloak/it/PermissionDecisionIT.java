package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;

/**
 * The inventory decision for applications: a user asks with their own token, a resource server's
 * service account with User management READ asks about anyone; the answer says why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionDecisionIT {

    String tenant;
    String smithId;
    String otherId;
    String region;
    String north;
    String device;
    String decisions;

    @BeforeAll
    void inventory() {
        tenant = Platform.createTenant("decide");
        smithId = Platform.createUser(tenant, "smith", "smith-pw");
        otherId = Platform.createUser(tenant, "other", "other-pw");
        SupportAccessClient.Inventory inventory = SupportAccessClient.admin().inventory(tenant);
        region = inventory.createGroup("region", null);
        north = inventory.createGroup("region north", region);
        device = inventory.createObjectReply("{\"name\":\"pump-7\",\"type\":\"c8y_Device\",\"parentId\":\"" + north + "\"}")
                .json().get("id").asText();
        inventory.assign(smithId, north, inventory.roleId("Operations: Restart Device"));
        decisions = Platform.url() + "/realms/" + tenant + "/support-access/permissions";
    }

    @Test
    void aUserLearnsWhatTheyMayDoAndWhy() {
        String smith = Platform.token(tenant, "smith", "smith-pw");
        JsonNode yes = Http.get(decision(device, "DEVICE_CONTROL", "c8y_Restart", "ADMIN", null), smith).json();
        assertThat(yes.get("granted").asBoolean()).isTrue();
        JsonNode reason = yes.get("via").get(0);
        assertThat(reason.get("kind").asText()).isEqualTo("INVENTORY_ROLE");
        assertThat(reason.get("role").asText()).isEqualTo("Operations: Restart Device");
        assertThat(reason.get("group").asText()).isEqualTo("region north");

        // not upwards, not another type, not a higher level
        assertThat(granted(Http.get(decision(region, "DEVICE_CONTROL", "c8y_Restart", "ADMIN", null), smith))).isFalse();
        assertThat(granted(Http.get(decision(device, "DEVICE_CONTROL", "c8y_Firmware", "ADMIN", null), smith))).isFalse();
        assertThat(granted(Http.get(decision(device, "DEVICE_CONTROL", "c8y_Restart", "ALL", null), smith))).isFalse();
        assertThat(Http.get(decision(region, "DEVICE_CONTROL", "c8y_Restart", "ADMIN", null), smith).json().get("via")).isEmpty();

        JsonNode mine = Http.get(decisions + "/mine", smith).json();
        assertThat(mine.get("username").asText()).isEqualTo("smith");
        assertThat(mine.get("assignments").get(0).get("group").asText()).isEqualTo("region north");
        assertThat(mine.get("assignments").get(0).get("roles").get(0).get("permissions").get(0).get("type").asText())
                .isEqualTo("c8y_Restart");
    }

    @Test
    void aGlobalRoleWinsEverywhereAndSaysSo() {
        String manager = Platform.unique("manager");
        String managerId = Platform.createUser(tenant, manager, "manager-pw");
        Platform.grantRealmRoles(tenant, managerId, "Global Manager");
        JsonNode answer = Http.get(decision(region, "DEVICE_CONTROL", "*", "ADMIN", null), Platform.token(tenant, manager, "manager-pw")).json();
        assertThat(answer.get("granted").asBoolean()).isTrue();
        assertThat(answer.get("via").get(0).get("kind").asText()).isEqualTo("GLOBAL_ROLE");
        assertThat(answer.get("via").toString()).contains("ROLE_DEVICE_CONTROL_ADMIN");
    }

    @Test
    void onlyACallerWithUserManagementReadAsksAboutOthers() {
        String smith = Platform.token(tenant, "smith", "smith-pw");
        assertThat(Http.get(decision(device, "DEVICE_CONTROL", "c8y_Restart", "ADMIN", otherId), smith).status()).isEqualTo(403);

        String service = serviceAccountToken("ROLE_USER_MANAGEMENT_READ");
        assertThat(granted(Http.get(decision(device, "DEVICE_CONTROL", "c8y_Restart", "ADMIN", smithId), service))).isTrue();
        assertThat(granted(Http.get(decision(device, "DEVICE_CONTROL", "c8y_Restart", "ADMIN", otherId), service))).isFalse();
        assertThat(Http.get(decision(device, "DEVICE_CONTROL", "c8y_Restart", "ADMIN", "no-such-user"), service).status()).isEqualTo(404);

        // several objects in one call, an unknown one answered as not found
        Http.Reply batch = Http.post(decisions + "/decisions", service, "application/json", "{\"user\":\"" + smithId
                + "\",\"scope\":\"DEVICE_CONTROL\",\"type\":\"c8y_Restart\",\"level\":\"ADMIN\",\"objects\":[\"" + device + "\",\""
                + region + "\",\"nope\"]}");
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        List<String> answers = new ArrayList<>();
        batch.json().get("decisions").forEach(d -> answers.add(d.get("object").asText() + "=" + d.get("found").asBoolean() + "/"
                + d.get("granted").asBoolean()));
        assertThat(answers).containsExactly(device + "=true/true", region + "=true/false", "nope=false/false");
    }

    @Test
    void badCallsAreRefusedClearly() {
        String smith = Platform.token(tenant, "smith", "smith-pw");
        assertThat(Http.get(decision(device, "DEVICE_CONTROL", "c8y_Restart", "ADMIN", null), null).status()).isEqualTo(401);
        assertThat(Http.get(decision(device, "DEVICE_CONTROL", "c8y_Restart", "ADMIN", null), "not-a-token").status()).isEqualTo(401);
        String otherRealm = Platform.createTenant("decide-other");
        Platform.createUser(otherRealm, "smith", "smith-pw");
        assertThat(Http.get(decision(device, "DEVICE_CONTROL", "c8y_Restart", "ADMIN", null), Platform.token(otherRealm, "smith", "smith-pw"))
                .status()).as("a token of another realm").isEqualTo(401);
        assertThat(Http.get(decision(device, "NOPE", "*", "ADMIN", null), smith).status()).isEqualTo(400);
        assertThat(Http.get(decisions + "/decision?object=" + device, smith).status()).isEqualTo(400);
        assertThat(Http.get(decision("no-such-object", "INVENTORY", "*", "READ", null), smith).status()).isEqualTo(404);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= 100; i++) {
            many.append(i == 0 ? "" : ",").append("\"o").append(i).append('"');
        }
        assertThat(Http.post(decisions + "/decisions", smith, "application/json",
                "{\"scope\":\"INVENTORY\",\"level\":\"READ\",\"objects\":[" + many + "]}").status()).isEqualTo(400);
        assertThat(Http.post(decisions + "/decisions", smith, "application/json", "{").status()).isEqualTo(400);
        assertThat(Http.post(decisions + "/decisions", smith, "application/json",
                "{\"scope\":\"INVENTORY\",\"level\":\"READ\",\"objects\":[]}").status()).isEqualTo(400);
    }

    @Test
    void theInventoryClaimCarriesTheAssignmentsUpToItsLimit() {
        String user = Platform.unique("claims");
        String userId = Platform.createUser(tenant, user, "claims-pw");
        SupportAccessClient.Inventory inventory = SupportAccessClient.admin().inventory(tenant);
        inventory.assign(userId, north, inventory.roleId("Operations: Restart Device"));
        inventory.assign(userId, region, inventory.roleId("Reader"));
        var client = Platform.realm(tenant).clients().findByClientId(Platform.CLIENT).get(0);
        var mappers = Platform.realm(tenant).clients().get(client.getId()).getProtocolMappers();
        assertThat(Platform.accessToken(Platform.passwordGrant(tenant, user, "claims-pw")).has("inventory")).as("no default").isFalse();

        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("inventory");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("support-access-inventory-claim-mapper");
        Map<String, String> config = new HashMap<>(Map.of("access.token.claim", "true", "max.groups", "50"));
        mapper.setConfig(config);
        mappers.createMapper(mapper).close();
        try {
            JsonNode claim = Platform.accessToken(Platform.passwordGrant(tenant, user, "claims-pw")).get("inventory");
            assertThat(claim.get("truncated").asBoolean()).isFalse();
            assertThat(claim.get("groups").get(north).toString()).contains("DEVICE_CONTROL:c8y_Restart:ADMIN");
            assertThat(claim.get("groups").get(region).toString()).contains("INVENTORY:*:READ");

            ProtocolMapperRepresentation created = mappers.getMappers().stream().filter(m -> "inventory".equals(m.getName())).findFirst()
                    .orElseThrow();
            created.getConfig().put("max.groups", "1");
            mappers.update(created.getId(), created);
            JsonNode cut = Platform.accessToken(Platform.passwordGrant(tenant, user, "claims-pw")).get("inventory");
            assertThat(cut.get("truncated").asBoolean()).isTrue();
            assertThat(cut.get("groups").size()).isEqualTo(1);
        } finally {
            mappers.getMappers().stream().filter(m -> "inventory".equals(m.getName())).forEach(m -> mappers.delete(m.getId()));
        }
    }

    private String decision(String object, String scope, String type, String level, String user) {
        return decisions + "/decision?object=" + Http.enc(object) + "&scope=" + scope + "&type=" + Http.enc(type) + "&level=" + level
                + (user == null ? "" : "&user=" + Http.enc(user));
    }

    private static boolean granted(Http.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("granted").asBoolean();
    }

    /** A confidential client's service account holding {@code realmRole}, and its client-credentials token. */
    private String serviceAccountToken(String realmRole) {
        String clientId = Platform.unique("resource-server");
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setSecret("rs-secret");
        client.setPublicClient(false);
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        Platform.realm(tenant).clients().create(client).close();
        String id = Platform.realm(tenant).clients().findByClientId(clientId).get(0).getId();
        String serviceUser = Platform.realm(tenant).clients().get(id).getServiceAccountUser().getId();
        Platform.grantRealmRoles(tenant, serviceUser, realmRole);
        Http.Reply token = Http.postForm(Platform.tokenUrl(tenant), Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", "rs-secret"));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return token.json().get("access_token").asText();
    }
}

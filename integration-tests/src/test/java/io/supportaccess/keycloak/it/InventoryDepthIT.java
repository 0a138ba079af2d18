package io.supportaccess.keycloak.it;

import static io.supportaccess.keycloak.it.InventoryIT.addChild;
import static io.supportaccess.keycloak.it.InventoryIT.assign;
import static io.supportaccess.keycloak.it.InventoryIT.createGroup;
import static io.supportaccess.keycloak.it.InventoryIT.effective;
import static io.supportaccess.keycloak.it.InventoryIT.get;
import static io.supportaccess.keycloak.it.InventoryIT.inv;
import static io.supportaccess.keycloak.it.InventoryIT.put;
import static io.supportaccess.keycloak.it.InventoryIT.roleId;
import static io.supportaccess.keycloak.it.InventoryIT.tenantObject;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Group trees deeper than any walking limit: no cycle can be made, and permissions reach all the way down. */
class InventoryDepthIT {

    private static final int LEVELS = 45;

    @Test
    void aCycleCannotBeClosedAtAnyDepth() {
        String realm = Platform.createTenant("deep-cycle");
        List<String> chain = chain(realm, LEVELS);
        String top = chain.get(0);
        String bottom = chain.get(chain.size() - 1);

        Http.Reply closing = put(inv(realm) + "/groups/" + bottom + "/children/" + top, null);
        assertThat(closing.status()).as(closing.body()).isEqualTo(409);
        for (int i = 0; i < chain.size() - 1; i += 11) {
            assertThat(put(inv(realm) + "/groups/" + bottom + "/children/" + chain.get(i), null).status())
                    .as("ancestor at level %d", i).isEqualTo(409);
        }
        Http.Reply underBottom = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(inv(realm) + "/groups"))
                .header("Authorization", "Bearer " + Platform.adminToken()).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"leaf\",\"parentId\":\"" + bottom + "\"}")).build());
        assertThat(underBottom.status()).as("a plain deeper group is fine").isEqualTo(201);
        assertThat(get(inv(realm) + "/managed-objects/" + top).json().get("children")).hasSize(1);
    }

    @Test
    void permissionsReachEveryLevelOfADeepTree() {
        String realm = Platform.createTenant("deep-perm");
        String userId = Platform.createUser(realm, "deep", "pw");
        List<String> chain = chain(realm, LEVELS);
        assign(realm, userId, chain.get(0), roleId(realm, "Reader"));
        assertThat(effective(realm, userId, chain.get(chain.size() - 1), "INVENTORY", "*", "READ")).isTrue();
        assertThat(effective(realm, userId, chain.get(chain.size() - 1), "INVENTORY", "*", "ADMIN")).isFalse();
    }

    @Test
    void selectiveSupportThroughADeepTreeOfTenantGroups() {
        Platform.setSupportActivated(true);
        String tenant = Platform.createTenant("deep-support");
        Platform.createUser(tenant, "john", "john-secret");
        String sam = Platform.unique("samdeep");
        String samId = Platform.createSupportUser(sam, "sam-secret");
        List<String> chain = chain(Platform.MANAGEMENT, LEVELS);
        addChild(Platform.MANAGEMENT, chain.get(chain.size() - 1), tenantObject(tenant).get("id").asText());
        assign(Platform.MANAGEMENT, samId, chain.get(0), roleId(Platform.MANAGEMENT, "Support"));

        String decision = Platform.url() + "/admin/realms/" + Platform.MANAGEMENT + "/support-access/tenants/" + tenant + "/decision?supportUser=" + sam;
        assertThat(get(decision).json().get("outcome").asText()).isEqualTo("GRANTED");
        assertThat(Platform.passwordGrant(tenant, sam + "$john", "sam-secret").status()).isEqualTo(200);
    }

    /** Groups g0 > g1 > ... > g(levels-1), each the only child of the one before. */
    static List<String> chain(String realm, int levels) {
        List<String> chain = new ArrayList<>();
        String parent = null;
        for (int i = 0; i < levels; i++) {
            parent = createGroup(realm, Platform.unique("level-" + i), parent);
            chain.add(parent);
        }
        return chain;
    }
}

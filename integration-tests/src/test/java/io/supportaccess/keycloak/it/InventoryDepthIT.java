package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SupportAccessClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Group trees deeper than any walking limit: no cycle can be made, and permissions reach all the way down. */
class InventoryDepthIT {

    static final SupportAccessClient ADMIN = SupportAccessClient.admin();

    private static final int LEVELS = 45;

    @Test
    void aCycleCannotBeClosedAtAnyDepth() {
        String realm = Platform.createTenant("deep-cycle");
        List<String> chain = chain(realm, LEVELS);
        String top = chain.get(0);
        String bottom = chain.get(chain.size() - 1);

        Http.Reply closing = ADMIN.inventory(realm).put("/groups/" + bottom + "/children/" + top, null);
        assertThat(closing.status()).as(closing.body()).isEqualTo(409);
        for (int i = 0; i < chain.size() - 1; i += 11) {
            assertThat(ADMIN.inventory(realm).put("/groups/" + bottom + "/children/" + chain.get(i), null).status())
                    .as("ancestor at level %d", i).isEqualTo(409);
        }
        Http.Reply underBottom = ADMIN.inventory(realm).post("/groups", "{\"name\":\"leaf\",\"parentId\":\"" + bottom + "\"}");
        assertThat(underBottom.status()).as("a plain deeper group is fine").isEqualTo(201);
        assertThat(ADMIN.inventory(realm).get("/managed-objects/" + top).json().get("children")).hasSize(1);
    }

    @Test
    void permissionsReachEveryLevelOfADeepTree() {
        String realm = Platform.createTenant("deep-perm");
        String userId = Platform.createUser(realm, "deep", "pw");
        List<String> chain = chain(realm, LEVELS);
        ADMIN.inventory(realm).assign(userId, chain.get(0), ADMIN.inventory(realm).roleId("Reader"));
        assertThat(ADMIN.inventory(realm).granted(userId, chain.get(chain.size() - 1), "INVENTORY", "*", "READ")).isTrue();
        assertThat(ADMIN.inventory(realm).granted(userId, chain.get(chain.size() - 1), "INVENTORY", "*", "ADMIN")).isFalse();
    }

    @Test
    void selectiveSupportThroughADeepTreeOfTenantGroups() {
        Platform.setSupportActivated(true);
        String tenant = Platform.createTenant("deep-support");
        Platform.createUser(tenant, "john", "john-secret");
        String sam = Platform.unique("samdeep");
        String samId = Platform.createSupportUser(sam, "sam-secret");
        List<String> chain = chain(Platform.MANAGEMENT, LEVELS);
        ADMIN.inventory(Platform.MANAGEMENT).addChild(chain.get(chain.size() - 1), ADMIN.inventory(Platform.MANAGEMENT).tenantObjectId(tenant));
        ADMIN.inventory(Platform.MANAGEMENT).assign(samId, chain.get(0), ADMIN.inventory(Platform.MANAGEMENT).roleId("Support"));

        assertThat(ADMIN.decision(tenant, sam).get("outcome").asText()).isEqualTo("GRANTED");
        assertThat(Platform.passwordGrant(tenant, sam + "$john", "sam-secret").status()).isEqualTo(200);
    }

    /** Groups g0 > g1 > ... > g(levels-1), each the only child of the one before. */
    static List<String> chain(String realm, int levels) {
        List<String> chain = new ArrayList<>();
        String parent = null;
        for (int i = 0; i < levels; i++) {
            parent = ADMIN.inventory(realm).createGroup(Platform.unique("level-" + i), parent);
            chain.add(parent);
        }
        return chain;
    }
}

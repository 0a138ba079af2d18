package io.supportaccess.keycloak.it;

import static io.supportaccess.keycloak.it.support.Platform.passwordGrant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.TenantWithSupport;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;

/** The act claim of a support session's token, as a resource server sees it through introspection and userinfo. */
class ActClaimIntrospectionIT {

    static final String INTROSPECTOR = "resource-server";
    static final String INTROSPECTOR_SECRET = "resource-server-secret";

    static String tenant;
    static String jill;
    static String jillId;

    @BeforeAll
    static void platform() {
        TenantWithSupport scene = TenantWithSupport.create("act");
        tenant = scene.tenant();
        jill = scene.jill();
        jillId = scene.jillId();
        Platform.setSupportActivated(true);
        addIntrospector(tenant);
    }

    /** A confidential client {@value #INTROSPECTOR} that may introspect the tokens of the tenant's client {@value Platform#CLIENT}. */
    static void addIntrospector(String tenant) {
        ClientRepresentation resourceServer = new ClientRepresentation();
        resourceServer.setClientId(INTROSPECTOR);
        resourceServer.setPublicClient(false);
        resourceServer.setSecret(INTROSPECTOR_SECRET);
        resourceServer.setStandardFlowEnabled(false);
        try (Response response = Platform.realm(tenant).clients().create(resourceServer)) {
            assertThat(response.getStatus()).isEqualTo(201);
        }
        // Keycloak answers active:false to a confidential client that is not in the token's audience
        String appId = Platform.realm(tenant).clients().findByClientId(Platform.CLIENT).get(0).getId();
        ProtocolMapperRepresentation audience = new ProtocolMapperRepresentation();
        audience.setName("resource server audience");
        audience.setProtocol("openid-connect");
        audience.setProtocolMapper("oidc-audience-mapper");
        audience.setConfig(Map.of("included.client.audience", INTROSPECTOR, "access.token.claim", "true",
                "introspection.token.claim", "true"));
        try (Response response = Platform.realm(tenant).clients().get(appId).getProtocolMappers().createMapper(audience)) {
            assertThat(response.getStatus()).isEqualTo(201);
        }
    }

    @Test
    void introspectionAndUserinfoOfASupportSessionNameTheSupportUser() {
        String token = passwordGrant(tenant, jill + "$john", "jill-secret").json().get("access_token").asText();

        JsonNode introspected = introspect(token);
        assertThat(introspected.get("active").asBoolean()).as(introspected.toString()).isTrue();
        assertThat(introspected.get("preferred_username").asText()).isEqualTo("john");
        // Keycloak 26.7 writes the introspection's act itself from the impersonator note, replacing any mapper's
        assertThat(introspected.path("act").path("sub").asText()).as(introspected.toString()).isEqualTo(jill);

        Http.Reply userinfo = Http.get(Platform.url() + "/realms/" + tenant + "/protocol/openid-connect/userinfo", token);
        assertThat(userinfo.status()).as(userinfo.body()).isEqualTo(200);
        assertThat(userinfo.json().get("preferred_username").asText()).isEqualTo("john");
        assertThat(userinfo.json().path("act").path("username").asText()).as(userinfo.body()).isEqualTo(jill);
        assertThat(userinfo.json().path("act").path("sub").asText()).isEqualTo(jillId);
    }

    @Test
    void johnsOwnSessionCarriesNoActClaimAnywhere() {
        String token = passwordGrant(tenant, "john", "john-secret").json().get("access_token").asText();

        JsonNode introspected = introspect(token);
        assertThat(introspected.get("active").asBoolean()).as(introspected.toString()).isTrue();
        assertThat(introspected.has("act")).as(introspected.toString()).isFalse();
        Http.Reply userinfo = Http.get(Platform.url() + "/realms/" + tenant + "/protocol/openid-connect/userinfo", token);
        assertThat(userinfo.json().has("act")).as(userinfo.body()).isFalse();
    }

    @Test
    void theTenantsActClaimMapperIsMarkedForIntrospection() {
        var scope = Platform.realm(tenant).clientScopes().findAll().stream()
                .filter(s -> "support-access".equals(s.getName())).findFirst().orElseThrow();
        var mapper = Platform.realm(tenant).clientScopes().get(scope.getId()).getProtocolMappers().getMappers().stream()
                .filter(m -> "support-access-act-claim-mapper".equals(m.getProtocolMapper())).findFirst().orElseThrow();
        assertThat(mapper.getConfig()).containsEntry("introspection.token.claim", "true");
    }

    private static JsonNode introspect(String token) {
        return introspect(tenant, token);
    }

    static JsonNode introspect(String tenant, String token) {
        Http.Reply reply = Http.postForm(Platform.url() + "/realms/" + tenant + "/protocol/openid-connect/token/introspect",
                Map.of("client_id", INTROSPECTOR, "client_secret", INTROSPECTOR_SECRET, "token", token));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }
}

package io.supportaccess.keycloak.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import java.util.Map;

/** Calls aimed at one node of the cluster (Platform's helpers talk to node A only). */
final class NodeCalls {

    private NodeCalls() {
    }

    static Http.Reply login(KeycloakNode node, String realm, String username, String password) {
        return Http.postForm(node.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", Platform.CLIENT, "username", username, "password", password, "scope", "openid"));
    }

    static String token(KeycloakNode node, String realm, String username, String password) {
        Http.Reply reply = login(node, realm, username, password);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("access_token").asText();
    }

    static String adminToken(KeycloakNode node) {
        Http.Reply reply = Http.postForm(node.baseUrl() + "/realms/master/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("access_token").asText();
    }

    static Http.Reply refresh(KeycloakNode node, String realm, String refreshToken) {
        return Http.postForm(node.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", Platform.CLIENT));
    }

    static int userinfo(KeycloakNode node, String realm, String accessToken) {
        return Http.get(node.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/userinfo", accessToken).status();
    }

    static String requests(KeycloakNode node, String realm) {
        return node.baseUrl() + "/realms/" + realm + "/support-access/requests";
    }
}

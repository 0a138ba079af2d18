package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every refusal of the extension's REST API has one body: {"error": ..., "error_description": ...}. */
class RestErrorsIT {


    @Test
    void aForbiddenCallerGetsTheSameBodyFromEveryResource() {
        String staff = Platform.unique("staff");
        Platform.createSupportUser(staff, "staff-pw", "Support");
        String token = managementToken(staff, "staff-pw");
        String tenant = Platform.createTenant("errors");
        Platform.createUser(tenant, "alice", "alice-pw");
        String alice = Platform.passwordGrant(tenant, "alice", "alice-pw").json().get("access_token").asText();

        List<Http.Reply> refusals = List.of(
                Http.get(api() + "settings", token),
                Http.put(api() + "settings", token, "application/json", "{}"),
                Http.get(api() + "tenants", token),
                Http.get(api() + "sessions", token),
                Http.get(api() + "consent-marks/" + tenant, token),
                Http.get(api() + "audit", token),
                Http.get(api() + "suspicious-usernames", token),
                Http.get(Platform.url() + "/realms/" + tenant + "/support-access/accesses", alice));
        for (Http.Reply reply : refusals) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(403);
            assertErrorBody(reply, "forbidden");
        }
    }

    @Test
    void notFoundAndBadInputHaveTheSameShape() {
        String tenant = Platform.createTenant("errors-shape");
        Http.Reply otherRealm = Http.get(Platform.url() + "/admin/realms/" + tenant + "/support-access/settings", Platform.adminToken());
        assertThat(otherRealm.status()).isEqualTo(404);
        assertErrorBody(otherRealm, "not_found");

        Http.Reply unknownTenant = Http.get(api() + "tenants/no-such-tenant", Platform.adminToken());
        assertThat(unknownTenant.status()).isEqualTo(404);
        assertErrorBody(unknownTenant, "not_found");

        for (String url : List.of(api() + "tenants?max=x", api() + "audit?pageSize=0", api() + "audit?after=nonsense")) {
            Http.Reply bad = Http.get(url, Platform.adminToken());
            assertThat(bad.status()).as(url).isEqualTo(400);
            assertErrorBody(bad, "invalid_request");
        }
        Http.Reply badBody = Http.put(api() + "settings", Platform.adminToken(), "application/json", "[]");
        assertThat(badBody.status()).isEqualTo(400);
        assertErrorBody(badBody, "invalid_request");
    }

    private static String api() {
        return Platform.url() + "/admin/realms/" + Platform.MANAGEMENT + "/support-access/";
    }

    private static void assertErrorBody(Http.Reply reply, String error) {
        JsonNode body = reply.json();
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as(reply.body()).containsExactly("error", "error_description");
        assertThat(body.get("error").asText()).as(reply.body()).isEqualTo(error);
        assertThat(body.get("error_description").asText()).as(reply.body()).isNotBlank();
    }

    private static String managementToken(String username, String password) {
        Http.Reply reply = Http.postForm(Platform.tokenUrl(Platform.MANAGEMENT),
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", username, "password", password));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("access_token").asText();
    }
}

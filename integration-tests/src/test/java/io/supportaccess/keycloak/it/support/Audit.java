package io.supportaccess.keycloak.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads the audit log through its REST API. */
public final class Audit {

    private Audit() {
    }

    public static String url(String realm, Map<String, String> filters) {
        return url(Platform.url(), realm, filters);
    }

    public static String url(String baseUrl, String realm, Map<String, String> filters) {
        String query = filters.entrySet().stream().map(e -> e.getKey() + "=" + Http.enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return baseUrl + "/admin/realms/" + realm + "/support-access/audit" + (query.isEmpty() ? "" : "?" + query);
    }

    /** Every record matching the filters, following "next" page by page. */
    public static List<JsonNode> all(String realm, Map<String, String> filters) {
        return all(Platform.url(), Platform.adminToken(), realm, filters);
    }

    /** The same through one server (a cluster node), with a token of an administrator. */
    public static List<JsonNode> all(String baseUrl, String token, String realm, Map<String, String> filters) {
        return new SupportAccessClient(baseUrl, () -> token).audit(realm, filters);
    }

    public static List<String> activities(String realm, Map<String, String> filters) {
        return all(realm, filters).stream().map(r -> r.get("activity").asText()).toList();
    }
}

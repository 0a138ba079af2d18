package io.supportaccess.keycloak.bench;

import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.KeycloakServer;
import io.supportaccess.keycloak.it.support.Platform;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Creating tenants through the subtenant lifecycle API ({@code POST .../support-access/tenants}: realm,
 * administrator with a password, roles, tenant object, audit) side by side with Keycloak's admin API on
 * the same server in one run, alternating: a plain realm ({@code POST /admin/realms}), and a realm
 * with the same first user made by hand ({@code POST /admin/realms}, {@code POST .../users} with the
 * password, the realm-admin role mapping). Prints the median time per tenant of each and the ratios.
 *
 * <p>System properties: {@code keycloak.url} (default: start a server), {@code bench.tenants} (100 per variant).
 */
public final class TenantLifecycleBenchmark {

    public static void main(String[] args) {
        int tenants = Integer.getInteger("bench.tenants", 100);
        KeycloakServer.get();
        String api = Platform.url() + "/admin/realms/" + Platform.MANAGEMENT + "/support-access/tenants";
        // warm-up, not counted
        for (int i = 0; i < 5; i++) {
            viaLifecycleApi(api, Platform.unique("warm-api"));
            plainRealm(Platform.unique("warm-plain"));
            realmAndAdministrator(Platform.unique("warm-byhand"));
        }
        List<Double> lifecycle = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        List<Double> byHand = new ArrayList<>();
        for (int i = 0; i < tenants; i++) {
            lifecycle.add(viaLifecycleApi(api, Platform.unique("bench-api")));
            plain.add(plainRealm(Platform.unique("bench-plain")));
            byHand.add(realmAndAdministrator(Platform.unique("bench-byhand")));
        }
        double lifecycleMedian = median(lifecycle);
        double plainMedian = median(plain);
        double byHandMedian = median(byHand);
        System.out.printf("%d tenants per variant, alternating, on %s%n", tenants, Platform.url());
        System.out.printf("lifecycle API (realm, administrator, roles, object, audit): median %.1f ms%n", lifecycleMedian);
        System.out.printf("Keycloak admin API, realm only:                          median %.1f ms%n", plainMedian);
        System.out.printf("Keycloak admin API, realm + administrator + realm-admin:  median %.1f ms%n", byHandMedian);
        System.out.printf("ratio lifecycle / realm only: %.2f%n", lifecycleMedian / plainMedian);
        System.out.printf("ratio lifecycle / realm + administrator by hand: %.2f%n", lifecycleMedian / byHandMedian);
        System.exit(0);
    }

    private static double viaLifecycleApi(String api, String id) {
        String body = "{\"id\":\"" + id + "\",\"company\":\"Company " + id + "\",\"adminName\":\"boss\","
                + "\"adminEmail\":\"boss@" + id + ".example\",\"adminPassword\":\"boss-secret-1\"}";
        String token = Platform.adminToken();
        long start = System.nanoTime();
        Http.Reply reply = Http.post(api, token, "application/json", body);
        double millis = (System.nanoTime() - start) / 1e6;
        check(reply, 201);
        return millis;
    }

    private static double plainRealm(String id) {
        String token = Platform.adminToken();
        long start = System.nanoTime();
        Http.Reply reply = Http.post(Platform.url() + "/admin/realms", token, "application/json",
                "{\"realm\":\"" + id + "\",\"enabled\":true,\"displayName\":\"Company " + id + "\"}");
        double millis = (System.nanoTime() - start) / 1e6;
        check(reply, 201);
        return millis;
    }

    private static double realmAndAdministrator(String id) {
        String token = Platform.adminToken();
        String admin = Platform.url() + "/admin/realms/" + id;
        long start = System.nanoTime();
        check(Http.post(Platform.url() + "/admin/realms", token, "application/json",
                "{\"realm\":\"" + id + "\",\"enabled\":true,\"displayName\":\"Company " + id + "\"}"), 201);
        Http.Reply user = Http.post(admin + "/users", token, "application/json", "{\"username\":\"boss\",\"enabled\":true,"
                + "\"email\":\"boss@" + id + ".example\",\"credentials\":[{\"type\":\"password\",\"value\":\"boss-secret-1\",\"temporary\":false}]}");
        check(user, 201);
        String location = user.raw().headers().firstValue("Location").orElseThrow();
        String userId = location.substring(location.lastIndexOf('/') + 1);
        Http.Reply clients = Http.get(admin + "/clients?clientId=realm-management", token);
        String clientId = clients.json().get(0).get("id").asText();
        Http.Reply role = Http.get(admin + "/clients/" + clientId + "/roles/realm-admin", token);
        check(Http.post(admin + "/users/" + userId + "/role-mappings/clients/" + clientId, token, "application/json",
                "[" + role.body() + "]"), 204);
        return (System.nanoTime() - start) / 1e6;
    }

    private static void check(Http.Reply reply, int status) {
        if (reply.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + reply.status() + ": " + reply.body());
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

package io.supportaccess.keycloak.it.cluster;

import io.supportaccess.keycloak.it.support.Audit;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Sixteen clients split across the two nodes run support logins, plain logins, failed logins
 * and support request changes against one tenant, and remember every answer: each answered
 * operation is acknowledged and must have exactly one audit record (keyed "activity | who").
 * A client whose node stops answering moves to the other node, as a load balancer would.
 */
final class ClusterLoad {

    enum Kind { SUPPORT_LOGIN, PLAIN_LOGIN, FAILED_LOGIN, REQUEST_CHANGE }

    static final int CLIENTS = 16;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    final String tenant;
    final List<KeycloakNode> nodes;
    final String[] johns = new String[CLIENTS];
    final String[] jills = new String[CLIENTS];

    final Map<String, AtomicInteger> expected = new ConcurrentHashMap<>();
    final Map<Kind, AtomicInteger> acknowledged = new EnumMap<>(Kind.class);
    final Map<Kind, AtomicInteger> serverErrors = new EnumMap<>(Kind.class);
    final AtomicInteger unanswered = new AtomicInteger();
    final Map<String, AtomicInteger> acknowledgedByNode = new ConcurrentHashMap<>();
    volatile double seconds;

    ClusterLoad(String tenant, List<KeycloakNode> nodes, String runId) {
        this.tenant = tenant;
        this.nodes = nodes;
        for (Kind kind : Kind.values()) {
            acknowledged.put(kind, new AtomicInteger());
            serverErrors.put(kind, new AtomicInteger());
        }
        for (int i = 0; i < CLIENTS; i++) {
            johns[i] = runId + "-user" + i;
            Platform.createUser(tenant, johns[i], "user-pw");
            jills[i] = Platform.unique("jillload" + i);
            Platform.createSupportUser(jills[i], "jill-secret", "Support");
        }
    }

    static Kind kindOf(int client) {
        return switch (client % 8) {
            case 0, 1, 2 -> Kind.SUPPORT_LOGIN;
            case 3, 4 -> Kind.PLAIN_LOGIN;
            case 5, 6 -> Kind.FAILED_LOGIN;
            default -> Kind.REQUEST_CHANGE;
        };
    }

    /** Runs the load for {@code duration}; {@code during} runs once after {@code after} on the side. */
    void run(Duration duration, Duration after, Runnable during) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            int client = i;
            futures.add(pool.submit(() -> {
                clientLoop(client, end);
                return null;
            }));
        }
        if (during != null) {
            futures.add(pool.submit(() -> {
                Thread.sleep(after.toMillis());
                during.run();
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        seconds = (System.nanoTime() - start) / 1e9;
    }

    private void clientLoop(int client, long end) {
        int home = (client + client / 8) % 2;   // every kind has as many clients on each node
        String token = null;
        int k = 0;
        while (System.nanoTime() < end) {
            KeycloakNode node = nodes.get(home);
            Kind kind = kindOf(client);
            try {
                switch (kind) {
                    case SUPPORT_LOGIN -> login(node, kind, jills[client] + "$" + johns[client], "jill-secret");
                    case PLAIN_LOGIN -> login(node, kind, johns[client], "user-pw");
                    case FAILED_LOGIN -> {
                        if (k % 2 == 0) {
                            login(node, kind, johns[client], "wrong");
                        } else {
                            login(node, kind, jills[client] + "$" + johns[client], "wrong");
                        }
                    }
                    case REQUEST_CHANGE -> {
                        if (token == null) {
                            token = login(node, kind, johns[client], "user-pw").json().get("access_token").asText();
                        }
                        String user = johns[client];
                        String url = node.baseUrl() + "/realms/" + tenant + "/support-access/requests";
                        String bearer = token;
                        if (k % 2 == 0) {
                            answer(node, kind, send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()), bearer),
                                    reply -> reply.status() == 201 ? List.of(activityOfEnable(reply) + " | " + user) : List.of());
                        } else {
                            answer(node, kind, send(HttpRequest.newBuilder(URI.create(url)).DELETE(), bearer), reply -> {
                                List<String> keys = new ArrayList<>();
                                int disabled = reply.status() == 200 ? reply.json().get("disabledRequests").asInt() : 0;
                                for (int d = 0; d < disabled; d++) {
                                    keys.add("Support request disabled | " + user);
                                }
                                return keys;
                            });
                        }
                    }
                }
            } catch (Unanswered e) {
                unanswered.incrementAndGet();
                home = 1 - home;   // the "load balancer" sends this client to the other node from now on
                token = null;
            }
            k++;
        }
    }

    private static String activityOfEnable(Http.Reply reply) {
        // the tenant is kept open by an anchor request, so each further request prolongs it
        return reply.json().get("activeRequests").asInt() > 1 ? "Support request prolonged" : "Support request enabled";
    }

    private Http.Reply login(KeycloakNode node, Kind kind, String username, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/realms/" + tenant + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.form(Map.of("grant_type", "password", "client_id", Platform.CLIENT,
                        "username", username, "password", password))));
        boolean support = username.contains("$");
        return answer(node, kind, send(request, null), reply -> List.of((support
                ? (reply.status() == 200 ? "Support access granted" : "Support access denied")
                : (reply.status() == 200 ? "User login" : "User login failed")) + " | " + username));
    }

    private Http.Reply answer(KeycloakNode node, Kind kind, Http.Reply reply, Function<Http.Reply, List<String>> records) {
        if (reply.status() >= 500) {
            serverErrors.get(kind).incrementAndGet();
            return reply;
        }
        acknowledged.get(kind).incrementAndGet();
        acknowledgedByNode.computeIfAbsent(node.name(), n -> new AtomicInteger()).incrementAndGet();
        for (String key : records.apply(reply)) {
            expected.computeIfAbsent(key, x -> new AtomicInteger()).incrementAndGet();
        }
        return reply;
    }

    private static Http.Reply send(HttpRequest.Builder request, String bearer) {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            var response = CLIENT.send(request.timeout(TIMEOUT).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Http.Reply(response.statusCode(), response.body(), response);
        } catch (java.io.IOException e) {
            throw new Unanswered();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unanswered();
        }
    }

    private static final java.net.http.HttpClient CLIENT = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static final class Unanswered extends RuntimeException {
        Unanswered() {
            super(null, null, false, false);
        }
    }

    /**
     * The audit records of the tenant's logins and support requests, counted by "activity | who".
     * Ends of support sessions (a tenant closed by a disable ends them) answer no client operation and are not counted.
     */
    static Map<String, Integer> auditCounts(String tenant) {
        return auditCounts(Audit.all(tenant, Map.of()));
    }

    static Map<String, Integer> auditCounts(List<com.fasterxml.jackson.databind.JsonNode> records) {
        Map<String, Integer> counts = new HashMap<>();
        for (var record : records) {
            String type = record.get("type").asText();
            if ((type.equals("User login") || type.equals("Support")) && !"Support session ended".equals(record.get("activity").asText())) {
                counts.merge(record.get("activity").asText() + " | " + record.get("who").asText(), 1, Integer::sum);
            }
        }
        return counts;
    }

    Map<String, Integer> expectedCounts() {
        Map<String, Integer> counts = new HashMap<>();
        expected.forEach((key, count) -> counts.put(key, count.get()));
        return counts;
    }

    int totalServerErrors() {
        return serverErrors.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    String report(String title) {
        StringBuilder out = new StringBuilder(title).append(String.format(" (%.0f s, %d clients over %d nodes)%n", seconds, CLIENTS, nodes.size()));
        for (Kind kind : Kind.values()) {
            out.append(String.format("  %-15s %6d answered = %6.2f ops/s, %d 5xx%n", kind, acknowledged.get(kind).get(),
                    acknowledged.get(kind).get() / seconds, serverErrors.get(kind).get()));
        }
        out.append(String.format("  answered by node: %s; unanswered (connection refused, reset or timed out): %d%n",
                acknowledgedByNode, unanswered.get()));
        return out.toString();
    }
}

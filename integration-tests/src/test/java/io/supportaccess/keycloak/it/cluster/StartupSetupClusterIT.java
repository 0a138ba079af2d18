package io.supportaccess.keycloak.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportaccess.keycloak.it.support.Await;
import io.supportaccess.keycloak.it.support.KeycloakServer;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.SetupVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * The start-up set-up of the realms runs on one node of the cluster: a node that starts while the
 * other is preparing the realms does not repeat it, and a realm whose set-up fails does not stop
 * the others. Restarts the shared cluster's two nodes (no servers of its own). The testing provider
 * holds the set-up at one realm until the test releases it, so the second node surely starts while
 * the first one prepares; which node comes first is left to the start-up.
 */
class StartupSetupClusterIT {

    private static final String MARKER = "supportAccess.setupVersion";
    private static final String SCOPE = "support-access";
    /** RealmLifecycle.SETUP_VERSION. */
    private static final String CURRENT = SetupVersion.CURRENT;
    /** Read by the testing provider jar only (FailingSetup): refuse, or hold until a file exists, writing this marker version. */
    private static final String REFUSE = "supportAccess.testing.refuseSetupVersion";
    private static final String HOLD = "supportAccess.testing.holdSetupVersion";
    private static final String HOLD_FILE = "supportAccess.testing.holdSetupUntilFile";

    @Test
    void aNodeStartingWhileTheOtherPreparesTheRealmsSkipsItAndAFailingRealmStopsNoOther() throws Exception {
        Cluster cluster = Cluster.get();
        KeycloakNode a = cluster.a();
        KeycloakNode b = cluster.b();
        Path release = Path.of(System.getProperty("cluster.dir", "target/cluster")).toAbsolutePath().resolve("release-setup-" + System.nanoTime());
        String held = Platform.unique("setup-held");
        String broken = Platform.unique("setup-broken");
        List<String> outdated = List.of(Platform.unique("setup-old"), Platform.unique("setup-old"), held);

        try (Keycloak admin = admin(a)) {
            for (String realm : outdated) {
                create(admin, realm);
                makeOutdated(admin, realm, realm.equals(held) ? Map.of(HOLD, CURRENT, HOLD_FILE, release.toString()) : Map.of());
            }
            create(admin, broken);
            makeOutdated(admin, broken, Map.of(REFUSE, CURRENT));
        }
        b.stop();
        a.stop();

        // node B starts once node A's cluster transport is up, so that it joins A instead of forming a cluster of its own;
        // whichever node takes the set-up holds it at the held realm while the other one starts
        CompletableFuture<Void> aStarted = CompletableFuture.runAsync(a::start);
        Await.until(Duration.ofMinutes(5), () -> Cluster.lastViewSize(a) >= 1 || aStarted.isDone(),
                () -> "node A formed no cluster view; see " + a.log());
        CompletableFuture<Void> bStarted = CompletableFuture.runAsync(b::start);
        Await.until(Duration.ofMinutes(5), () -> holds(a, held) || holds(b, held) || aStarted.isDone() && bStarted.isDone(),
                () -> "no node reached the held realm's set-up; see " + a.log() + " and " + b.log());
        KeycloakNode holder = holds(a, held) ? a : b;
        KeycloakNode other = holder == a ? b : a;
        Await.until(Duration.ofMinutes(5), () -> contains(other, "Another node is preparing") || (other == a ? aStarted : bStarted).isDone(),
                () -> other.name() + " did not skip the set-up; see " + other.log());
        assertThat((holder == a ? aStarted : bStarted)).as("the holder must still be preparing the realms").isNotDone();
        Files.createFile(release);
        aStarted.get(5, TimeUnit.MINUTES);
        bStarted.get(5, TimeUnit.MINUTES);
        cluster.awaitMembers(2, Duration.ofMinutes(2));

        assertThat(String.join("\n", other.logLines()))
                .contains("Another node is preparing")
                .doesNotContain("prepared for support access")
                .doesNotContain("set-up of realm '" + broken + "' failed");
        String log = String.join("\n", holder.logLines());
        for (String realm : outdated) {
            assertThat(count(log, "Realm '" + realm + "' prepared")).as(realm).isEqualTo(1);
        }
        assertThat(log).contains("set-up of realm '" + broken + "' failed").doesNotContain("Realm '" + broken + "' prepared")
                .contains(outdated.size() + " realm(s) prepared, 1 failed");

        try (Keycloak admin = admin(other)) {
            for (String realm : outdated) {
                assertThat(attributes(admin, realm)).as(realm).containsEntry(MARKER, CURRENT);
                assertThat(hasAuditRole(admin, realm)).as(realm).isTrue();
            }
            // rolled back on its own, the others committed
            assertThat(attributes(admin, broken)).containsEntry(MARKER, "0");
            assertThat(hasAuditRole(admin, broken)).isFalse();
            admin.realm(broken).remove();
        }
    }

    /**
     * A realm that lost its support-access client scope, prepared again when node A starts, while node B stays up with every
     * client's scopes cached without it: A's set-up adds the scope to the clients and B, answering from its cache, sees it.
     */
    @Test
    void aRealmPreparedAtOneNodesStartIsSeenPreparedByTheNodeThatStayedUp() {
        Cluster cluster = Cluster.get();
        KeycloakNode a = cluster.a();
        KeycloakNode b = cluster.b();
        String realm = Platform.unique("setup-scope");
        try (Keycloak admin = admin(b)) {
            create(admin, realm);
            removeSupportAccessScope(admin, realm);
            makeOutdated(admin, realm, Map.of());
            assertThat(clientsWithSupportAccessScope(admin, realm)).isEmpty();
        }
        a.stop();
        a.start();
        cluster.awaitMembers(2, Duration.ofMinutes(2));
        try (Keycloak admin = admin(b)) {
            try {
                assertThat(count(String.join("\n", a.logLines()), "Realm '" + realm + "' prepared")).isEqualTo(1);
                assertThat(clientsWithSupportAccessScope(admin, realm)).contains("account", "account-console", "admin-cli",
                        "security-admin-console");
            } finally {
                admin.realm(realm).remove();
            }
        }
    }

    private static void removeSupportAccessScope(Keycloak admin, String realm) {
        ClientScopeRepresentation scope = admin.realm(realm).clientScopes().findAll().stream()
                .filter(s -> SCOPE.equals(s.getName())).findFirst().orElseThrow();
        admin.realm(realm).removeDefaultDefaultClientScope(scope.getId());
        for (ClientRepresentation client : admin.realm(realm).clients().findAll()) {
            if (admin.realm(realm).clients().get(client.getId()).getDefaultClientScopes().stream().anyMatch(s -> SCOPE.equals(s.getName()))) {
                admin.realm(realm).clients().get(client.getId()).removeDefaultClientScope(scope.getId());
            }
        }
        admin.realm(realm).clientScopes().get(scope.getId()).remove();
    }

    private static List<String> clientsWithSupportAccessScope(Keycloak admin, String realm) {
        return admin.realm(realm).clients().findAll().stream()
                .filter(client -> admin.realm(realm).clients().get(client.getId()).getDefaultClientScopes().stream()
                        .anyMatch(s -> SCOPE.equals(s.getName())))
                .map(ClientRepresentation::getClientId).toList();
    }

    private static Keycloak admin(KeycloakNode node) {
        return Keycloak.getInstance(node.baseUrl(), "master", KeycloakServer.ADMIN, KeycloakServer.ADMIN_PASSWORD, "admin-cli");
    }

    private static void create(Keycloak admin, String name) {
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(name);
        realm.setEnabled(true);
        admin.realms().create(realm);
        assertThat(attributes(admin, name)).containsEntry(MARKER, CURRENT);
    }

    /** As if prepared by an older set-up version, with something the set-up repairs missing. */
    private static void makeOutdated(Keycloak admin, String name, Map<String, String> extra) {
        admin.realm(name).roles().deleteRole("ROLE_AUDIT_READ");
        RealmRepresentation representation = admin.realm(name).toRepresentation();
        Map<String, String> attributes = new HashMap<>(representation.getAttributes());
        attributes.put(MARKER, "0");
        attributes.putAll(extra);
        representation.setAttributes(attributes);
        admin.realm(name).update(representation);
        assertThat(attributes(admin, name)).containsEntry(MARKER, "0");
    }

    private static Map<String, String> attributes(Keycloak admin, String name) {
        return admin.realm(name).toRepresentation().getAttributes();
    }

    private static boolean hasAuditRole(Keycloak admin, String name) {
        return admin.realm(name).roles().list().stream().anyMatch(r -> "ROLE_AUDIT_READ".equals(r.getName()));
    }

    private static boolean holds(KeycloakNode node, String realm) {
        return contains(node, "holding the set-up of realm '" + realm + "'");
    }

    private static boolean contains(KeycloakNode node, String text) {
        return node.logLines().stream().anyMatch(line -> line.contains(text));
    }

    private static long count(String log, String text) {
        return log.lines().filter(line -> line.contains(text)).count();
    }
}

package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportaccess.keycloak.it.support.KeycloakServer;
import io.supportaccess.keycloak.it.support.SetupVersion;
import io.supportaccess.keycloak.it.support.StandaloneKeycloak;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * Start-up prepares only the realms that need it, each on its own: a server of its own with a
 * persistent database, stopped and started again.
 */
class StartupSetupIT {

    private static final String MARKER = "supportAccess.setupVersion";
    /**
     * Read by the testing provider jar only: the set-up marker of this version is refused in the realm,
     * so its set-up fails and rolls back (no realm state breaks the set-up reliably).
     */
    private static final String REFUSE = "supportAccess.testing.refuseSetupVersion";
    private static final String CURRENT = SetupVersion.CURRENT;
    private static final Path DIR = Path.of("target/startup-it");

    private static StandaloneKeycloak server;

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void onlyOutdatedRealmsArePreparedAtStartUpEachOnItsOwnAndAFailureIsRetried() throws IOException {
        server = StandaloneKeycloak.copy(StandaloneKeycloak.distribution(), DIR.resolve("keycloak"), true,
                "--log-level=INFO,io.supportaccess:DEBUG");
        Path first = DIR.resolve("start-1.log");
        server.start(first);
        Keycloak admin = admin();
        create(admin, "fresh");
        create(admin, "outdated");
        create(admin, "broken");
        // prepared once at creation: marked at once
        assertThat(attributes(admin, "fresh")).containsEntry(MARKER, CURRENT);
        assertThat(log(first)).contains("Realm 'fresh' prepared");
        // a set-up that fails after the realm's creation committed: the realm is there, unprepared, until the next start
        RealmRepresentation refused = new RealmRepresentation();
        refused.setRealm("refused-at-creation");
        refused.setEnabled(true);
        refused.setAttributes(Map.of(REFUSE, CURRENT));
        admin.realms().create(refused);
        assertThat(attributes(admin, "refused-at-creation")).doesNotContainKey(MARKER);
        assertThat(hasAuditRole(admin, "refused-at-creation")).isFalse();
        assertThat(log(first)).contains("set-up of the new realm 'refused-at-creation' failed")
                .doesNotContain("Realm 'refused-at-creation' prepared");
        RealmRepresentation repaired = admin.realm("refused-at-creation").toRepresentation();
        repaired.getAttributes().put(REFUSE, "none");
        admin.realm("refused-at-creation").update(repaired);

        // as if prepared by an older set-up version, with something the set-up repairs missing
        makeOutdated(admin, "outdated", Map.of());
        // a catalogue role missing, another changed by an operator
        admin.realm("outdated").roles().deleteRole("Global Reader");
        var readers = admin.realm("outdated").roles().get("readers").toRepresentation();
        readers.setDescription("our own readers");
        admin.realm("outdated").roles().get("readers").update(readers);
        // as before the Support approval roles came: the catalogue's own admins gets them once they are created
        admin.realm("outdated").roles().deleteRole("ROLE_SUPPORT_APPROVAL_READ");
        admin.realm("outdated").roles().deleteRole("ROLE_SUPPORT_APPROVAL_ADMIN");
        makeOutdated(admin, "broken", Map.of(REFUSE, CURRENT));
        // as before the set-up selected the admin console theme
        RealmRepresentation unthemed = admin.realm("outdated").toRepresentation();
        unthemed.setAdminTheme("");
        admin.realm("outdated").update(unthemed);
        admin.close();
        server.stop();

        Path second = DIR.resolve("start-2.log");
        server.start(second);
        admin = admin();
        assertThat(attributes(admin, "outdated")).containsEntry(MARKER, CURRENT);
        assertThat(hasAuditRole(admin, "outdated")).isTrue();
        assertThat(attributes(admin, "refused-at-creation")).containsEntry(MARKER, CURRENT);
        assertThat(admin.realm("refused-at-creation").roles().get("admins").getRealmRoleComposites()).isNotEmpty();
        // the missing catalogue role is added, the changed one stays as the operator left it
        assertThat(admin.realm("outdated").roles().get("Global Reader").getRealmRoleComposites()).extracting(r -> r.getName())
                .contains("ROLE_INVENTORY_READ");
        assertThat(admin.realm("outdated").roles().get("readers").toRepresentation().getDescription()).isEqualTo("our own readers");
        assertThat(admin.realm("outdated").roles().get("admins").getRealmRoleComposites()).extracting(r -> r.getName())
                .contains("ROLE_SUPPORT_APPROVAL_READ", "ROLE_SUPPORT_APPROVAL_ADMIN", "ROLE_ALARM_ADMIN");
        assertThat(admin.realm("outdated").roles().get("ROLE_AUDIT_READ").getClientRoleComposites(realmManagementId(admin, "outdated")))
                .extracting(r -> r.getName()).containsExactly("view-events");
        assertThat(admin.realm("outdated").toRepresentation().getAdminTheme()).isEqualTo("support-access");
        // the failing realm is left as it was (its transaction rolled back), the server is up and the others are done
        assertThat(attributes(admin, "broken")).containsEntry(MARKER, "0");
        assertThat(hasAuditRole(admin, "broken")).isFalse();
        assertThat(log(second))
                .contains("Realm 'outdated' prepared")
                .contains("Realm 'refused-at-creation' prepared")
                .contains("set-up of realm 'broken' failed")
                .doesNotContain("Realm 'broken' prepared")
                .contains("2 realm(s) prepared, 1 failed")
                // up to date: not prepared again
                .doesNotContain("Realm 'fresh' prepared")
                .doesNotContain("Realm 'management' prepared");

        RealmRepresentation broken = admin.realm("broken").toRepresentation();
        broken.getAttributes().put(REFUSE, "none");
        admin.realm("broken").update(broken);
        admin.close();
        server.stop();

        Path third = DIR.resolve("start-3.log");
        server.start(third);
        admin = admin();
        assertThat(attributes(admin, "broken")).containsEntry(MARKER, CURRENT);
        assertThat(hasAuditRole(admin, "broken")).isTrue();
        assertThat(log(third)).contains("Realm 'broken' prepared").doesNotContain("Realm 'outdated' prepared")
                .doesNotContain("Realm 'fresh' prepared");
        admin.close();
    }

    private static Keycloak admin() {
        return Keycloak.getInstance(server.baseUrl(), "master", KeycloakServer.ADMIN, KeycloakServer.ADMIN_PASSWORD, "admin-cli");
    }

    private static void create(Keycloak admin, String name) {
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(name);
        realm.setEnabled(true);
        admin.realms().create(realm);
    }

    private static void makeOutdated(Keycloak admin, String name, Map<String, String> extra) {
        RealmResource realm = admin.realm(name);
        realm.roles().deleteRole("ROLE_AUDIT_READ");
        RealmRepresentation representation = realm.toRepresentation();
        Map<String, String> attributes = new HashMap<>(representation.getAttributes());
        attributes.put(MARKER, "0");
        attributes.putAll(extra);
        representation.setAttributes(attributes);
        realm.update(representation);
        assertThat(attributes(admin, name)).containsEntry(MARKER, "0");
        assertThat(hasAuditRole(admin, name)).isFalse();
    }

    private static String realmManagementId(Keycloak admin, String name) {
        return admin.realm(name).clients().findByClientId("realm-management").get(0).getId();
    }

    private static Map<String, String> attributes(Keycloak admin, String name) {
        return admin.realm(name).toRepresentation().getAttributes();
    }

    private static boolean hasAuditRole(Keycloak admin, String name) {
        return admin.realm(name).roles().list().stream().anyMatch(r -> "ROLE_AUDIT_READ".equals(r.getName()));
    }

    private static String log(Path file) throws IOException {
        return Files.readString(file);
    }
}

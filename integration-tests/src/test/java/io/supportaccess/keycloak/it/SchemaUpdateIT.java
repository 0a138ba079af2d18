package io.supportaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportaccess.keycloak.it.support.KeycloakServer;
import io.supportaccess.keycloak.it.support.SetupVersion;
import io.supportaccess.keycloak.it.support.StandaloneKeycloak;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * The extension's database schema at start-up: created on a new database, brought up to date by Liquibase on
 * a database of an older release, and on an up-to-date database checked with one query instead of a Liquibase
 * run (Keycloak runs Liquibase over a provider's changelog at every start otherwise). A server of its own with
 * a persistent H2 database, stopped and started again; the older release is made by hand while it is stopped.
 */
class SchemaUpdateIT {

    private static final Path DIR = Path.of("target/schema-it");
    private static final String CHANGELOG = "META-INF/support-access/changelog-master.xml";
    private static final String TABLE = "DATABASECHANGELOG_SUPPORT_AC";

    private static StandaloneKeycloak server;

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aNewDatabaseGetsTheSchemaAnOlderOneIsUpdatedAndAnUpToDateOneIsNotRunThroughLiquibase() throws Exception {
        server = StandaloneKeycloak.copy(StandaloneKeycloak.distribution(), DIR.resolve("keycloak"), true,
                "--log-level=INFO,io.supportaccess.keycloak.storage:debug,org.keycloak.quarkus.runtime.storage.database.liquibase:debug");
        Path first = DIR.resolve("start-1.log");
        server.start(first);
        assertThat(log(first)).contains("Initializing database schema. Using changelog " + CHANGELOG);
        server.stop();
        List<String> applied = changeSets();
        assertThat(applied).hasSizeGreaterThanOrEqualTo(15).contains("role-lookup-index-1", "role-lookup-index-2");

        Path second = DIR.resolve("start-2.log");
        server.start(second);
        assertThat(log(second))
                .contains("Support access database schema: up to date")
                // Keycloak's Liquibase validation logs the changelog it looks at: it did not look at ours
                .doesNotContain(CHANGELOG)
                .contains("Validating if database is updated");
        server.stop();
        assertThat(changeSets()).isEqualTo(applied);

        // a database of the release before the role lookup indexes (the changelog's last file)
        try (Connection db = h2(); Statement statement = db.createStatement()) {
            statement.execute("DROP INDEX IDX_SA_KC_ROLE_CLIENT_NAME");
            statement.execute("DROP INDEX IDX_SA_KC_ROLE_REALM_ID");
            assertThat(statement.executeUpdate("DELETE FROM " + TABLE + " WHERE ID IN ('role-lookup-index-1', 'role-lookup-index-2')"))
                    .isEqualTo(2);
        }
        assertThat(indexes()).doesNotContain("IDX_SA_KC_ROLE_CLIENT_NAME", "IDX_SA_KC_ROLE_REALM_ID");

        Path third = DIR.resolve("start-3.log");
        server.start(third);
        assertThat(log(third))
                .contains("Support access database schema: change set role-lookup-index-2 not applied yet")
                .contains("to role-lookup-index-2. Using changelog " + CHANGELOG)
                .doesNotContain("Support access database schema: up to date");
        // the server works on the updated schema: a new tenant realm is prepared
        try (Keycloak admin = Keycloak.getInstance(server.baseUrl(), "master", KeycloakServer.ADMIN, KeycloakServer.ADMIN_PASSWORD,
                "admin-cli")) {
            RealmRepresentation realm = new RealmRepresentation();
            realm.setRealm("after-update");
            realm.setEnabled(true);
            admin.realms().create(realm);
            assertThat(admin.realm("after-update").toRepresentation().getAttributes())
                    .containsEntry("supportAccess.setupVersion", SetupVersion.CURRENT);
        }
        server.stop();
        assertThat(indexes()).contains("IDX_SA_KC_ROLE_CLIENT_NAME", "IDX_SA_KC_ROLE_REALM_ID");
        assertThat(changeSets()).containsExactlyInAnyOrderElementsOf(applied);
    }

    private static Connection h2() throws SQLException {
        // Keycloak's dev-file database has no user name and no password
        return DriverManager.getConnection(server.h2Url(), "", "");
    }

    private static List<String> changeSets() throws SQLException {
        return strings("SELECT ID FROM " + TABLE + " ORDER BY ORDEREXECUTED");
    }

    private static List<String> indexes() throws SQLException {
        return strings("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'KEYCLOAK_ROLE'");
    }

    private static List<String> strings(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection db = h2(); Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static String log(Path file) throws IOException {
        return Files.readString(file);
    }
}

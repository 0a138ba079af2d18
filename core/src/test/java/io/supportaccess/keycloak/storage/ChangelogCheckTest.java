package io.supportaccess.keycloak.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportaccess.keycloak.storage.ChangelogCheck.ChangeSet;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.SAXParserFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

class ChangelogCheckTest {

    private static final String TABLE = "DATABASECHANGELOG_SUPPORT_AC";

    /** Start-up trusts LAST_CHANGE_SET to be the changelog's last: a change set added without updating it would never run. */
    @Test
    void theLastChangeSetTheCheckLooksForIsTheChangelogsLast() throws Exception {
        List<ChangeSet> changeSets = changeSets(SupportAccessJpaEntityProviderFactory.CHANGELOG);

        assertThat(changeSets).hasSizeGreaterThanOrEqualTo(15).doesNotHaveDuplicates();
        assertThat(changeSets.get(changeSets.size() - 1))
                .as("a new change set: make it SupportAccessJpaEntityProviderFactory.LAST_CHANGE_SET")
                .isEqualTo(SupportAccessJpaEntityProviderFactory.LAST_CHANGE_SET);
    }

    @Test
    void appliedOnlyWhenTheTableRecordsTheLastChangeSetWithItsAuthorAndFile() throws Exception {
        List<ChangeSet> listed = changeSets(SupportAccessJpaEntityProviderFactory.CHANGELOG);
        ChangeSet last = listed.get(listed.size() - 1);
        try (Connection db = DriverManager.getConnection("jdbc:h2:mem:changelog-check;DB_CLOSE_DELAY=-1")) {
            // a new database: no table at all
            assertThatThrownBy(() -> ChangelogCheck.isRecorded(db, null, TABLE, last)).isInstanceOf(SQLException.class);

            db.createStatement().execute("CREATE TABLE " + TABLE + " (ID VARCHAR(255), AUTHOR VARCHAR(255), FILENAME VARCHAR(255))");
            for (ChangeSet changeSet : listed.subList(0, listed.size() - 1)) {
                record(db, changeSet);
            }
            // one release behind
            assertThat(ChangelogCheck.isRecorded(db, null, TABLE, last)).isFalse();
            // the same id from another file, or by another author, is another change set
            record(db, new ChangeSet(last.id(), last.author(), "META-INF/elsewhere.xml"));
            record(db, new ChangeSet(last.id(), "someone-else", last.file()));
            assertThat(ChangelogCheck.isRecorded(db, null, TABLE, last)).isFalse();

            record(db, last);
            assertThat(ChangelogCheck.isRecorded(db, null, TABLE, last)).isTrue();
            assertThat(ChangelogCheck.isRecorded(db, "PUBLIC", TABLE, last)).isTrue();
        }
    }

    private static void record(Connection db, ChangeSet changeSet) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO " + TABLE + " VALUES (?, ?, ?)")) {
            insert.setString(1, changeSet.id());
            insert.setString(2, changeSet.author());
            insert.setString(3, changeSet.file());
            insert.execute();
        }
    }

    /** The change sets of {@code changelog} and the files it includes, in the order Liquibase runs them. */
    private static List<ChangeSet> changeSets(String changelog) throws Exception {
        List<ChangeSet> changeSets = new ArrayList<>();
        List<String> includes = new ArrayList<>();
        try (InputStream in = ChangelogCheckTest.class.getClassLoader().getResourceAsStream(changelog)) {
            assertThat(in).as(changelog).isNotNull();
            SAXParserFactory.newInstance().newSAXParser().parse(in, new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    assertThat(qName).as("only plain includes are followed here").isNotEqualTo("includeAll");
                    if (qName.equals("include")) {
                        assertThat(attributes.getValue("relativeToChangelogFile")).as("only plain includes are followed here").isNull();
                        includes.add(attributes.getValue("file"));
                    } else if (qName.equals("changeSet")) {
                        changeSets.add(new ChangeSet(attributes.getValue("id"), attributes.getValue("author"), changelog));
                    }
                }
            });
        }
        for (String include : includes) {
            changeSets.addAll(changeSets(include));
        }
        return changeSets;
    }
}

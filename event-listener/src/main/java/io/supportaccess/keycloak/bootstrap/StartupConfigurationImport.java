package io.supportaccess.keycloak.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.configcode.ConfigurationDocument;
import io.supportaccess.keycloak.configcode.ConfigurationImport;
import io.supportaccess.keycloak.configcode.ImportReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * At start-up, after Keycloak imported its realm files and the realms were prepared: every
 * {@code <realm>-support-access.json} of the import directory (by default {@code data/import/support-access},
 * beside the realm files that {@code --import-realm} reads) is merged into its realm, each in a
 * transaction of its own, by one node of the cluster. Not {@code data/import} itself: Keycloak reads every
 * {@code *.json} file there as a realm file and refuses to start on one of ours; it does not read subdirectories. Importing is idempotent, so a file read at
 * every start changes its realm once. A file that fails is logged with its realm; the server starts.
 */
final class StartupConfigurationImport {

    static final String SUFFIX = "-support-access.json";
    static final String WHO = "start-up import";
    private static final String TASK_KEY = "support-access-configuration-import";
    private static final Logger LOG = Logger.getLogger(StartupConfigurationImport.class);

    private final Path directory;

    StartupConfigurationImport(Path directory) {
        this.directory = directory;
    }

    /** {@code configured}, or {@code data/import/support-access} under the server's home. */
    static Path directory(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip());
        }
        String home = System.getProperty("kc.home.dir");
        return home == null ? null : Path.of(home, "data", "import", "support-access");
    }

    void run(KeycloakSessionFactory factory) {
        if (directory == null || !Files.isDirectory(directory)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            LOG.errorf(e, "Support access configuration: cannot list %s", directory);
            return;
        }
        if (files.isEmpty()) {
            return;
        }
        try (KeycloakSession session = factory.create()) {
            session.getProvider(ClusterProvider.class).executeIfNotExecuted(TASK_KEY, 300 + files.size(), () -> {
                files.forEach(file -> importFile(factory, file));
                return null;
            });
        }
    }

    private void importFile(KeycloakSessionFactory factory, Path file) {
        String name = file.getFileName().toString();
        String realmName = name.substring(0, name.length() - SUFFIX.length());
        try {
            if (Files.size(file) > ConfigurationDocument.MAX_CHARS) {
                throw new IllegalArgumentException("larger than " + ConfigurationDocument.MAX_CHARS + " bytes");
            }
            JsonNode document = ConfigurationDocument.JSON.readTree(file.toFile());
            ImportReport report = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                RealmModel realm = session.realms().getRealmByName(realmName);
                if (realm == null) {
                    throw new IllegalArgumentException("no realm '" + realmName + "' on this server");
                }
                // as in a request: Keycloak's user and organization lookups read the realm from the context
                session.getContext().setRealm(realm);
                return new ConfigurationImport(session).run(realm, document, ConfigurationImport.Mode.MERGE, false, null, WHO);
            });
            LOG.infof("Support access configuration of realm '%s' imported from %s: %d created, %d updated, %d removed, %d unchanged",
                    realmName, name, report.created().size(), report.updated().size(), report.removed().size(), report.unchanged());
        } catch (IOException | RuntimeException e) {
            LOG.errorf("Support access configuration of realm '%s' not imported from %s: %s", realmName, name, e.getMessage());
        }
    }
}

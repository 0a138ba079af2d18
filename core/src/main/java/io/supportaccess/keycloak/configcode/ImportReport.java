package io.supportaccess.keycloak.configcode;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import changed, or would change (a dry run): each entry names what it is about
 * ({@code object region}, {@code role Reader}, {@code assignment smith on region}, {@code hierarchy of smith},
 * {@code setting validityLimitHours}); {@code unchanged} counts the document's entries the realm already had.
 */
public record ImportReport(String realm, String mode, boolean dryRun, List<String> created, List<String> updated, List<String> removed,
                           int unchanged, List<String> ignored) {

    static ImportReport start(String realm, String mode, boolean dryRun) {
        return new ImportReport(realm, mode, dryRun, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), 0, new ArrayList<>());
    }

    ImportReport withUnchanged(int count) {
        return new ImportReport(realm, mode, dryRun, created, updated, removed, count, ignored);
    }

    public boolean changesSomething() {
        return !created.isEmpty() || !updated.isEmpty() || !removed.isEmpty();
    }
}

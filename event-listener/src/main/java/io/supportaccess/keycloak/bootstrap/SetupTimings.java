package io.supportaccess.keycloak.bootstrap;

import java.util.StringJoiner;
import org.jboss.logging.Logger;

/** With debug logging of the bootstrap: how long each step of a realm's set-up took, in one line per realm. */
final class SetupTimings {

    private final Logger log;
    private final StringJoiner steps = new StringJoiner(", ");
    private final long started = System.nanoTime();
    private long last = started;

    private SetupTimings(Logger log) {
        this.log = log;
    }

    static SetupTimings start(Logger log) {
        return new SetupTimings(log);
    }

    void step(String name) {
        if (log.isDebugEnabled()) {
            long now = System.nanoTime();
            steps.add(String.format("%s %.1f ms", name, (now - last) / 1e6));
            last = now;
        }
    }

    void done(String realmName) {
        if (log.isDebugEnabled()) {
            log.debugf("Realm '%s' set up in %.1f ms: %s", realmName, (System.nanoTime() - started) / 1e6, steps);
        }
    }
}

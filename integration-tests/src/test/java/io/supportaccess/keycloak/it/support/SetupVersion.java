package io.supportaccess.keycloak.it.support;

/** The realm set-up version the server under test writes (RealmLifecycle.SETUP_VERSION): one place for every test. */
public final class SetupVersion {

    /** 5 since the catalogue's Shared User Manager holds User management CREATE only. */
    public static final String CURRENT = "5";

    private SetupVersion() {
    }
}

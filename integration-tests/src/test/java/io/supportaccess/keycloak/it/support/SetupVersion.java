package io.supportaccess.keycloak.it.support;

/** The realm set-up version the server under test writes (RealmLifecycle.SETUP_VERSION): one place for every test. */
public final class SetupVersion {

    /** 3 since ROLE_AUDIT_READ includes view-events and realms get the permission catalogue. */
    public static final String CURRENT = "4";

    private SetupVersion() {
    }
}

package io.supportaccess.keycloak;

/**
 * Names shared by every module: server-wide configuration, realm attributes, session notes and
 * event details. Realm attributes all start with {@link #REALM_ATTRIBUTE_PREFIX}.
 */
public final class SupportAccess {

    public static final String PROVIDER_PREFIX = "support-access";
    public static final String DEFAULT_MANAGEMENT_REALM = "management";
    public static final String MASTER_REALM = "master";

    public static final String REALM_ATTRIBUTE_PREFIX = "supportAccess.";

    /** Auth session note: id of the support user once the support login has been granted. */
    public static final String NOTE_SUPPORT_USER_ID = "support-access.support-user-id";
    /** Auth session notes while the support user's second factor is awaited. */
    public static final String NOTE_PENDING_SUPPORT_USER_ID = "support-access.pending.support-user-id";
    public static final String NOTE_PENDING_USERNAME = "support-access.pending.username";

    /** User session notes (copied from the auth session), read by the {@code act} claim mapper. */
    public static final String SESSION_SUPPORT_USER_ID = "SUPPORT_USER_ID";
    public static final String SESSION_SUPPORT_USERNAME = "SUPPORT_USERNAME";
    public static final String SESSION_SUPPORT_REALM = "SUPPORT_USER_REALM";
    public static final String SESSION_WHO = "SUPPORT_WHO";

    /** Event details on login events of support logins. */
    public static final String DETAIL_SUPPORT_USER = "support_user";
    public static final String DETAIL_SUPPORT_USER_ID = "support_user_id";
    public static final String DETAIL_SUPPORT_REALM = "support_realm";
    public static final String DETAIL_WHO = "who";
    public static final String DETAIL_SUPPORT_REFUSAL = "support_refusal";

    private static volatile String managementRealmName = DEFAULT_MANAGEMENT_REALM;
    private static volatile boolean testingClockEnabled;

    private SupportAccess() {
    }

    /** The management realm's name, set once from the server option at start-up. */
    public static String managementRealmName() {
        return managementRealmName;
    }

    public static void configureManagementRealmName(String name) {
        if (name != null && !name.isBlank()) {
            managementRealmName = name.trim();
        }
    }

    /** Test-only server option: lets master realm administrators move Keycloak's clock through the REST API. */
    public static boolean testingClockEnabled() {
        return testingClockEnabled;
    }

    public static void configureTestingClock(boolean enabled) {
        testingClockEnabled = enabled;
    }

    /** True for realms whose users can be supported: every realm but master and the management realm. */
    public static boolean isTenantRealmName(String realmName) {
        return realmName != null && !MASTER_REALM.equals(realmName) && !managementRealmName().equals(realmName);
    }
}

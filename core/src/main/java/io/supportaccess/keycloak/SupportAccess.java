package io.supportaccess.keycloak;

/**
 * Names shared by every module: realm attributes, session notes and
 * event details. Realm attributes all start with {@link #REALM_ATTRIBUTE_PREFIX}.
 */
public final class SupportAccess {

    public static final String PROVIDER_PREFIX = "support-access";
    public static final String MASTER_REALM = "master";

    public static final String REALM_ATTRIBUTE_PREFIX = "supportAccess.";

    /** Auth session note: id of the support user once the support login has been granted. */
    public static final String NOTE_SUPPORT_USER_ID = "support-access.support-user-id";
    /** Auth session notes while the support user's second factor is awaited. */
    public static final String NOTE_PENDING_SUPPORT_USER_ID = "support-access.pending.support-user-id";
    public static final String NOTE_PENDING_USERNAME = "support-access.pending.username";
    /** Auth session note while the reason for a support access is awaited: id of the authenticated support user. */
    public static final String NOTE_REASON_PENDING_SUPPORT_USER_ID = "support-access.reason-pending.support-user-id";
    /** A support user refused because the tenant is closed, who may ask its approvers for access on the login page. */
    public static final String NOTE_ASK_SUPPORT_USER_ID = "support-access.ask.support-user-id";

    /** User session notes (copied from the auth session), read by the {@code act} claim mapper. */
    public static final String SESSION_SUPPORT_USER_ID = "SUPPORT_USER_ID";
    public static final String SESSION_SUPPORT_USERNAME = "SUPPORT_USERNAME";
    public static final String SESSION_SUPPORT_REALM = "SUPPORT_USER_REALM";
    public static final String SESSION_WHO = "SUPPORT_WHO";
    /** User session note: the {@link io.supportaccess.keycloak.settings.SupportMode} granted at login ({@code FULL}, {@code READ_ONLY}). */
    public static final String SESSION_SUPPORT_MODE = "SUPPORT_MODE";
    /** User session notes of the support access: the reason given, and what opened the tenant at login. */
    public static final String SESSION_SUPPORT_REASON = "SUPPORT_REASON";
    public static final String SESSION_OPENED_BY = "SUPPORT_OPENED_BY";
    public static final String SESSION_OPEN_UNTIL = "SUPPORT_OPEN_UNTIL";

    /** Event details on login events of support logins. */
    public static final String DETAIL_SUPPORT_USER = "support_user";
    public static final String DETAIL_SUPPORT_USER_ID = "support_user_id";
    public static final String DETAIL_SUPPORT_REALM = "support_realm";
    public static final String DETAIL_WHO = "who";
    public static final String DETAIL_SUPPORT_REFUSAL = "support_refusal";
    public static final String DETAIL_SUPPORT_REASON = "support_reason";
    public static final String DETAIL_OPENED_BY = "support_opened_by";

    private SupportAccess() {
    }
}

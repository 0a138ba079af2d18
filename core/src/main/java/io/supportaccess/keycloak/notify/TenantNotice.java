package io.supportaccess.keycloak.notify;

/**
 * What a tenant's administrators are told: a support session started, or the tenant's support
 * requests changed. {@code reason} is the support user's reason or ticket reference for the access,
 * empty when none was given (see {@link TenantNotices#REASON_SESSION_NOTE}).
 *
 * @param realmId       the tenant realm's id
 * @param who           the support user (session) or the user who changed the requests ({@code system} for expiry)
 * @param asWhom        the tenant user the support user works as; null for request notices
 * @param time          epoch milliseconds
 * @param openUntil     epoch milliseconds until which requests keep the tenant open after the change; null when none does
 * @param throttleKey   notices with the same key are sent at most once per {@link TenantNotices#SESSION_NOTICE_INTERVAL_SECONDS}; null: always
 */
public record TenantNotice(Kind kind, String realmId, String who, String asWhom, long time, String reason, Long openUntil,
                           String throttleKey, Access access) {

    /**
     * What an access request notice adds: the tenant it is about (the mail may go out through the
     * management realm), the one recipient (null: the tenant's approvers), the approver's comment.
     */
    public record Access(String tenantName, String recipientUserId, String comment) {
    }

    public TenantNotice(Kind kind, String realmId, String who, String asWhom, long time, String reason, Long openUntil, String throttleKey) {
        this(kind, realmId, who, asWhom, time, reason, openUntil, throttleKey, null);
    }

    /** Each kind has its template and message keys ({@code supportAccessNotice<Kind>Subject}, {@code ...Body}). */
    public enum Kind {
        SESSION_STARTED("support-access-session-notice.ftl", "SessionStarted"),
        REQUEST_ENABLED("support-access-request-notice.ftl", "RequestEnabled"),
        REQUEST_PROLONGED("support-access-request-notice.ftl", "RequestProlonged"),
        REQUEST_DISABLED("support-access-request-notice.ftl", "RequestDisabled"),
        REQUEST_EXPIRED("support-access-request-notice.ftl", "RequestExpired"),
        ACCESS_REQUESTED("support-access-approval-notice.ftl", "AccessRequested"),
        ACCESS_APPROVED("support-access-decision-notice.ftl", "AccessApproved"),
        ACCESS_DENIED("support-access-decision-notice.ftl", "AccessDenied");

        private final String template;
        private final String messageStem;

        Kind(String template, String messageStem) {
            this.template = template;
            this.messageStem = messageStem;
        }

        public String template() {
            return template;
        }

        public String subjectKey() {
            return "supportAccessNotice" + messageStem + "Subject";
        }

        public String bodyKey() {
            return "supportAccessNotice" + messageStem + "Body";
        }
    }

    public TenantNotice {
        reason = reason == null ? "" : reason;
    }

    /** A support login: throttled per tenant, support user and target. */
    public static TenantNotice sessionStarted(String realmId, String supportUserId, String supportUsername, String targetUserId,
                                              String targetUsername, long time, String reason) {
        return new TenantNotice(Kind.SESSION_STARTED, realmId, supportUsername, targetUsername, time, reason, null,
                "support-access-notice:" + realmId + ":" + supportUserId + ":" + targetUserId);
    }

    /** To the tenant's approvers: {@code supportUser} asks for access as {@code target} (null: any user) until they decide. */
    public static TenantNotice accessRequested(String realmId, String tenantName, String supportUser, String target, long time,
                                               String reason, long pendingUntil) {
        return new TenantNotice(Kind.ACCESS_REQUESTED, realmId, supportUser, target, time, reason, pendingUntil, null,
                new Access(tenantName, null, null));
    }

    /** To the support user, through the management realm: {@code approver} approved (until {@code approvedUntil}) or denied. */
    public static TenantNotice accessDecided(boolean approved, String managementRealmId, String tenantName, String supportUserId,
                                             String approver, String target, long time, String reason, Long approvedUntil, String comment) {
        return new TenantNotice(approved ? Kind.ACCESS_APPROVED : Kind.ACCESS_DENIED, managementRealmId, approver, target, time, reason,
                approvedUntil, null, new Access(tenantName, supportUserId, comment));
    }

    public static TenantNotice requests(Kind kind, String realmId, String who, long time, Long openUntil) {
        return new TenantNotice(kind, realmId, who, null, time, null, openUntil, null);
    }
}

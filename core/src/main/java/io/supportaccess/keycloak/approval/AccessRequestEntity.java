package io.supportaccess.keycloak.approval;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A support user's request for access to one tenant (issue 20), and its decision. Times are epoch
 * milliseconds of Keycloak's clock. An APPROVED request opens the tenant for that support user only,
 * for its target user (null: any user), until {@code approvedUntil}.
 */
@Entity
@Table(name = "SA_ACCESS_REQUEST")
@NamedQueries({
        @NamedQuery(name = "accessRequest.ofSupportUser",
                query = "select r from AccessRequestEntity r where r.supportUserId = :supportUserId order by r.requestedAt desc, r.id"),
        @NamedQuery(name = "accessRequest.byRealm",
                query = "select r from AccessRequestEntity r where r.realmId = :realmId order by r.requestedAt desc, r.id"),
        @NamedQuery(name = "accessRequest.byRealmAndStatus",
                query = "select r from AccessRequestEntity r where r.realmId = :realmId and r.status = :status order by r.requestedAt desc, r.id"),
        @NamedQuery(name = "accessRequest.approvedFor",
                query = "select r from AccessRequestEntity r where r.realmId = :realmId and r.supportUserId = :supportUserId"
                        + " and r.status = 'APPROVED' and r.approvedUntil > :now order by r.approvedUntil desc, r.id"),
        @NamedQuery(name = "accessRequest.ofSupportUserInRealm",
                query = "select r from AccessRequestEntity r where r.realmId = :realmId and r.supportUserId = :supportUserId"
                        + " order by r.requestedAt desc, r.id"),
        @NamedQuery(name = "accessRequest.pendingOf",
                query = "select r from AccessRequestEntity r where r.realmId = :realmId and r.supportUserId = :supportUserId"
                        + " and r.status = 'PENDING' and r.pendingUntil > :now order by r.requestedAt desc, r.id"),
        @NamedQuery(name = "accessRequest.countPendingInRealm",
                query = "select count(r) from AccessRequestEntity r where r.realmId = :realmId and r.status = 'PENDING' and r.pendingUntil > :now"),
        @NamedQuery(name = "accessRequest.countApprovedInRealm",
                query = "select count(r) from AccessRequestEntity r where r.realmId = :realmId and r.status = 'APPROVED' and r.approvedUntil > :now"),
        @NamedQuery(name = "accessRequest.dueRealms",
                query = "select distinct r.realmId from AccessRequestEntity r where (r.status = 'PENDING' and r.pendingUntil <= :now)"
                        + " or (r.status = 'APPROVED' and r.approvedUntil <= :now)"),
        @NamedQuery(name = "accessRequest.dueInRealm",
                query = "select r from AccessRequestEntity r where r.realmId = :realmId and ((r.status = 'PENDING' and r.pendingUntil <= :now)"
                        + " or (r.status = 'APPROVED' and r.approvedUntil <= :now)) order by r.requestedAt"),
        @NamedQuery(name = "accessRequest.deleteByRealm",
                query = "delete from AccessRequestEntity r where r.realmId = :realmId")
})
public class AccessRequestEntity {

    public enum Status { PENDING, APPROVED, DENIED, EXPIRED, WITHDRAWN }

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "REALM_NAME", length = 255, nullable = false)
    private String realmName;

    @Column(name = "SUPPORT_USER_ID", length = 36, nullable = false)
    private String supportUserId;

    @Column(name = "SUPPORT_USERNAME", length = 255, nullable = false)
    private String supportUsername;

    /** Null: any user of the tenant. */
    @Column(name = "TARGET_USERNAME", length = 255)
    private String targetUsername;

    @Column(name = "REASON", length = 400, nullable = false)
    private String reason;

    @Column(name = "HOURS_REQUESTED", nullable = false)
    private int hoursRequested;

    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "REQUESTED_AT", nullable = false)
    private long requestedAt;

    @Column(name = "PENDING_UNTIL", nullable = false)
    private long pendingUntil;

    @Column(name = "DECIDED_AT")
    private Long decidedAt;

    @Column(name = "DECIDED_BY", length = 255)
    private String decidedBy;

    @Column(name = "DECISION_COMMENT", length = 500)
    private String comment;

    @Column(name = "APPROVED_UNTIL")
    private Long approvedUntil;

    /** When the request ended otherwise than by a decision: expiry, withdrawal. */
    @Column(name = "ENDED_AT")
    private Long endedAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getRealmName() { return realmName; }
    public void setRealmName(String realmName) { this.realmName = realmName; }
    public String getSupportUserId() { return supportUserId; }
    public void setSupportUserId(String supportUserId) { this.supportUserId = supportUserId; }
    public String getSupportUsername() { return supportUsername; }
    public void setSupportUsername(String supportUsername) { this.supportUsername = supportUsername; }
    public String getTargetUsername() { return targetUsername; }
    public void setTargetUsername(String targetUsername) { this.targetUsername = targetUsername; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public int getHoursRequested() { return hoursRequested; }
    public void setHoursRequested(int hoursRequested) { this.hoursRequested = hoursRequested; }
    public Status getStatus() { return Status.valueOf(status); }
    public void setStatus(Status status) { this.status = status.name(); }
    public long getRequestedAt() { return requestedAt; }
    public void setRequestedAt(long requestedAt) { this.requestedAt = requestedAt; }
    public long getPendingUntil() { return pendingUntil; }
    public void setPendingUntil(long pendingUntil) { this.pendingUntil = pendingUntil; }
    public Long getDecidedAt() { return decidedAt; }
    public void setDecidedAt(Long decidedAt) { this.decidedAt = decidedAt; }
    public String getDecidedBy() { return decidedBy; }
    public void setDecidedBy(String decidedBy) { this.decidedBy = decidedBy; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
    public Long getApprovedUntil() { return approvedUntil; }
    public void setApprovedUntil(Long approvedUntil) { this.approvedUntil = approvedUntil; }
    public Long getEndedAt() { return endedAt; }
    public void setEndedAt(Long endedAt) { this.endedAt = endedAt; }

    /** Whether this approved request lets {@code targetUsername} be entered (a request without target covers any user). */
    public boolean covers(String target) {
        return targetUsername == null || targetUsername.equals(target);
    }
}

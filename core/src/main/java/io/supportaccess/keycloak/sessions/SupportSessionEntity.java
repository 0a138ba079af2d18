package io.supportaccess.keycloak.sessions;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One support login and the user session it created in the tenant realm: live while
 * {@code endedAt} is null. Kept so that withdrawal, expiry and lifetime checks read the few live
 * support sessions instead of every session of every realm.
 */
@Entity
@Table(name = "SA_SUPPORT_SESSION")
@NamedQueries({
        @NamedQuery(name = "supportSession.live",
                query = "select s from SupportSessionEntity s where s.endedAt is null order by s.startedAt"),
        @NamedQuery(name = "supportSession.liveByRealm",
                query = "select s from SupportSessionEntity s where s.endedAt is null and s.realmId = :realmId order by s.startedAt"),
        @NamedQuery(name = "supportSession.liveBySupportUser",
                query = "select s from SupportSessionEntity s where s.endedAt is null and s.supportUserId = :supportUserId order by s.startedAt"),
        @NamedQuery(name = "supportSession.liveByUserSession",
                query = "select s from SupportSessionEntity s where s.endedAt is null and s.userSessionId = :userSessionId and s.realmId = :realmId"),
        @NamedQuery(name = "supportSession.deleteByRealm",
                query = "delete from SupportSessionEntity s where s.realmId = :realmId")
})
public class SupportSessionEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "USER_SESSION_ID", length = 36, nullable = false)
    private String userSessionId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "REALM_NAME", nullable = false)
    private String realmName;

    @Column(name = "SUPPORT_USER_ID", length = 36, nullable = false)
    private String supportUserId;

    @Column(name = "SUPPORT_USERNAME", nullable = false)
    private String supportUsername;

    @Column(name = "TARGET_USER_ID", length = 36, nullable = false)
    private String targetUserId;

    @Column(name = "TARGET_USERNAME", nullable = false)
    private String targetUsername;

    @Column(name = "CLIENT_ID")
    private String clientId;

    /** {@code platform} or {@code request:<id>}: what opened the tenant at login. */
    @Column(name = "OPENED_BY", length = 64, nullable = false)
    private String openedBy;

    /** The reason or ticket reference given for the access; null when none was asked for or given. */
    @Column(name = "REASON", length = 400)
    private String reason;

    @Column(name = "STARTED_AT", nullable = false)
    private long startedAt;

    @Column(name = "ENDED_AT")
    private Long endedAt;

    @Column(name = "END_REASON", length = 32)
    private String endReason;

    @Column(name = "ENDED_BY")
    private String endedBy;

    public String who() {
        return supportUsername + "$" + targetUsername;
    }

    public boolean isLive() {
        return endedAt == null;
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getUserSessionId() { return userSessionId; }
    public void setUserSessionId(String userSessionId) { this.userSessionId = userSessionId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getRealmName() { return realmName; }
    public void setRealmName(String realmName) { this.realmName = realmName; }
    public String getSupportUserId() { return supportUserId; }
    public void setSupportUserId(String supportUserId) { this.supportUserId = supportUserId; }
    public String getSupportUsername() { return supportUsername; }
    public void setSupportUsername(String supportUsername) { this.supportUsername = supportUsername; }
    public String getTargetUserId() { return targetUserId; }
    public void setTargetUserId(String targetUserId) { this.targetUserId = targetUserId; }
    public String getTargetUsername() { return targetUsername; }
    public void setTargetUsername(String targetUsername) { this.targetUsername = targetUsername; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getOpenedBy() { return openedBy; }
    public void setOpenedBy(String openedBy) { this.openedBy = openedBy; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public long getStartedAt() { return startedAt; }
    public void setStartedAt(long startedAt) { this.startedAt = startedAt; }
    public Long getEndedAt() { return endedAt; }
    public void setEndedAt(Long endedAt) { this.endedAt = endedAt; }
    public String getEndReason() { return endReason; }
    public void setEndReason(String endReason) { this.endReason = endReason; }
    public String getEndedBy() { return endedBy; }
    public void setEndedBy(String endedBy) { this.endedBy = endedBy; }
}

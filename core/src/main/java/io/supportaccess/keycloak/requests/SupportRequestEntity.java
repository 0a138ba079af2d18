package io.supportaccess.keycloak.requests;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One "Enable support" by one tenant user. The tenant is open while any ACTIVE request is unexpired. */
@Entity
@Table(name = "SA_SUPPORT_REQUEST")
@NamedQueries({
        @NamedQuery(name = "supportRequest.activeByRealm",
                query = "select r from SupportRequestEntity r where r.realmId = :realmId and r.status = 'ACTIVE' and r.expiresAt > :now order by r.createdAt"),
        @NamedQuery(name = "supportRequest.activeByRealmAndUser",
                query = "select r from SupportRequestEntity r where r.realmId = :realmId and r.userId = :userId and r.status = 'ACTIVE' and r.expiresAt > :now"),
        @NamedQuery(name = "supportRequest.dueRealms",
                query = "select distinct r.realmId from SupportRequestEntity r where r.status = 'ACTIVE' and r.expiresAt <= :now"),
        @NamedQuery(name = "supportRequest.dueInRealm",
                query = "select r from SupportRequestEntity r where r.realmId = :realmId and r.status = 'ACTIVE' and r.expiresAt <= :now order by r.expiresAt"),
        @NamedQuery(name = "supportRequest.createdSinceByUser",
                query = "select r.createdAt from SupportRequestEntity r where r.realmId = :realmId and r.userId = :userId and r.createdAt > :since order by r.createdAt"),
        @NamedQuery(name = "supportRequest.deleteByRealm",
                query = "delete from SupportRequestEntity r where r.realmId = :realmId")
})
public class SupportRequestEntity {

    public enum Status { ACTIVE, DISABLED, EXPIRED }

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "USERNAME", length = 255, nullable = false)
    private String username;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "ENDED_AT")
    private Long endedAt;

    /** {@code READ_ONLY}, or {@code FULL}; null on rows from before modes existed (full). */
    @Column(name = "MODE", length = 16)
    private String mode;

    @Column(name = "ENDED_BY", length = 255)
    private String endedBy;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(long expiresAt) {
        this.expiresAt = expiresAt;
    }

    public Status getStatus() {
        return Status.valueOf(status);
    }

    public void setStatus(Status status) {
        this.status = status.name();
    }

    public Long getEndedAt() {
        return endedAt;
    }

    public void setEndedAt(Long endedAt) {
        this.endedAt = endedAt;
    }

    public String getEndedBy() {
        return endedBy;
    }

    public void setEndedBy(String endedBy) {
        this.endedBy = endedBy;
    }

    public io.supportaccess.keycloak.settings.SupportMode getMode() {
        return io.supportaccess.keycloak.settings.SupportMode.stored(mode);
    }

    public void setMode(io.supportaccess.keycloak.settings.SupportMode mode) {
        this.mode = mode.name();
    }
}

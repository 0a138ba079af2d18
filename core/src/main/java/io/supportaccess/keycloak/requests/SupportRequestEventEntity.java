package io.supportaccess.keycloak.requests;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** What happened to a tenant's support requests, by whom and when (read by the audit log). */
@Entity
@Table(name = "SA_SUPPORT_REQUEST_EVENT")
@NamedQueries({
        @NamedQuery(name = "supportRequestEvent.byRealm",
                query = "select e from SupportRequestEventEntity e where e.realmId = :realmId order by e.time desc, e.id"),
        @NamedQuery(name = "supportRequestEvent.deleteByRealm",
                query = "delete from SupportRequestEventEntity e where e.realmId = :realmId")
})
public class SupportRequestEventEntity {

    public enum Type { ENABLED, PROLONGED, DISABLED_BY_USER, DISABLED_BY_ADMIN, EXPIRED }

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "REQUEST_ID", length = 36)
    private String requestId;

    @Column(name = "TYPE", length = 32, nullable = false)
    private String type;

    /** Username of the actor; "system" for expiry. */
    @Column(name = "WHO", length = 255, nullable = false)
    private String who;

    @Column(name = "TIME", nullable = false)
    private long time;

    /** The tenant's support expiry after the change (null: closed by requests). */
    @Column(name = "TENANT_EXPIRES_AT")
    private Long tenantExpiresAt;

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

    public String getRequestId() {
        return requestId;
    }

    public void setRequestId(String requestId) {
        this.requestId = requestId;
    }

    public Type getType() {
        return Type.valueOf(type);
    }

    public void setType(Type type) {
        this.type = type.name();
    }

    public String getWho() {
        return who;
    }

    public void setWho(String who) {
        this.who = who;
    }

    public long getTime() {
        return time;
    }

    public void setTime(long time) {
        this.time = time;
    }

    public Long getTenantExpiresAt() {
        return tenantExpiresAt;
    }

    public void setTenantExpiresAt(Long tenantExpiresAt) {
        this.tenantExpiresAt = tenantExpiresAt;
    }
}

package io.supportaccess.keycloak.requests;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * Per tenant: until when its support requests keep it open. The row is locked (SELECT ... FOR
 * UPDATE) while requests change, so that simultaneous requests prolong one after the other.
 */
@Entity
@NamedQuery(name = "supportTenant.countNoticeFailures", query = "update SupportTenantEntity t"
        + " set t.noticeFailures = coalesce(t.noticeFailures, 0) + :failed, t.lastNoticeFailureAt = :now where t.realmId = :realmId")
@Table(name = "SA_SUPPORT_TENANT")
public class SupportTenantEntity {

    @Id
    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    /** Epoch milliseconds; null or past when no request keeps the tenant open. */
    @Column(name = "EXPIRES_AT")
    private Long expiresAt;

    /** E-mails to the tenant's administrators that could not be sent (see the notify package); null before the first. */
    @Column(name = "NOTICE_FAILURES")
    private Integer noticeFailures;

    /** Epoch milliseconds of the last failed e-mail, if any. */
    @Column(name = "LAST_NOTICE_FAILURE_AT")
    private Long lastNoticeFailureAt;

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }

    public int getNoticeFailures() {
        return noticeFailures == null ? 0 : noticeFailures;
    }

    public Long getLastNoticeFailureAt() {
        return lastNoticeFailureAt;
    }
}

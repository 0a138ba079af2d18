package io.supportaccess.keycloak.requests;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Per tenant: until when its support requests keep it open. The row is locked (SELECT ... FOR
 * UPDATE) while requests change, so that simultaneous requests prolong one after the other.
 */
@Entity
@Table(name = "SA_SUPPORT_TENANT")
public class SupportTenantEntity {

    @Id
    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    /** Epoch milliseconds; null or past when no request keeps the tenant open. */
    @Column(name = "EXPIRES_AT")
    private Long expiresAt;

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
}

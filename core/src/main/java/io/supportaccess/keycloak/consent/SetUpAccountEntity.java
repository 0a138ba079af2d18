package io.supportaccess.keycloak.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A tenant account (or, with no user id, the tenant's login configuration: flows, identity
 * providers, user federation, keys, realm settings) whose login (the account itself, its password, e-mail, credentials or identity
 * links) was set by somebody who cannot give the tenant's consent: a support session, an
 * impersonated session, or an account already marked. Kept in the extension's own table, not in a
 * user attribute, because a tenant administrator (and so a support session working as one) can
 * change every user attribute through the admin API and would erase the mark.
 */
@Entity
@Table(name = "SA_SET_UP_USER")
@NamedQueries({
        @NamedQuery(name = "setUpAccount.byUser",
                query = "select a from SetUpAccountEntity a where a.realmId = :realmId and a.userId = :userId order by a.markedAt"),
        @NamedQuery(name = "setUpAccount.loginConfiguration",
                query = "select a from SetUpAccountEntity a where a.realmId = :realmId and a.userId is null order by a.markedAt"),
        @NamedQuery(name = "setUpAccount.byRealm",
                query = "select a from SetUpAccountEntity a where a.realmId = :realmId order by a.markedAt"),
        @NamedQuery(name = "setUpAccount.deleteLoginConfiguration",
                query = "delete from SetUpAccountEntity a where a.realmId = :realmId and a.userId is null"),
        @NamedQuery(name = "setUpAccount.deleteByUser",
                query = "delete from SetUpAccountEntity a where a.realmId = :realmId and a.userId = :userId"),
        @NamedQuery(name = "setUpAccount.deleteByRealm",
                query = "delete from SetUpAccountEntity a where a.realmId = :realmId")
})
public class SetUpAccountEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 36)
    private String userId;

    @Column(name = "MARKED_AT", nullable = false)
    private long markedAt;

    @Column(name = "MARKED_BY", length = 255, nullable = false)
    private String markedBy;

    @Column(name = "CAUSE", length = 255, nullable = false)
    private String cause;

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

    public long getMarkedAt() {
        return markedAt;
    }

    public void setMarkedAt(long markedAt) {
        this.markedAt = markedAt;
    }

    public String getMarkedBy() {
        return markedBy;
    }

    public void setMarkedBy(String markedBy) {
        this.markedBy = markedBy;
    }

    public String getCause() {
        return cause;
    }

    public void setCause(String cause) {
        this.cause = cause;
    }
}

package io.supportaccess.keycloak.hierarchy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A user's place in the realm's user hierarchy: their owner and who delegated to them; no row when neither is set. */
@Entity
@Table(name = "SA_USER_HIERARCHY")
@NamedQueries({
        @NamedQuery(name = "hierarchy.byUsers", query = "select h from UserHierarchyEntity h where h.realmId = :realmId and h.userId in :userIds"),
        @NamedQuery(name = "hierarchy.subUsers", query = "select h.userId from UserHierarchyEntity h"
                + " where h.realmId = :realmId and h.ownerId = :ownerId"),
        @NamedQuery(name = "hierarchy.subUsersOfAny", query = "select h.userId from UserHierarchyEntity h"
                + " where h.realmId = :realmId and h.ownerId in :ownerIds"),
        @NamedQuery(name = "hierarchy.countSubUsers", query = "select h.ownerId, count(h) from UserHierarchyEntity h"
                + " where h.realmId = :realmId and h.ownerId in :ownerIds group by h.ownerId"),
        @NamedQuery(name = "hierarchy.delegatedBy", query = "select h from UserHierarchyEntity h"
                + " where h.realmId = :realmId and h.delegatedBy = :userId"),
        @NamedQuery(name = "hierarchy.ownedBy", query = "select h from UserHierarchyEntity h"
                + " where h.realmId = :realmId and h.ownerId = :userId"),
        @NamedQuery(name = "hierarchy.deleteByRealm", query = "delete from UserHierarchyEntity h where h.realmId = :realmId")
})
public class UserHierarchyEntity {

    @Id
    @Column(name = "USER_ID", length = 36)
    private String userId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "OWNER_ID", length = 36)
    private String ownerId;

    @Column(name = "DELEGATED_BY", length = 36)
    private String delegatedBy;

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getOwnerId() {
        return ownerId;
    }

    public void setOwnerId(String ownerId) {
        this.ownerId = ownerId;
    }

    public String getDelegatedBy() {
        return delegatedBy;
    }

    public void setDelegatedBy(String delegatedBy) {
        this.delegatedBy = delegatedBy;
    }

    boolean isEmpty() {
        return ownerId == null && delegatedBy == null;
    }
}

package io.supportaccess.keycloak.inventory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** "child is in group parent": a subgroup or a member of a group. An object may be in several groups. */
@Entity
@Table(name = "SA_MO_CHILD")
@NamedQueries({
        @NamedQuery(name = "moChild.parentsOf", query = "select c.parentId from ManagedObjectChildEntity c where c.childId in :ids"),
        @NamedQuery(name = "moChild.parentsOfOne", query = "select c.parentId from ManagedObjectChildEntity c where c.childId = :id"),
        @NamedQuery(name = "moChild.childrenOf",
                query = "select c.childId from ManagedObjectChildEntity c where c.realmId = :realmId and c.parentId = :id"),
        @NamedQuery(name = "moChild.find", query = "select c from ManagedObjectChildEntity c"
                + " where c.realmId = :realmId and c.parentId = :parentId and c.childId = :childId"),
        @NamedQuery(name = "moChild.deleteTouching",
                query = "delete from ManagedObjectChildEntity c where c.realmId = :realmId and (c.parentId = :id or c.childId = :id)"),
        @NamedQuery(name = "moChild.deleteByRealm", query = "delete from ManagedObjectChildEntity c where c.realmId = :realmId")
})
public class ManagedObjectChildEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "PARENT_ID", length = 36, nullable = false)
    private String parentId;

    @Column(name = "CHILD_ID", length = 36, nullable = false)
    private String childId;

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

    public String getParentId() {
        return parentId;
    }

    public void setParentId(String parentId) {
        this.parentId = parentId;
    }

    public String getChildId() {
        return childId;
    }

    public void setChildId(String childId) {
        this.childId = childId;
    }
}

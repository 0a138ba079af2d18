package io.supportaccess.keycloak.inventory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** User U holds inventory role R on group G (and so on G's subgroups and members). */
@Entity
@Table(name = "SA_INVENTORY_ASSIGNMENT")
@NamedQueries({
        @NamedQuery(name = "assignment.roleIdsOfUserOnGroups", query = "select a.roleId from InventoryAssignmentEntity a"
                + " where a.realmId = :realmId and a.userId = :userId and a.groupId in :groupIds"),
        @NamedQuery(name = "assignment.byUser", query = "select new io.supportaccess.keycloak.inventory.Assignment(a.groupId, g.name, a.roleId, r.name)"
                + " from InventoryAssignmentEntity a, ManagedObjectEntity g, InventoryRoleEntity r"
                + " where a.realmId = :realmId and a.userId = :userId and g.id = a.groupId and r.id = a.roleId order by g.name, g.id, r.name"),
        @NamedQuery(name = "assignment.ofUserOnGroups", query = "select new io.supportaccess.keycloak.inventory.Assignment(a.groupId, g.name, a.roleId, r.name)"
                + " from InventoryAssignmentEntity a, ManagedObjectEntity g, InventoryRoleEntity r"
                + " where a.realmId = :realmId and a.userId = :userId and a.groupId in :groupIds and g.id = a.groupId and r.id = a.roleId"),
        @NamedQuery(name = "assignment.byUserAndGroup", query = "select a from InventoryAssignmentEntity a"
                + " where a.realmId = :realmId and a.userId = :userId and a.groupId = :groupId"),
        @NamedQuery(name = "assignment.deleteByUserInRealm",
                query = "delete from InventoryAssignmentEntity a where a.realmId = :realmId and a.userId = :userId"),
        @NamedQuery(name = "assignment.deleteByGroup",
                query = "delete from InventoryAssignmentEntity a where a.realmId = :realmId and a.groupId = :groupId"),
        @NamedQuery(name = "assignment.deleteByRole",
                query = "delete from InventoryAssignmentEntity a where a.realmId = :realmId and a.roleId = :roleId"),
        @NamedQuery(name = "assignment.deleteByRealm", query = "delete from InventoryAssignmentEntity a where a.realmId = :realmId")
})
public class InventoryAssignmentEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "GROUP_ID", length = 36, nullable = false)
    private String groupId;

    @Column(name = "ROLE_ID", length = 36, nullable = false)
    private String roleId;

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

    public String getGroupId() {
        return groupId;
    }

    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }

    public String getRoleId() {
        return roleId;
    }

    public void setRoleId(String roleId) {
        this.roleId = roleId;
    }
}

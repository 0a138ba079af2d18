package io.supportaccess.keycloak.inventory;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** An inventory role of a realm: a name, a description and permissions (scope, type, level). */
@Entity
@Table(name = "SA_INVENTORY_ROLE")
@NamedQueries({
        @NamedQuery(name = "inventoryRole.byRealm", query = "select r from InventoryRoleEntity r where r.realmId = :realmId order by r.name"),
        @NamedQuery(name = "inventoryRole.namesByRealm", query = "select r.name from InventoryRoleEntity r where r.realmId = :realmId"),
        @NamedQuery(name = "inventoryRole.byRealmAndName", query = "select r from InventoryRoleEntity r where r.realmId = :realmId and r.name = :name"),
        @NamedQuery(name = "inventoryRole.deleteByRealm", query = "delete from InventoryRoleEntity r where r.realmId = :realmId")
})
public class InventoryRoleEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "NAME", length = 255, nullable = false)
    private String name;

    @Column(name = "DESCRIPTION", length = 1000)
    private String description;

    @OneToMany(mappedBy = "role", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    private List<InventoryPermissionEntity> permissions = new ArrayList<>();

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

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public List<InventoryPermissionEntity> getPermissions() {
        return permissions;
    }
}

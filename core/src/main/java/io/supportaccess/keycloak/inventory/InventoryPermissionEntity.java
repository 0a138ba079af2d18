package io.supportaccess.keycloak.inventory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One permission of an inventory role. */
@Entity
@Table(name = "SA_INVENTORY_PERMISSION")
public class InventoryPermissionEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "ROLE_ID", nullable = false)
    private InventoryRoleEntity role;

    @Column(name = "SCOPE", length = 32, nullable = false)
    private String scope;

    @Column(name = "FRAGMENT_TYPE", length = 255, nullable = false)
    private String type;

    @Column(name = "PERMISSION_LEVEL", length = 16, nullable = false)
    private String level;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public InventoryRoleEntity getRole() {
        return role;
    }

    public void setRole(InventoryRoleEntity role) {
        this.role = role;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getLevel() {
        return level;
    }

    public void setLevel(String level) {
        this.level = level;
    }

    public Permission toPermission() {
        return new Permission(Permission.Scope.valueOf(scope), type, Permission.Level.valueOf(level));
    }
}

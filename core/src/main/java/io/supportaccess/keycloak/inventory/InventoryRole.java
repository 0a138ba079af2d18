package io.supportaccess.keycloak.inventory;

import java.util.List;

/** An inventory role as the inventory hands it out. */
public record InventoryRole(String id, String name, String description, List<Permission> permissions) {

    static InventoryRole of(InventoryRoleEntity entity) {
        return new InventoryRole(entity.getId(), entity.getName(), entity.getDescription(),
                entity.getPermissions().stream().map(InventoryPermissionEntity::toPermission).toList());
    }
}

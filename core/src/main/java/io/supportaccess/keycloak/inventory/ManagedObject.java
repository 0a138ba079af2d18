package io.supportaccess.keycloak.inventory;

/**
 * A managed object as the inventory hands it out: a group or another object.
 * {@code properties} is the stored JSON object (null when none); a group's children are read
 * with {@link Inventory#children}.
 */
public record ManagedObject(String id, String name, String type, boolean group, String properties) {

    static ManagedObject of(ManagedObjectEntity entity) {
        return new ManagedObject(entity.getId(), entity.getName(), entity.getType(), entity.isGroup(), entity.getProperties());
    }

    public boolean isTenantObject() {
        return Inventory.TENANT_TYPE.equals(type);
    }
}

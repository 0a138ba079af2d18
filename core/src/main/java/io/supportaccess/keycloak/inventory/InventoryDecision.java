package io.supportaccess.keycloak.inventory;

import java.util.List;

/** Whether inventory roles (with what the user holds elsewhere) grant a permission on an object, and which assignments count. */
public record InventoryDecision(boolean granted, List<Assignment> via) {
}

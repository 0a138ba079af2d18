package io.supportaccess.keycloak.inventory;

/** A user holds the inventory role {@code roleId} on the group {@code groupId}, with both names for display. */
public record Assignment(String groupId, String groupName, String roleId, String roleName) {
}

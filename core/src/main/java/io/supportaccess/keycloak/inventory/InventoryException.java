package io.supportaccess.keycloak.inventory;

import io.supportaccess.keycloak.InvalidInput;

/**
 * A refused inventory call: an id the realm does not know (its own or another realm's), or a change
 * that would break the inventory's rules. Bad input is {@link InvalidInput}.
 */
public class InventoryException extends RuntimeException {

    public enum Kind { NOT_FOUND, CONFLICT }

    private final Kind kind;

    public InventoryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** "No {what} {id}", the caller's id cut short. */
    static InventoryException notFound(String what, String id) {
        return new InventoryException(Kind.NOT_FOUND, "No " + what + " " + InvalidInput.shorten(id));
    }
}

package io.supportaccess.keycloak.inventory;

/** A refused inventory change, with what the REST API answers for it. */
public class InventoryException extends RuntimeException {

    public enum Kind { NOT_FOUND, CONFLICT, INVALID }

    private final Kind kind;

    public InventoryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

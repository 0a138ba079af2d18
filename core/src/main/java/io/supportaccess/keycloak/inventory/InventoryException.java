package io.supportaccess.keycloak.inventory;

/** A refused inventory call, with what the REST API answers for it. */
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

    /** "No {what} {id}", with the caller's id cut short and stripped of control characters. */
    static InventoryException notFound(String what, String id) {
        String value = String.valueOf(id);
        String cut = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return new InventoryException(Kind.NOT_FOUND, "No " + what + " " + cut.replaceAll("\\p{Cntrl}", "?"));
    }
}

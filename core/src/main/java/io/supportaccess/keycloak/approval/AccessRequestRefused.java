package io.supportaccess.keycloak.approval;

/** An access request operation refused with an HTTP status and a message for the caller (403, 404, 409). */
public class AccessRequestRefused extends RuntimeException {

    private final int status;

    public AccessRequestRefused(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static AccessRequestRefused forbidden(String message) {
        return new AccessRequestRefused(403, message);
    }

    static AccessRequestRefused notFound(String message) {
        return new AccessRequestRefused(404, message);
    }

    static AccessRequestRefused conflict(String message) {
        return new AccessRequestRefused(409, message);
    }
}

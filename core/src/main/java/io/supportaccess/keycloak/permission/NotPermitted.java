package io.supportaccess.keycloak.permission;

/** The caller lacks a permission of {@link SupportAccessAuth}; the REST layer answers it with 403. */
public class NotPermitted extends RuntimeException {

    public NotPermitted(String message) {
        super(message);
    }
}

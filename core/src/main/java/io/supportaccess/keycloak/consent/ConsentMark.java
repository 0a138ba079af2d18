package io.supportaccess.keycloak.consent;

/** A consent mark: a user (or, with no user, the tenant's login configuration) set up while a support session ran. */
public record ConsentMark(String userId, long markedAt, String markedBy, String cause) {

    static ConsentMark of(SetUpAccountEntity e) {
        return new ConsentMark(e.getUserId(), e.getMarkedAt(), e.getMarkedBy(), e.getCause());
    }

    public boolean isLoginConfiguration() {
        return userId == null;
    }
}

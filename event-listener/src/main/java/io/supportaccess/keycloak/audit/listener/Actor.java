package io.supportaccess.keycloak.audit.listener;

/** Who acted: {@code who} is {@code support$user} in a support session, when {@code supportUser} is set. */
record Actor(String who, String supportUser) {

    static Actor of(String username) {
        return new Actor(username, null);
    }
}

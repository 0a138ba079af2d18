package io.supportaccess.keycloak.audit.listener;

/**
 * Who acted: {@code who} is {@code support$user} in a support session, when {@code supportUser} is set;
 * {@code supportReason} is the reason given for that support access, if any.
 */
record Actor(String who, String supportUser, String supportReason) {

    Actor(String who, String supportUser) {
        this(who, supportUser, null);
    }

    static Actor of(String username) {
        return new Actor(username, null);
    }
}

package io.supportaccess.keycloak.sessions;

/** A live support session as operators see it; {@code endsAt} is the earlier of its idle and lifespan ends unless used. */
public record LiveSupportSession(String id, String realmName, String supportUsername, String targetUsername, String who,
                                 String userSessionId, String clientId, String openedBy, String reason, long startedAt, long endsAt) {

    static LiveSupportSession of(SupportSessionEntity row, long endsAt) {
        return new LiveSupportSession(row.getId(), row.getRealmName(), row.getSupportUsername(), row.getTargetUsername(), row.who(),
                row.getUserSessionId(), row.getClientId(), row.getOpenedBy(), row.getReason(), row.getStartedAt(), endsAt);
    }
}

package io.supportaccess.keycloak.sessions.rest;

import io.supportaccess.keycloak.sessions.SupportSessionEntity;
import io.supportaccess.keycloak.settings.PlatformSettings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A live support session as the sessions resource lists it. */
final class SupportSessionRepresentation {

    private SupportSessionRepresentation() {
    }

    /** {@code endsAt}: the earlier of idle and lifespan end unless used. */
    static Map<String, Object> of(SupportSessionEntity row, long endsAt, PlatformSettings settings) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", row.getId());
        json.put("tenant", row.getRealmName());
        json.put("supportUser", row.getSupportUsername());
        json.put("user", row.getTargetUsername());
        json.put("who", row.who());
        json.put("userSessionId", row.getUserSessionId());
        json.put("client", row.getClientId());
        json.put("openedBy", row.getOpenedBy());
        json.put("started", Instant.ofEpochMilli(row.getStartedAt()).toString());
        json.put("endsAt", Instant.ofEpochMilli(endsAt).toString());
        json.put("latestEnd", Instant.ofEpochMilli(row.getStartedAt() + settings.sessionMaxHours() * 3_600_000L).toString());
        return json;
    }
}

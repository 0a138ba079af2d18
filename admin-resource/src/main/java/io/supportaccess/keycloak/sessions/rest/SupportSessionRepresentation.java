package io.supportaccess.keycloak.sessions.rest;

import io.supportaccess.keycloak.sessions.LiveSupportSession;
import io.supportaccess.keycloak.settings.PlatformSettings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A live support session as the sessions resource lists it. */
final class SupportSessionRepresentation {

    private SupportSessionRepresentation() {
    }

    /** {@code endsAt}: the earlier of idle and lifespan end unless used. */
    static Map<String, Object> of(LiveSupportSession row, PlatformSettings settings) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", row.id());
        json.put("tenant", row.realmName());
        json.put("supportUser", row.supportUsername());
        json.put("user", row.targetUsername());
        json.put("who", row.who());
        json.put("userSessionId", row.userSessionId());
        json.put("client", row.clientId());
        json.put("openedBy", row.openedBy());
        json.put("reason", row.reason());
        json.put("started", Instant.ofEpochMilli(row.startedAt()).toString());
        json.put("endsAt", Instant.ofEpochMilli(row.endsAt()).toString());
        json.put("latestEnd", Instant.ofEpochMilli(row.startedAt() + settings.sessionMaxHours() * 3_600_000L).toString());
        return json;
    }
}

package io.supportaccess.keycloak.admin;

import io.supportaccess.keycloak.approval.AccessRequests;
import io.supportaccess.keycloak.decision.SupportAccessDecision;
import io.supportaccess.keycloak.decision.SupportLoginFlows;
import io.supportaccess.keycloak.requests.SupportRequestEvent;
import io.supportaccess.keycloak.requests.SupportRequests;
import io.supportaccess.keycloak.settings.PlatformSettings;
import io.supportaccess.keycloak.settings.SupportMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** A tenant's support state, its support request events and an access decision, as the tenants resource answers them. */
final class TenantRepresentations {

    private TenantRepresentations() {
    }

    static Map<String, Object> state(RealmModel tenant, PlatformSettings settings, SupportMode platformMode, SupportRequests requests,
                                     long now) {
        var approvals = new AccessRequests(requests.session());
        Long expiresAt = requests.openUntil(tenant.getId(), now).orElse(null);
        boolean excluded = settings.excludes(tenant.getName());
        boolean platformOpen = settings.opensByPlatform(tenant.getName());
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("tenant", tenant.getName());
        state.put("enabled", tenant.isEnabled());
        state.put("excluded", excluded);
        state.put("platformOpen", platformOpen);
        state.put("open", !excluded && settings.opensOtherThanByApproval(tenant.getName()) && (platformOpen || expiresAt != null));
        state.put("approvalMode", settings.approvalMode(tenant.getName()).json());
        state.put("activeApprovals", approvals.countApproved(tenant.getId(), now));
        state.put("pendingApprovals", approvals.countPending(tenant.getId(), now));
        state.put("supportLogin", SupportLoginFlows.availability(tenant));
        state.put("expiresAt", instant(expiresAt));
        state.put("activeRequests", requests.active(tenant.getId(), now).size());
        state.put("mode", mode(platformOpen ? platformMode : null, requests.mode(tenant.getId(), now).orElse(null), (boolean) state.get("open")));
        return state;
    }

    /** The mode a support login gets now ("full", "read-only"), or null when the tenant is closed. */
    static String mode(SupportMode byPlatform, SupportMode byRequests, boolean open) {
        if (!open) {
            return null;
        }
        SupportMode mode = byPlatform == null ? byRequests : byRequests == null ? byPlatform : byPlatform.strongest(byRequests);
        return (mode == null ? SupportMode.FULL : mode).json();
    }

    static Map<String, Object> event(SupportRequestEvent e) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", e.id());
        event.put("type", e.type().name());
        event.put("who", e.who());
        event.put("time", instant(e.time()));
        event.put("requestId", e.requestId());
        event.put("tenantExpiresAt", instant(e.tenantExpiresAt()));
        return event;
    }

    /** A decision that would grant while the tenant's support login is unavailable is answered as SUPPORT_LOGIN_UNAVAILABLE. */
    static Map<String, Object> decision(RealmModel tenant, UserModel supportUser, SupportAccessDecision.Outcome outcome, long micros) {
        String supportLogin = SupportLoginFlows.availability(tenant);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", tenant.getName());
        body.put("supportUser", supportUser.getUsername());
        body.put("outcome", outcome == SupportAccessDecision.Outcome.GRANTED && SupportLoginFlows.isUnavailable(supportLogin)
                ? "SUPPORT_LOGIN_UNAVAILABLE" : outcome.name());
        body.put("supportLogin", supportLogin);
        body.put("decisionMicros", micros);
        return body;
    }

    private static String instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
    }
}

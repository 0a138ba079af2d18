package io.supportaccess.keycloak.approval.rest;

import io.supportaccess.keycloak.approval.AccessApproval;
import io.supportaccess.keycloak.approval.AccessRequestEntity;
import io.supportaccess.keycloak.approval.AccessRequestRefused;
import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.rest.ApiException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An access request as JSON: {@code id, tenant, supportUser, targetUser (null: any user), reason,
 * hoursRequested, status (PENDING | APPROVED | DENIED | EXPIRED | WITHDRAWN), requestedAt, decidedAt,
 * decidedBy, comment, approvedUntil, pendingUntil}; instants in ISO-8601 (UTC) as the rest of the API.
 */
public final class AccessRequestRepresentation {

    private AccessRequestRepresentation() {
    }

    public static Map<String, Object> of(AccessRequestEntity r, long now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.getId());
        json.put("tenant", r.getRealmName());
        json.put("supportUser", r.getSupportUsername());
        json.put("targetUser", r.getTargetUsername());
        json.put("reason", r.getReason());
        json.put("hoursRequested", r.getHoursRequested());
        json.put("status", AccessApproval.status(r, now));
        json.put("requestedAt", instant(r.getRequestedAt()));
        json.put("decidedAt", instant(r.getDecidedAt()));
        json.put("decidedBy", r.getDecidedBy());
        json.put("comment", r.getComment());
        json.put("approvedUntil", instant(r.getApprovedUntil()));
        json.put("pendingUntil", instant(r.getPendingUntil()));
        return json;
    }

    /** {@code ?status=}: one of the statuses (any case), or all when absent or empty. */
    public static AccessRequestEntity.Status status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return AccessRequestEntity.Status.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("'status' must be PENDING, APPROVED, DENIED, EXPIRED or WITHDRAWN");
        }
    }

    /** A refusal of the approval service as the REST answer. */
    public static ApiException refused(AccessRequestRefused refused) {
        return ApiException.of(Response.Status.fromStatusCode(refused.status()), refused.getMessage());
    }

    private static String instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
    }
}

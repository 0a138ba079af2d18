package io.supportaccess.keycloak.requests;

/** One entry of a tenant's support request history; {@code tenantExpiresAt} is the tenant's expiry after it (null: closed). */
public record SupportRequestEvent(String id, SupportRequestEventEntity.Type type, String who, long time, String requestId,
                                  Long tenantExpiresAt) {

    static SupportRequestEvent of(SupportRequestEventEntity e) {
        return new SupportRequestEvent(e.getId(), e.getType(), e.getWho(), e.getTime(), e.getRequestId(), e.getTenantExpiresAt());
    }
}

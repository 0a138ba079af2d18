package io.supportaccess.keycloak.decision;

import io.supportaccess.keycloak.settings.SupportMode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What opens a tenant to support at one moment, and the mode it allows, from one reading of the platform
 * setting and of the tenant's active support requests. A login takes what it records (what opened the
 * tenant, the mode) from the same reading as its decision, so a request that ends meanwhile cannot leave
 * it recorded as opened by something else.
 *
 * @param byPlatform    the platform setting opens the tenant
 * @param platformMode  the platform setting's mode (used only when it opens the tenant)
 * @param requestsCount support requests can open the tenant (false where only approvals do)
 * @param active        the tenant's active, unexpired support requests
 */
record TenantOpenness(boolean byPlatform, SupportMode platformMode, boolean requestsCount, List<ActiveRequest> active) {

    /** An active support request as read: its id, its end (epoch milliseconds) and its mode. */
    record ActiveRequest(String id, long expiresAt, SupportMode mode) {
    }

    /** The platform setting, else the request that keeps the tenant open longest; empty when nothing opens it. */
    Optional<SupportAccessDecision.Opening> opening() {
        if (byPlatform) {
            return Optional.of(SupportAccessDecision.Opening.PLATFORM);
        }
        if (!requestsCount) {
            return Optional.empty();
        }
        return active.stream().max(Comparator.comparingLong(ActiveRequest::expiresAt))
                .map(request -> new SupportAccessDecision.Opening(request.id(), request.expiresAt()));
    }

    /**
     * The strongest of the platform setting's mode (when it opens the tenant) and the active requests' modes;
     * full where neither applies (a tenant opened by approvals only).
     */
    SupportMode mode() {
        if (!requestsCount) {
            return SupportMode.FULL;
        }
        Optional<SupportMode> byRequests = active.stream().map(ActiveRequest::mode).reduce(SupportMode::strongest);
        if (byPlatform) {
            return byRequests.map(platformMode::strongest).orElse(platformMode);
        }
        return byRequests.orElse(SupportMode.FULL);
    }
}

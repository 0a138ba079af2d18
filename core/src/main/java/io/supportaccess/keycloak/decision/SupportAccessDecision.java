package io.supportaccess.keycloak.decision;

import io.supportaccess.keycloak.approval.AccessRequestEntity;
import io.supportaccess.keycloak.approval.AccessRequests;
import io.supportaccess.keycloak.settings.ApprovalMode;
import io.supportaccess.keycloak.settings.PlatformSupportMode;
import io.supportaccess.keycloak.settings.SupportMode;
import java.util.List;
import java.util.Optional;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.inventory.Inventory;
import io.supportaccess.keycloak.inventory.Permission;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import io.supportaccess.keycloak.requests.SupportRequests;
import io.supportaccess.keycloak.settings.PlatformSettings;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The one place that decides whether an authenticated support user may enter a tenant. Later
 * sources of permission (inventory roles) and of openness (support requests) plug in here.
 */
public final class SupportAccessDecision {

    public enum Outcome {
        GRANTED,
        NOT_A_TENANT,
        TENANT_DISABLED,
        NOT_PERMITTED,
        TENANT_EXCLUDED,
        TENANT_CLOSED
    }

    /** What keeps the tenant open: the platform setting, or the support request that expires last. */
    public static final String OPENED_BY_PLATFORM = "platform";
    public static final String OPENED_BY_REQUEST_PREFIX = "request:";
    /** An approved access request of this support user (issue 20): {@code approval:<id>}. */
    public static final String OPENED_BY_APPROVAL_PREFIX = "approval:";

    static final Permission SUPPORT_ALL = new Permission(Permission.Scope.SUPPORT, Permission.ANY_TYPE, Permission.Level.ALL);

    private SupportAccessDecision() {
    }

    public static Outcome decide(KeycloakSession session, RealmModel managementRealm, UserModel supportUser, RealmModel tenant) {
        if (!SupportAccessConfig.of(session).isTenantRealm(tenant.getName()) || tenant.getId().equals(managementRealm.getId())) {
            return Outcome.NOT_A_TENANT;
        }
        if (!tenant.isEnabled()) {
            return Outcome.TENANT_DISABLED;
        }
        if (!isPermitted(session, managementRealm, supportUser, tenant)) {
            return Outcome.NOT_PERMITTED;
        }
        PlatformSettings settings = PlatformSettings.read(managementRealm);
        if (settings.excludes(tenant.getName())) {
            return Outcome.TENANT_EXCLUDED;
        }
        if (!isTenantOpen(session, settings, tenant)) {
            return Outcome.TENANT_CLOSED;
        }
        return Outcome.GRANTED;
    }

    /**
     * As {@link #decide(KeycloakSession, RealmModel, UserModel, RealmModel)}, for a login as
     * {@code targetUsername}: a tenant that is closed otherwise is open to a support user holding an
     * unexpired approval for that target (or for any user).
     */
    public static Outcome decide(KeycloakSession session, RealmModel managementRealm, UserModel supportUser, RealmModel tenant,
                                 String targetUsername) {
        Outcome outcome = decide(session, managementRealm, supportUser, tenant);
        if (outcome == Outcome.TENANT_CLOSED && approval(session, managementRealm, supportUser, tenant, targetUsername).isPresent()) {
            return Outcome.GRANTED;
        }
        return outcome;
    }

    /**
     * The approval that lets the support user in as {@code targetUsername} (null: whatever target), the
     * one lasting longest; none while approvals are off for the tenant.
     */
    public static Optional<AccessRequestEntity> approval(KeycloakSession session, RealmModel managementRealm, UserModel supportUser,
                                                         RealmModel tenant, String targetUsername) {
        return approval(session, PlatformSettings.read(managementRealm), supportUser, tenant, targetUsername, Time.currentTimeMillis());
    }

    private static Optional<AccessRequestEntity> approval(KeycloakSession session, PlatformSettings settings, UserModel supportUser,
                                                          RealmModel tenant, String targetUsername, long now) {
        if (settings.approvalMode(tenant.getName()) == ApprovalMode.OFF) {
            return Optional.empty();
        }
        return new AccessRequests(session).approvedFor(tenant.getId(), supportUser.getId(), now).stream()
                .filter(r -> targetUsername == null || r.covers(targetUsername.toLowerCase(java.util.Locale.ROOT)))
                .findFirst();
    }

    /**
     * The global Support permission (both levels), or Support (or Full access) READ and ADMIN from
     * inventory roles on groups that hold the tenant's management object, directly or through
     * subgroups, in one permission or several; a level held globally counts towards them.
     */
    static boolean isPermitted(KeycloakSession session, RealmModel managementRealm, UserModel supportUser, RealmModel tenant) {
        if (SupportAccessAuth.hasGlobalSupport(managementRealm, supportUser)) {
            return true;
        }
        Inventory inventory = new Inventory(session);
        return inventory.tenantObject(managementRealm, tenant.getName())
                .map(object -> inventory.grants(managementRealm, supportUser.getId(), object.id(), SUPPORT_ALL,
                        SupportAccessAuth.heldThroughGlobalRoles(managementRealm, supportUser, Permission.Scope.SUPPORT)))
                .orElse(false);
    }

    /**
     * Open to support: not excluded by the platform, and opened by the platform setting or by an
     * unexpired support request of one of its users.
     */
    public static boolean isTenantOpen(KeycloakSession session, RealmModel managementRealm, RealmModel tenant) {
        return isTenantOpen(session, PlatformSettings.read(managementRealm), tenant);
    }

    private static boolean isTenantOpen(KeycloakSession session, PlatformSettings settings, RealmModel tenant) {
        if (settings.excludes(tenant.getName())) {
            return false;
        }
        if (!settings.opensOtherThanByApproval(tenant.getName())) {
            return false;
        }
        return settings.activation().opens(tenant.getName())
                || new SupportRequests(session).openUntil(tenant.getId(), Time.currentTimeMillis()).isPresent();
    }

    /**
     * The mode support is granted in now: the strongest of the platform setting's mode (when it
     * opens the tenant) and the modes of the tenant's active support requests.
     */
    public static SupportMode mode(KeycloakSession session, RealmModel managementRealm, RealmModel tenant) {
        return openness(session, PlatformSettings.read(managementRealm), managementRealm, tenant, Time.currentTimeMillis()).mode();
    }

    /** The platform setting and the tenant's active support requests, read once. */
    static TenantOpenness openness(KeycloakSession session, PlatformSettings settings, RealmModel managementRealm, RealmModel tenant,
                                   long now) {
        boolean requestsCount = settings.opensOtherThanByApproval(tenant.getName());
        List<TenantOpenness.ActiveRequest> active = !requestsCount ? List.of()
                : new SupportRequests(session).active(tenant.getId(), now).stream()
                        .map(r -> new TenantOpenness.ActiveRequest(r.getId(), r.getExpiresAt(), r.getMode())).toList();
        boolean byPlatform = settings.opensByPlatform(tenant.getName());
        return new TenantOpenness(byPlatform, byPlatform ? PlatformSupportMode.read(managementRealm) : SupportMode.FULL, requestsCount,
                active);
    }

    /**
     * {@value #OPENED_BY_PLATFORM}, or {@value #OPENED_BY_REQUEST_PREFIX} and the id of the request that keeps the tenant
     * open longest; {@value #OPENED_BY_PLATFORM} also when nothing opens it now (for a login that did not record it).
     */
    public static String openedBy(KeycloakSession session, RealmModel managementRealm, RealmModel tenant) {
        return openness(session, PlatformSettings.read(managementRealm), managementRealm, tenant, Time.currentTimeMillis()).opening()
                .map(Opening::openedBy).orElse(OPENED_BY_PLATFORM);
    }

    /**
     * What keeps a tenant open: the platform setting (no expiry), or the support request that keeps
     * it open longest, with that request's expiry (epoch milliseconds).
     */
    public record Opening(String requestId, Long expiresAt, String approvalId) {
        static final Opening PLATFORM = new Opening(null, null, null);

        Opening(String requestId, Long expiresAt) {
            this(requestId, expiresAt, null);
        }

        public boolean byPlatform() {
            return requestId == null && approvalId == null;
        }

        /** {@value #OPENED_BY_PLATFORM}, {@value #OPENED_BY_REQUEST_PREFIX}{@code <id>} or {@value #OPENED_BY_APPROVAL_PREFIX}{@code <id>}. */
        public String openedBy() {
            return approvalId != null ? OPENED_BY_APPROVAL_PREFIX + approvalId
                    : byPlatform() ? OPENED_BY_PLATFORM : OPENED_BY_REQUEST_PREFIX + requestId;
        }
    }

    /** What lets a support user in (see {@link #entry}) and the mode of the support session. */
    public record Entry(Opening opening, SupportMode mode) {
    }

    /**
     * What lets this support user in as {@code targetUsername} now, and in which mode: the tenant's own
     * opening where it is open, else the support user's approval for that target; empty when nothing does
     * (anymore). One reading of the clock, the settings and the tenant's requests: what a login records is
     * what it was let in by.
     */
    public static Optional<Entry> entry(KeycloakSession session, RealmModel managementRealm, RealmModel tenant, UserModel supportUser,
                                        String targetUsername) {
        long now = Time.currentTimeMillis();
        PlatformSettings settings = PlatformSettings.read(managementRealm);
        if (settings.excludes(tenant.getName())) {
            return Optional.empty();
        }
        TenantOpenness openness = openness(session, settings, managementRealm, tenant, now);
        Optional<Opening> opening = openness.opening();
        if (opening.isEmpty()) {
            opening = approval(session, settings, supportUser, tenant, targetUsername, now)
                    .map(r -> new Opening(null, r.getApprovedUntil(), r.getId()));
        }
        return opening.map(o -> new Entry(o, openness.mode()));
    }
}

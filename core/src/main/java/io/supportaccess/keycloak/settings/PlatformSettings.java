package io.supportaccess.keycloak.settings;

import io.supportaccess.keycloak.SupportAccess;
import java.util.Set;
import java.util.TreeSet;
import org.keycloak.models.RealmModel;

/**
 * Platform-wide settings, kept as attributes of the management realm (so they live in the
 * database and every node sees a change once the realm cache entry is invalidated).
 */
public final class PlatformSettings {

    public static final String ACTIVATED_ATTRIBUTE = SupportAccess.REALM_ATTRIBUTE_PREFIX + "activated";
    public static final String EXCLUDED_ATTRIBUTE = SupportAccess.REALM_ATTRIBUTE_PREFIX + "excludedTenants";
    public static final String OTP_REQUIRED_ATTRIBUTE = SupportAccess.REALM_ATTRIBUTE_PREFIX + "supportUserOtpRequired";
    public static final String VALIDITY_LIMIT_ATTRIBUTE = SupportAccess.REALM_ATTRIBUTE_PREFIX + "validityLimitHours";
    public static final String SESSION_IDLE_ATTRIBUTE = SupportAccess.REALM_ATTRIBUTE_PREFIX + "supportSessionIdleMinutes";
    public static final String SESSION_MAX_ATTRIBUTE = SupportAccess.REALM_ATTRIBUTE_PREFIX + "supportSessionMaxHours";
    public static final String OFFLINE_ALLOWED_ATTRIBUTE = SupportAccess.REALM_ATTRIBUTE_PREFIX + "supportOfflineAccessAllowed";

    public static final int DEFAULT_VALIDITY_LIMIT_HOURS = 24;
    public static final int DEFAULT_SESSION_IDLE_MINUTES = 30;
    public static final int MAX_SESSION_IDLE_MINUTES = 24 * 60;
    public static final int DEFAULT_SESSION_MAX_HOURS = 8;
    public static final int MAX_SESSION_MAX_HOURS = 7 * 24;
    public static final String MAX_OPEN_AHEAD_ATTRIBUTE = SupportAccess.REALM_ATTRIBUTE_PREFIX + "maxOpenAheadHours";
    /** A week: room for a few prolongations by the default validity limit, while no flood opens a tenant for years. */
    public static final int DEFAULT_MAX_OPEN_AHEAD_HOURS = 168;
    /** Whether tenant administrators are e-mailed about support sessions and requests in their tenant. */
    public static final String NOTIFY_TENANTS_ATTRIBUTE = SupportAccess.REALM_ATTRIBUTE_PREFIX + "notifyTenants";
    public static final String REASON_REQUIRED_ATTRIBUTE = SupportAccess.REALM_ATTRIBUTE_PREFIX + "supportReasonRequired";
    public static final String APPROVAL_MODE_ATTRIBUTE = SupportAccess.REALM_ATTRIBUTE_PREFIX + "approvalMode";
    /** Followed by the tenant ID: an operator's per-tenant approval mode, kept in the management realm (out of the tenant's reach). */
    public static final String TENANT_APPROVAL_MODE_PREFIX = SupportAccess.REALM_ATTRIBUTE_PREFIX + "approvalMode.tenant.";
    public static final String ACCESS_REQUEST_PENDING_ATTRIBUTE = SupportAccess.REALM_ATTRIBUTE_PREFIX + "accessRequestPendingHours";
    public static final int DEFAULT_ACCESS_REQUEST_PENDING_HOURS = 24;
    public static final int MAX_ACCESS_REQUEST_PENDING_HOURS = 720;
    /** Whether an access request may leave its target open ("any user"); unset: allowed. */
    public static final String ACCESS_REQUEST_ANY_USER_ATTRIBUTE = SupportAccess.REALM_ATTRIBUTE_PREFIX + "accessRequestAnyUserAllowed";

    private final SupportActivation activation;
    private final Set<String> excludedTenants;
    private final boolean supportUserOtpRequired;
    private final int validityLimitHours;
    private final int sessionIdleMinutes;
    private final int sessionMaxHours;
    private final boolean offlineAccessAllowed;
    private final int maxOpenAheadHours;
    private final boolean notifyTenants;
    /** Set only on a new instance (see {@link #derive}), so the settings stay a value. */
    private boolean reasonRequired;
    private SupportMode platformSupportMode = SupportMode.FULL;
    private ApprovalMode approvalMode = ApprovalMode.OFF;
    private int accessRequestPendingHours = DEFAULT_ACCESS_REQUEST_PENDING_HOURS;
    private java.util.Map<String, ApprovalMode> tenantApprovalModes = java.util.Map.of();
    private boolean accessRequestAnyUserAllowed = true;

    public PlatformSettings(SupportActivation activation, boolean supportUserOtpRequired, int validityLimitHours) {
        this(activation, supportUserOtpRequired, validityLimitHours, DEFAULT_MAX_OPEN_AHEAD_HOURS);
    }

    public PlatformSettings(SupportActivation activation, boolean supportUserOtpRequired, int validityLimitHours, int maxOpenAheadHours) {
        this(activation, Set.of(), supportUserOtpRequired, validityLimitHours, DEFAULT_SESSION_IDLE_MINUTES,
                DEFAULT_SESSION_MAX_HOURS, false, maxOpenAheadHours,
                false);
    }

    private PlatformSettings(SupportActivation activation, Set<String> excludedTenants, boolean supportUserOtpRequired,
                             int validityLimitHours, int sessionIdleMinutes, int sessionMaxHours, boolean offlineAccessAllowed,
                             int maxOpenAheadHours,
                             boolean notifyTenants) {
        this.activation = activation;
        this.excludedTenants = Set.copyOf(excludedTenants);
        this.supportUserOtpRequired = supportUserOtpRequired;
        this.validityLimitHours = validityLimitHours;
        this.sessionIdleMinutes = sessionIdleMinutes;
        this.sessionMaxHours = sessionMaxHours;
        this.offlineAccessAllowed = offlineAccessAllowed;
        this.maxOpenAheadHours = maxOpenAheadHours;
        this.notifyTenants = notifyTenants;
    }

    /**
     * Reads the settings. An absent "activated" attribute means every tenant: the product's rule "The
     * support user function is enabled by default" (installations that predate this default get
     * an explicit {@code false} at start-up, see the realm set-up).
     */
    public static PlatformSettings read(RealmModel managementRealm) {
        String activated = managementRealm.getAttribute(ACTIVATED_ATTRIBUTE);
        int validityLimit = number(managementRealm.getAttribute(VALIDITY_LIMIT_ATTRIBUTE), 1, 8760, DEFAULT_VALIDITY_LIMIT_HOURS);
        return new PlatformSettings(
                activated == null ? SupportActivation.ALL : SupportActivation.fromStored(activated),
                SupportActivation.fromStored(managementRealm.getAttribute(EXCLUDED_ATTRIBUTE)).tenants(),
                Boolean.parseBoolean(managementRealm.getAttribute(OTP_REQUIRED_ATTRIBUTE)),
                validityLimit,
                number(managementRealm.getAttribute(SESSION_IDLE_ATTRIBUTE), 1, MAX_SESSION_IDLE_MINUTES, DEFAULT_SESSION_IDLE_MINUTES),
                number(managementRealm.getAttribute(SESSION_MAX_ATTRIBUTE), 1, MAX_SESSION_MAX_HOURS, DEFAULT_SESSION_MAX_HOURS),
                Boolean.parseBoolean(managementRealm.getAttribute(OFFLINE_ALLOWED_ATTRIBUTE)),
                // unset (a platform from before this setting): never below its validity limit, so one request still fits
                number(managementRealm.getAttribute(MAX_OPEN_AHEAD_ATTRIBUTE), 1, 8760, Math.max(DEFAULT_MAX_OPEN_AHEAD_HOURS, validityLimit)),
                Boolean.parseBoolean(managementRealm.getAttribute(NOTIFY_TENANTS_ATTRIBUTE)))
                .withReasonRequired(Boolean.parseBoolean(managementRealm.getAttribute(REASON_REQUIRED_ATTRIBUTE)))
                .withPlatformSupportMode(PlatformSupportMode.read(managementRealm))
                .withApproval(ApprovalMode.stored(managementRealm.getAttribute(APPROVAL_MODE_ATTRIBUTE), ApprovalMode.OFF),
                        number(managementRealm.getAttribute(ACCESS_REQUEST_PENDING_ATTRIBUTE), 1, MAX_ACCESS_REQUEST_PENDING_HOURS,
                                DEFAULT_ACCESS_REQUEST_PENDING_HOURS),
                        tenantApprovalModes(managementRealm))
                .withAccessRequestAnyUserAllowed(!"false".equals(managementRealm.getAttribute(ACCESS_REQUEST_ANY_USER_ATTRIBUTE)));
    }

    private static java.util.Map<String, ApprovalMode> tenantApprovalModes(RealmModel managementRealm) {
        java.util.Map<String, ApprovalMode> modes = new java.util.HashMap<>();
        managementRealm.getAttributes().forEach((name, value) -> {
            if (name.startsWith(TENANT_APPROVAL_MODE_PREFIX)) {
                ApprovalMode mode = ApprovalMode.stored(value, null);
                if (mode != null) {
                    modes.put(name.substring(TENANT_APPROVAL_MODE_PREFIX.length()), mode);
                }
            }
        });
        return java.util.Map.copyOf(modes);
    }

    /** An operator's approval mode for one tenant; null: the platform's. Written at once (not part of {@link #writeTo}). */
    public static void writeTenantApprovalMode(RealmModel managementRealm, String tenantId, ApprovalMode mode) {
        if (mode == null) {
            managementRealm.removeAttribute(TENANT_APPROVAL_MODE_PREFIX + tenantId);
        } else {
            managementRealm.setAttribute(TENANT_APPROVAL_MODE_PREFIX + tenantId, mode.json());
        }
    }

    private static int number(String stored, int min, int max, int fallback) {
        try {
            int value = stored == null ? fallback : Integer.parseInt(stored.strip());
            return value >= min && value <= max ? value : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public void writeTo(RealmModel managementRealm) {
        managementRealm.setAttribute(ACTIVATED_ATTRIBUTE, activation.toStored());
        managementRealm.setAttribute(EXCLUDED_ATTRIBUTE, String.join(",", new TreeSet<>(excludedTenants)));
        managementRealm.setAttribute(OTP_REQUIRED_ATTRIBUTE, Boolean.toString(supportUserOtpRequired));
        managementRealm.setAttribute(VALIDITY_LIMIT_ATTRIBUTE, Integer.toString(validityLimitHours));
        managementRealm.setAttribute(SESSION_IDLE_ATTRIBUTE, Integer.toString(sessionIdleMinutes));
        managementRealm.setAttribute(SESSION_MAX_ATTRIBUTE, Integer.toString(sessionMaxHours));
        managementRealm.setAttribute(OFFLINE_ALLOWED_ATTRIBUTE, Boolean.toString(offlineAccessAllowed));
        managementRealm.setAttribute(MAX_OPEN_AHEAD_ATTRIBUTE, Integer.toString(maxOpenAheadHours));
        managementRealm.setAttribute(NOTIFY_TENANTS_ATTRIBUTE, Boolean.toString(notifyTenants));
        managementRealm.setAttribute(REASON_REQUIRED_ATTRIBUTE, Boolean.toString(reasonRequired));
        PlatformSupportMode.write(managementRealm, platformSupportMode);
        managementRealm.setAttribute(APPROVAL_MODE_ATTRIBUTE, approvalMode.json());
        managementRealm.setAttribute(ACCESS_REQUEST_PENDING_ATTRIBUTE, Integer.toString(accessRequestPendingHours));
        managementRealm.setAttribute(ACCESS_REQUEST_ANY_USER_ATTRIBUTE, Boolean.toString(accessRequestAnyUserAllowed));
    }

    public PlatformSettings withActivation(SupportActivation value) {
        return derive(new PlatformSettings(value, excludedTenants, supportUserOtpRequired, validityLimitHours, sessionIdleMinutes, sessionMaxHours, offlineAccessAllowed, maxOpenAheadHours,
                notifyTenants));
    }

    public PlatformSettings withExcludedTenants(Set<String> value) {
        return derive(new PlatformSettings(activation, value, supportUserOtpRequired, validityLimitHours, sessionIdleMinutes, sessionMaxHours, offlineAccessAllowed, maxOpenAheadHours,
                notifyTenants));
    }

    public PlatformSettings withSupportUserOtpRequired(boolean value) {
        return derive(new PlatformSettings(activation, excludedTenants, value, validityLimitHours, sessionIdleMinutes, sessionMaxHours, offlineAccessAllowed, maxOpenAheadHours,
                notifyTenants));
    }

    public PlatformSettings withValidityLimitHours(int value) {
        return derive(new PlatformSettings(activation, excludedTenants, supportUserOtpRequired, value, sessionIdleMinutes, sessionMaxHours, offlineAccessAllowed, maxOpenAheadHours,
                notifyTenants));
    }

    public PlatformSettings withSessionIdleMinutes(int value) {
        return derive(new PlatformSettings(activation, excludedTenants, supportUserOtpRequired, validityLimitHours, value, sessionMaxHours, offlineAccessAllowed, maxOpenAheadHours,
                notifyTenants));
    }

    public PlatformSettings withSessionMaxHours(int value) {
        return derive(new PlatformSettings(activation, excludedTenants, supportUserOtpRequired, validityLimitHours, sessionIdleMinutes, value, offlineAccessAllowed, maxOpenAheadHours,
                notifyTenants));
    }

    public PlatformSettings withOfflineAccessAllowed(boolean value) {
        return derive(new PlatformSettings(activation, excludedTenants, supportUserOtpRequired, validityLimitHours, sessionIdleMinutes, sessionMaxHours, value, maxOpenAheadHours,
                notifyTenants));
    }

    public PlatformSettings withMaxOpenAheadHours(int value) {
        return derive(new PlatformSettings(activation, excludedTenants, supportUserOtpRequired, validityLimitHours, sessionIdleMinutes, sessionMaxHours, offlineAccessAllowed, value,
                notifyTenants));
    }

    public PlatformSettings withNotifyTenants(boolean value) {
        return derive(new PlatformSettings(activation, excludedTenants, supportUserOtpRequired, validityLimitHours, sessionIdleMinutes, sessionMaxHours, offlineAccessAllowed, maxOpenAheadHours,
                value));
    }

    public PlatformSettings withReasonRequired(boolean value) {
        PlatformSettings copy = derive(new PlatformSettings(activation, excludedTenants, supportUserOtpRequired, validityLimitHours,
                sessionIdleMinutes, sessionMaxHours, offlineAccessAllowed, maxOpenAheadHours, notifyTenants));
        copy.reasonRequired = value;
        return copy;
    }

    /** The mode the platform setting grants where it opens tenants (support requests choose their own). */
    public PlatformSettings withPlatformSupportMode(SupportMode value) {
        PlatformSettings copy = derive(new PlatformSettings(activation, excludedTenants, supportUserOtpRequired, validityLimitHours,
                sessionIdleMinutes, sessionMaxHours, offlineAccessAllowed, maxOpenAheadHours, notifyTenants));
        copy.platformSupportMode = value;
        return copy;
    }

    public SupportMode platformSupportMode() {
        return platformSupportMode;
    }

    /** {@code next} with the settings that its constructor does not take, as they are here. */
    private PlatformSettings derive(PlatformSettings next) {
        next.reasonRequired = reasonRequired;
        next.platformSupportMode = platformSupportMode;
        next.approvalMode = approvalMode;
        next.accessRequestPendingHours = accessRequestPendingHours;
        next.tenantApprovalModes = tenantApprovalModes;
        next.accessRequestAnyUserAllowed = accessRequestAnyUserAllowed;
        return next;
    }

    /** The platform's approval mode, how long access requests wait for a decision, and operators' per-tenant modes. */
    public PlatformSettings withApproval(ApprovalMode mode, int pendingHours, java.util.Map<String, ApprovalMode> perTenant) {
        PlatformSettings copy = derive(new PlatformSettings(activation, excludedTenants, supportUserOtpRequired, validityLimitHours,
                sessionIdleMinutes, sessionMaxHours, offlineAccessAllowed, maxOpenAheadHours, notifyTenants));
        copy.approvalMode = mode;
        copy.accessRequestPendingHours = pendingHours;
        copy.tenantApprovalModes = java.util.Map.copyOf(perTenant);
        return copy;
    }

    /** The platform's approval mode (tenants without an operator's own choice follow it). */
    public ApprovalMode approvalMode() {
        return approvalMode;
    }

    /** The approval mode of one tenant: the operator's choice for it, else the platform's. */
    public ApprovalMode approvalMode(String tenantId) {
        return tenantApprovalModes.getOrDefault(tenantId, approvalMode);
    }

    /** The operators' per-tenant approval modes, by tenant ID. */
    public java.util.Map<String, ApprovalMode> tenantApprovalModes() {
        return tenantApprovalModes;
    }

    /** The operator's own approval mode for a tenant; null when it follows the platform. */
    public ApprovalMode tenantApprovalMode(String tenantId) {
        return tenantApprovalModes.get(tenantId);
    }

    /** Whether a support user may ask for access as any user of a tenant, rather than naming one. */
    public boolean accessRequestAnyUserAllowed() {
        return accessRequestAnyUserAllowed;
    }

    public PlatformSettings withAccessRequestAnyUserAllowed(boolean value) {
        PlatformSettings copy = derive(new PlatformSettings(activation, excludedTenants, supportUserOtpRequired, validityLimitHours,
                sessionIdleMinutes, sessionMaxHours, offlineAccessAllowed, maxOpenAheadHours, notifyTenants));
        copy.accessRequestAnyUserAllowed = value;
        return copy;
    }

    /** Hours an access request waits for a decision before it expires. */
    public int accessRequestPendingHours() {
        return accessRequestPendingHours;
    }

    /** Whether the platform setting and the tenant users' support requests may open the tenant (not when approvals are the only way). */
    public boolean opensOtherThanByApproval(String tenantId) {
        return approvalMode(tenantId) != ApprovalMode.ONLY;
    }

    /** Whether a support user must give a reason or ticket reference for every support access. */
    public boolean reasonRequired() {
        return reasonRequired;
    }

    /** Whether tenant administrators are e-mailed when support enters their tenant and when its support requests change. */
    public boolean notifyTenants() {
        return notifyTenants;
    }

    /** How far ahead of now support requests can keep a tenant open. */
    public int maxOpenAheadHours() {
        return maxOpenAheadHours;
    }

    /** Hours that each support request adds to the tenant's support expiry. */
    public int validityLimitHours() {
        return validityLimitHours;
    }

    public SupportActivation activation() {
        return activation;
    }

    /** Tenants that no support user may enter, whatever the activation and their support requests say. */
    public Set<String> excludedTenants() {
        return excludedTenants;
    }

    public boolean excludes(String tenantId) {
        return excludedTenants.contains(tenantId);
    }

    /** Open by this setting: activated for the tenant and not excluded. */
    public boolean opensByPlatform(String tenantId) {
        return activation.opens(tenantId) && !excludes(tenantId) && opensOtherThanByApproval(tenantId);
    }

    /** Whether every support user must have a second factor, whatever their own account says. */
    public boolean supportUserOtpRequired() {
        return supportUserOtpRequired;
    }

    /** A support session ends after this many minutes without use. */
    public int sessionIdleMinutes() {
        return sessionIdleMinutes;
    }

    /** A support session ends at the latest this many hours after the support login. */
    public int sessionMaxHours() {
        return sessionMaxHours;
    }

    /** Whether a support login may ask for an offline token ({@code offline_access}). */
    public boolean offlineAccessAllowed() {
        return offlineAccessAllowed;
    }
}

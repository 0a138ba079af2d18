package io.supportaccess.keycloak.settings;

import io.supportaccess.keycloak.SupportAccess;
import org.keycloak.models.RealmModel;

/**
 * Platform-wide settings, kept as attributes of the management realm (so they live in the
 * database and every node sees a change once the realm cache entry is invalidated).
 */
public final class PlatformSettings {

    public static final String ACTIVATED_ATTRIBUTE = SupportAccess.REALM_ATTRIBUTE_PREFIX + "activated";
    public static final String OTP_REQUIRED_ATTRIBUTE = SupportAccess.REALM_ATTRIBUTE_PREFIX + "supportUserOtpRequired";
    public static final String VALIDITY_LIMIT_ATTRIBUTE = SupportAccess.REALM_ATTRIBUTE_PREFIX + "validityLimitHours";
    public static final int DEFAULT_VALIDITY_LIMIT_HOURS = 24;
    public static final String MAX_OPEN_AHEAD_ATTRIBUTE = SupportAccess.REALM_ATTRIBUTE_PREFIX + "maxOpenAheadHours";
    /** A week: room for a few prolongations by the default validity limit, while no flood opens a tenant for years. */
    public static final int DEFAULT_MAX_OPEN_AHEAD_HOURS = 168;

    private final SupportActivation activation;
    private final boolean supportUserOtpRequired;
    private final int validityLimitHours;
    private final int maxOpenAheadHours;

    public PlatformSettings(SupportActivation activation, boolean supportUserOtpRequired, int validityLimitHours) {
        this(activation, supportUserOtpRequired, validityLimitHours, DEFAULT_MAX_OPEN_AHEAD_HOURS);
    }

    public PlatformSettings(SupportActivation activation, boolean supportUserOtpRequired, int validityLimitHours, int maxOpenAheadHours) {
        this.activation = activation;
        this.supportUserOtpRequired = supportUserOtpRequired;
        this.validityLimitHours = validityLimitHours;
        this.maxOpenAheadHours = maxOpenAheadHours;
    }

    public static PlatformSettings read(RealmModel managementRealm) {
        int validityLimit = validityLimit(managementRealm.getAttribute(VALIDITY_LIMIT_ATTRIBUTE));
        return new PlatformSettings(
                SupportActivation.fromStored(managementRealm.getAttribute(ACTIVATED_ATTRIBUTE)),
                Boolean.parseBoolean(managementRealm.getAttribute(OTP_REQUIRED_ATTRIBUTE)),
                validityLimit,
                // unset (a platform from before this setting): never below its validity limit, so one request still fits
                hours(managementRealm.getAttribute(MAX_OPEN_AHEAD_ATTRIBUTE), Math.max(DEFAULT_MAX_OPEN_AHEAD_HOURS, validityLimit)));
    }

    private static int validityLimit(String stored) {
        return hours(stored, DEFAULT_VALIDITY_LIMIT_HOURS);
    }

    private static int hours(String stored, int fallback) {
        try {
            int hours = stored == null ? fallback : Integer.parseInt(stored.strip());
            return hours >= 1 && hours <= 8760 ? hours : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public void writeTo(RealmModel managementRealm) {
        managementRealm.setAttribute(ACTIVATED_ATTRIBUTE, activation.toStored());
        managementRealm.setAttribute(OTP_REQUIRED_ATTRIBUTE, Boolean.toString(supportUserOtpRequired));
        managementRealm.setAttribute(VALIDITY_LIMIT_ATTRIBUTE, Integer.toString(validityLimitHours));
        managementRealm.setAttribute(MAX_OPEN_AHEAD_ATTRIBUTE, Integer.toString(maxOpenAheadHours));
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

    /** Whether every support user must have a second factor, whatever their own account says. */
    public boolean supportUserOtpRequired() {
        return supportUserOtpRequired;
    }
}

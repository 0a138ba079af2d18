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

    private final SupportActivation activation;
    private final boolean supportUserOtpRequired;
    private final int validityLimitHours;

    public PlatformSettings(SupportActivation activation, boolean supportUserOtpRequired, int validityLimitHours) {
        this.activation = activation;
        this.supportUserOtpRequired = supportUserOtpRequired;
        this.validityLimitHours = validityLimitHours;
    }

    public static PlatformSettings read(RealmModel managementRealm) {
        return new PlatformSettings(
                SupportActivation.fromStored(managementRealm.getAttribute(ACTIVATED_ATTRIBUTE)),
                Boolean.parseBoolean(managementRealm.getAttribute(OTP_REQUIRED_ATTRIBUTE)),
                validityLimit(managementRealm.getAttribute(VALIDITY_LIMIT_ATTRIBUTE)));
    }

    private static int validityLimit(String stored) {
        try {
            int hours = stored == null ? DEFAULT_VALIDITY_LIMIT_HOURS : Integer.parseInt(stored.strip());
            return hours >= 1 && hours <= 8760 ? hours : DEFAULT_VALIDITY_LIMIT_HOURS;
        } catch (NumberFormatException e) {
            return DEFAULT_VALIDITY_LIMIT_HOURS;
        }
    }

    public void writeTo(RealmModel managementRealm) {
        managementRealm.setAttribute(ACTIVATED_ATTRIBUTE, activation.toStored());
        managementRealm.setAttribute(OTP_REQUIRED_ATTRIBUTE, Boolean.toString(supportUserOtpRequired));
        managementRealm.setAttribute(VALIDITY_LIMIT_ATTRIBUTE, Integer.toString(validityLimitHours));
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

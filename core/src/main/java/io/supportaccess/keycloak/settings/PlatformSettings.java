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

    private final SupportActivation activation;
    private final boolean supportUserOtpRequired;

    public PlatformSettings(SupportActivation activation, boolean supportUserOtpRequired) {
        this.activation = activation;
        this.supportUserOtpRequired = supportUserOtpRequired;
    }

    public static PlatformSettings read(RealmModel managementRealm) {
        return new PlatformSettings(
                SupportActivation.fromStored(managementRealm.getAttribute(ACTIVATED_ATTRIBUTE)),
                Boolean.parseBoolean(managementRealm.getAttribute(OTP_REQUIRED_ATTRIBUTE)));
    }

    public void writeTo(RealmModel managementRealm) {
        managementRealm.setAttribute(ACTIVATED_ATTRIBUTE, activation.toStored());
        managementRealm.setAttribute(OTP_REQUIRED_ATTRIBUTE, Boolean.toString(supportUserOtpRequired));
    }

    public SupportActivation activation() {
        return activation;
    }

    /** Whether every support user must have a second factor, whatever their own account says. */
    public boolean supportUserOtpRequired() {
        return supportUserOtpRequired;
    }
}

package io.supportaccess.keycloak.settings;

import io.supportaccess.keycloak.SupportAccess;
import org.keycloak.models.RealmModel;

/** The mode the platform setting that opens tenants grants (management realm attribute; unset: full). */
public final class PlatformSupportMode {

    public static final String ATTRIBUTE = SupportAccess.REALM_ATTRIBUTE_PREFIX + "platformSupportMode";

    private PlatformSupportMode() {
    }

    public static SupportMode read(RealmModel managementRealm) {
        return SupportMode.stored(managementRealm.getAttribute(ATTRIBUTE));
    }

    public static void write(RealmModel managementRealm, SupportMode mode) {
        managementRealm.setAttribute(ATTRIBUTE, mode.name());
    }
}

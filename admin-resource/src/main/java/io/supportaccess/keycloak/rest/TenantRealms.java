package io.supportaccess.keycloak.rest;

import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.SupportAccess;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** A tenant named in a request: its realm, or 404 (also for master and the management realm). */
public final class TenantRealms {

    private TenantRealms() {
    }

    public static RealmModel require(KeycloakSession session, String tenantId) {
        RealmModel tenant = tenantId == null ? null : session.realms().getRealmByName(tenantId);
        if (tenant == null || !SupportAccess.isTenantRealmName(tenant.getName())) {
            throw ApiException.notFound("No tenant '" + InvalidInput.shorten(tenantId) + "'");
        }
        return tenant;
    }
}

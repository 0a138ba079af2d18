package io.supportaccess.keycloak.rest;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.InvalidInput;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** A tenant named in a request: its realm, or 404 (also for master and the management realm). */
public final class TenantRealms {

    private TenantRealms() {
    }

    public static RealmModel require(KeycloakSession session, String tenantId) {
        RealmModel tenant = tenantId == null ? null : session.realms().getRealmByName(tenantId);
        if (tenant == null || !SupportAccessConfig.of(session).isTenantRealm(tenant.getName())) {
            throw ApiException.notFound("No tenant '" + InvalidInput.shorten(tenantId) + "'");
        }
        return tenant;
    }
}

package io.supportaccess.keycloak.configcode.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.configcode.ConfigurationExport;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code GET /admin/realms/{realm}/support-access/export[?history=true]}: the realm's extension
 * data as one document. The locator checks view-realm; the history (support requests, audit log)
 * also needs the permission to read the audit log.
 */
public class ConfigurationExportResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SupportAccessAuth permissions;

    public ConfigurationExportResource(KeycloakSession session, RealmModel realm, SupportAccessAuth permissions) {
        this.session = session;
        this.realm = realm;
        this.permissions = permissions;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode export(@QueryParam("history") String history) {
        boolean withHistory = flag(history, "history");
        if (withHistory) {
            permissions.requireAuditRead();
        }
        return new ConfigurationExport(session).export(realm, withHistory);
    }

    static boolean flag(String value, String name) {
        if (value == null || value.isBlank() || "false".equalsIgnoreCase(value.strip())) {
            return false;
        }
        if ("true".equalsIgnoreCase(value.strip())) {
            return true;
        }
        throw new InvalidInput(name + ": must be true or false");
    }
}

package io.supportaccess.keycloak.configcode.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.configcode.ConfigurationDocument;
import io.supportaccess.keycloak.configcode.ConfigurationImport;
import io.supportaccess.keycloak.configcode.ImportReport;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import io.supportaccess.keycloak.rest.ApiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code POST /admin/realms/{realm}/support-access/import?mode=merge|replace&dryRun=true|false[&sourceRealm=...]}
 * with a document of {@code GET .../export}: answers what changed (or, in a dry run, what would).
 * The locator checks manage-realm. The whole import is the request's transaction: a refused document
 * (400 naming the field, 413 over {@value ConfigurationDocument#MAX_CHARS} characters) changes nothing.
 */
public class ConfigurationImportResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SupportAccessAuth permissions;

    public ConfigurationImportResource(KeycloakSession session, RealmModel realm, SupportAccessAuth permissions) {
        this.session = session;
        this.realm = realm;
        this.permissions = permissions;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public ImportReport importDocument(@QueryParam("mode") String mode, @QueryParam("dryRun") String dryRun,
                                       @QueryParam("sourceRealm") String sourceRealm, String body) {
        ConfigurationImport.Mode parsedMode = ConfigurationImport.Mode.parse(mode);
        boolean dry = ConfigurationExportResource.flag(dryRun, "dryRun");
        if (body != null && body.length() > ConfigurationDocument.MAX_CHARS) {
            throw ApiException.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "The document exceeds " + ConfigurationDocument.MAX_CHARS + " characters");
        }
        JsonNode document;
        try {
            document = body == null || body.isBlank() ? null : ConfigurationDocument.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("The document is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
        String blankToNull = sourceRealm == null || sourceRealm.isBlank() ? null : sourceRealm.strip();
        return new ConfigurationImport(session).run(realm, document, parsedMode, dry, blankToNull, permissions.callerName(realm));
    }
}

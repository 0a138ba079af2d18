package io.supportaccess.keycloak.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.supportaccess.keycloak.requests.Prolongation;
import io.supportaccess.keycloak.rest.ApiError;
import io.supportaccess.keycloak.requests.TenantClosing;
import io.supportaccess.keycloak.settings.PlatformSettings;
import io.supportaccess.keycloak.settings.SupportActivation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code GET|PUT /admin/realms/management/support-access/settings}: the platform settings.
 * Reading needs view-realm on the management realm, changing needs manage-realm.
 *
 * <pre>{"supportAccessActivated": true | false | ["acme", "globex"], "excludedTenants": ["initech"],
 *  "supportUserOtpRequired": false, "validityLimitHours": 24, "maxOpenAheadHours": 168, "supportSessionIdleMinutes": 30,
 *  "supportSessionMaxHours": 8, "supportOfflineAccessAllowed": false}</pre>
 */
public class PlatformSettingsResource {

    static final String ACTIVATED = "supportAccessActivated";
    static final String OTP_REQUIRED = "supportUserOtpRequired";
    static final String VALIDITY_LIMIT = "validityLimitHours";
    static final String EXCLUDED = "excludedTenants";
    static final String SESSION_IDLE = "supportSessionIdleMinutes";
    static final String SESSION_MAX = "supportSessionMaxHours";
    static final String OFFLINE_ALLOWED = "supportOfflineAccessAllowed";
    static final String MAX_OPEN_AHEAD = "maxOpenAheadHours";
    private static final Set<String> FIELDS = Set.of(ACTIVATED, OTP_REQUIRED, VALIDITY_LIMIT, EXCLUDED, SESSION_IDLE,
            SESSION_MAX, OFFLINE_ALLOWED, MAX_OPEN_AHEAD);
    private static final int MAX_BODY = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The admin event's resource path; the audit log files it under "Option". */
    static final String SETTINGS_PATH = "support-access/settings";
    /** Admin event detail: the settings the update changed, comma-separated. */
    static final String CHANGED_DETAIL = "changed";

    private final KeycloakSession session;
    private final RealmModel management;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    PlatformSettingsResource(KeycloakSession session, RealmModel management, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.management = management;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> get() {
        auth.realm().requireViewRealm();
        return toJson(PlatformSettings.read(management));
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response update(String body) {
        auth.realm().requireManageRealm();
        if (body == null || body.isBlank()) {
            return ApiError.badRequest("The request body must be a JSON object");
        }
        if (body.length() > MAX_BODY) {
            return ApiError.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "The request body exceeds " + MAX_BODY + " characters");
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return ApiError.badRequest("The request body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            return ApiError.badRequest("The request body must be a JSON object");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                return ApiError.badRequest("Unknown field '" + ApiError.shorten(name) + "'; allowed: " + String.join(", ", new java.util.TreeSet<>(FIELDS)));
            }
        }
        PlatformSettings current = PlatformSettings.read(management);
        PlatformSettings updated = current;
        try {
            if (json.has(ACTIVATED)) {
                updated = updated.withActivation(activation(json.get(ACTIVATED), ACTIVATED));
            }
            if (json.has(EXCLUDED)) {
                JsonNode excluded = json.get(EXCLUDED);
                if (!excluded.isArray()) {
                    return ApiError.badRequest("'" + EXCLUDED + "' must be a list of tenant IDs");
                }
                updated = updated.withExcludedTenants(activation(excluded, EXCLUDED).tenants());
            }
            if (json.has(OTP_REQUIRED)) {
                updated = updated.withSupportUserOtpRequired(bool(json, OTP_REQUIRED));
            }
            if (json.has(VALIDITY_LIMIT)) {
                updated = updated.withValidityLimitHours(number(json, VALIDITY_LIMIT, Prolongation.MIN_HOURS, Prolongation.MAX_HOURS, "hours"));
            }
            if (json.has(SESSION_IDLE)) {
                updated = updated.withSessionIdleMinutes(number(json, SESSION_IDLE, 1, PlatformSettings.MAX_SESSION_IDLE_MINUTES, "minutes"));
            }
            if (json.has(SESSION_MAX)) {
                updated = updated.withSessionMaxHours(number(json, SESSION_MAX, 1, PlatformSettings.MAX_SESSION_MAX_HOURS, "hours"));
            }
            if (json.has(OFFLINE_ALLOWED)) {
                updated = updated.withOfflineAccessAllowed(bool(json, OFFLINE_ALLOWED));
            }
            if (json.has(MAX_OPEN_AHEAD)) {
                updated = updated.withMaxOpenAheadHours(number(json, MAX_OPEN_AHEAD, Prolongation.MIN_HOURS, Prolongation.MAX_HOURS, "hours"));
            }
        } catch (InvalidSetting e) {
            return ApiError.badRequest(e.getMessage());
        }
        if ((json.has(MAX_OPEN_AHEAD) || json.has(VALIDITY_LIMIT)) && updated.maxOpenAheadHours() < updated.validityLimitHours()) {
            return ApiError.badRequest("'" + MAX_OPEN_AHEAD + "' (" + updated.maxOpenAheadHours() + ") must be at least '" + VALIDITY_LIMIT
                    + "' (" + updated.validityLimitHours() + "): a single support request must fit");
        }
        updated.writeTo(management);
        // every live support session is checked against the new settings (closed or excluded tenants, shorter lifetimes)
        TenantClosing.endSessionsOfClosedTenants(session);
        Map<String, Object> representation = toJson(updated);
        Map<String, Object> before = toJson(current);
        String changed = representation.keySet().stream()
                .filter(key -> !java.util.Objects.equals(before.get(key), representation.get(key)))
                .collect(java.util.stream.Collectors.joining(","));
        adminEvent.operation(OperationType.UPDATE).resource(ResourceType.CUSTOM).resourcePath(SETTINGS_PATH)
                .representation(representation).detail(CHANGED_DETAIL, changed).success();
        return Response.ok(representation).build();
    }

    /** A field with a wrong value; its message names the field. */
    private static final class InvalidSetting extends RuntimeException {
        InvalidSetting(String message) {
            super(message);
        }
    }

    private static SupportActivation activation(JsonNode value, String field) {
        try {
            return parseActivation(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSetting("'" + field + "': " + e.getMessage());
        }
    }

    private static boolean bool(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (!value.isBoolean()) {
            throw new InvalidSetting("'" + field + "' must be true or false");
        }
        return value.booleanValue();
    }

    private static int number(JsonNode json, String field, int min, int max, String unit) {
        JsonNode value = json.get(field);
        if (!value.isInt() || value.intValue() < min || value.intValue() > max) {
            throw new InvalidSetting("'" + field + "' must be a whole number of " + unit + " from " + min + " to " + max);
        }
        return value.intValue();
    }

    private static SupportActivation parseActivation(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue() ? SupportActivation.ALL : SupportActivation.NONE;
        }
        if (value.isArray()) {
            if (value.size() > SupportActivation.MAX_TENANTS) {
                throw new IllegalArgumentException("at most " + SupportActivation.MAX_TENANTS + " tenant IDs may be listed");
            }
            List<String> tenants = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    throw new IllegalArgumentException("tenant IDs must be strings");
                }
                tenants.add(item.textValue());
            }
            return SupportActivation.of(tenants);
        }
        throw new IllegalArgumentException("must be true, false or a list of tenant IDs");
    }

    static Map<String, Object> toJson(PlatformSettings settings) {
        Map<String, Object> json = new LinkedHashMap<>();
        SupportActivation activation = settings.activation();
        if (activation.allTenants()) {
            json.put(ACTIVATED, true);
        } else if (activation.tenants().isEmpty()) {
            json.put(ACTIVATED, false);
        } else {
            json.put(ACTIVATED, new java.util.TreeSet<>(activation.tenants()));
        }
        json.put(EXCLUDED, new java.util.TreeSet<>(settings.excludedTenants()));
        json.put(OTP_REQUIRED, settings.supportUserOtpRequired());
        json.put(VALIDITY_LIMIT, settings.validityLimitHours());
        json.put(SESSION_IDLE, settings.sessionIdleMinutes());
        json.put(SESSION_MAX, settings.sessionMaxHours());
        json.put(OFFLINE_ALLOWED, settings.offlineAccessAllowed());
        json.put(MAX_OPEN_AHEAD, settings.maxOpenAheadHours());
        return json;
    }
}

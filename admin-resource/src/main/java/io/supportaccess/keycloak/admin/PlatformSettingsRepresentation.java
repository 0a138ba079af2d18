package io.supportaccess.keycloak.admin;

import io.supportaccess.keycloak.settings.ApprovalMode;
import io.supportaccess.keycloak.settings.SupportMode;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.requests.Prolongation;
import io.supportaccess.keycloak.rest.JsonBody;
import io.supportaccess.keycloak.settings.PlatformSettings;
import io.supportaccess.keycloak.settings.SupportActivation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The platform settings as JSON:
 * <pre>{"supportAccessActivated": true | false | ["acme", "globex"], "excludedTenants": ["initech"],
 *  "supportUserOtpRequired": false, "validityLimitHours": 24, "maxOpenAheadHours": 168, "supportSessionIdleMinutes": 30,
 *  "supportSessionMaxHours": 8, "supportOfflineAccessAllowed": false,
 *  "notifyTenants": false, "supportReasonRequired": false, "platformSupportMode": "full",
 *  "approvalMode": "off" | "available" | "only", "accessRequestPendingHours": 24, "accessRequestAnyUserAllowed": true}</pre>
 * An update takes any subset of the fields.
 */
final class PlatformSettingsRepresentation {

    static final String ACTIVATED = "supportAccessActivated";
    static final String OTP_REQUIRED = "supportUserOtpRequired";
    static final String VALIDITY_LIMIT = "validityLimitHours";
    static final String EXCLUDED = "excludedTenants";
    static final String SESSION_IDLE = "supportSessionIdleMinutes";
    static final String SESSION_MAX = "supportSessionMaxHours";
    static final String OFFLINE_ALLOWED = "supportOfflineAccessAllowed";
    static final String MAX_OPEN_AHEAD = "maxOpenAheadHours";
    static final String NOTIFY_TENANTS = "notifyTenants";
    static final String REASON_REQUIRED = "supportReasonRequired";
    static final String PLATFORM_MODE = "platformSupportMode";
    static final String APPROVAL_MODE = "approvalMode";
    static final String ANY_USER_ALLOWED = "accessRequestAnyUserAllowed";
    static final String PENDING_HOURS = "accessRequestPendingHours";
    private static final Set<String> FIELDS = Set.of(ACTIVATED, OTP_REQUIRED, VALIDITY_LIMIT, EXCLUDED, SESSION_IDLE,
            SESSION_MAX, OFFLINE_ALLOWED, MAX_OPEN_AHEAD,
            NOTIFY_TENANTS,
            REASON_REQUIRED,
            PLATFORM_MODE, APPROVAL_MODE, PENDING_HOURS, ANY_USER_ALLOWED);

    private PlatformSettingsRepresentation() {
    }

    static Map<String, Object> of(PlatformSettings settings) {
        Map<String, Object> json = new LinkedHashMap<>();
        SupportActivation activation = settings.activation();
        if (activation.allTenants()) {
            json.put(ACTIVATED, true);
        } else if (activation.tenants().isEmpty()) {
            json.put(ACTIVATED, false);
        } else {
            json.put(ACTIVATED, new TreeSet<>(activation.tenants()));
        }
        json.put(EXCLUDED, new TreeSet<>(settings.excludedTenants()));
        json.put(OTP_REQUIRED, settings.supportUserOtpRequired());
        json.put(VALIDITY_LIMIT, settings.validityLimitHours());
        json.put(SESSION_IDLE, settings.sessionIdleMinutes());
        json.put(SESSION_MAX, settings.sessionMaxHours());
        json.put(OFFLINE_ALLOWED, settings.offlineAccessAllowed());
        json.put(MAX_OPEN_AHEAD, settings.maxOpenAheadHours());
        json.put(NOTIFY_TENANTS, settings.notifyTenants());
        json.put(REASON_REQUIRED, settings.reasonRequired());
        json.put(PLATFORM_MODE, settings.platformSupportMode().json());
        json.put(APPROVAL_MODE, settings.approvalMode().json());
        json.put(ANY_USER_ALLOWED, settings.accessRequestAnyUserAllowed());
        json.put(PENDING_HOURS, settings.accessRequestPendingHours());
        return json;
    }

    /** {@code current} with the fields of an update; {@link InvalidInput} naming the field for a wrong value. */
    static PlatformSettings apply(PlatformSettings current, JsonNode update) {
        JsonBody.requireKnownFields(update, FIELDS);
        PlatformSettings updated = current;
        if (update.has(ACTIVATED)) {
            updated = updated.withActivation(activation(update));
        }
        if (update.has(EXCLUDED)) {
            updated = updated.withExcludedTenants(tenants(update, EXCLUDED).tenants());
        }
        if (update.has(OTP_REQUIRED)) {
            updated = updated.withSupportUserOtpRequired(JsonBody.bool(update, OTP_REQUIRED));
        }
        if (update.has(VALIDITY_LIMIT)) {
            updated = updated.withValidityLimitHours(hours(update, VALIDITY_LIMIT));
        }
        if (update.has(SESSION_IDLE)) {
            updated = updated.withSessionIdleMinutes(JsonBody.wholeNumber(update, SESSION_IDLE, 1, PlatformSettings.MAX_SESSION_IDLE_MINUTES, "minutes"));
        }
        if (update.has(SESSION_MAX)) {
            updated = updated.withSessionMaxHours(JsonBody.wholeNumber(update, SESSION_MAX, 1, PlatformSettings.MAX_SESSION_MAX_HOURS, "hours"));
        }
        if (update.has(OFFLINE_ALLOWED)) {
            updated = updated.withOfflineAccessAllowed(JsonBody.bool(update, OFFLINE_ALLOWED));
        }
        if (update.has(MAX_OPEN_AHEAD)) {
            updated = updated.withMaxOpenAheadHours(hours(update, MAX_OPEN_AHEAD));
        }
        if (update.has(NOTIFY_TENANTS)) {
            updated = updated.withNotifyTenants(JsonBody.bool(update, NOTIFY_TENANTS));
        }
        if (update.has(PLATFORM_MODE)) {
            updated = updated.withPlatformSupportMode(SupportMode.parse(JsonBody.text(update, PLATFORM_MODE, true), PLATFORM_MODE));
        }
        if (update.has(APPROVAL_MODE) || update.has(PENDING_HOURS)) {
            updated = updated.withApproval(
                    update.has(APPROVAL_MODE) ? ApprovalMode.parse(JsonBody.text(update, APPROVAL_MODE, true), APPROVAL_MODE) : updated.approvalMode(),
                    update.has(PENDING_HOURS) ? JsonBody.wholeNumber(update, PENDING_HOURS, 1, PlatformSettings.MAX_ACCESS_REQUEST_PENDING_HOURS, "hours")
                            : updated.accessRequestPendingHours(),
                    updated.tenantApprovalModes());
        }
        if (update.has(ANY_USER_ALLOWED)) {
            updated = updated.withAccessRequestAnyUserAllowed(JsonBody.bool(update, ANY_USER_ALLOWED));
        }
        if (update.has(REASON_REQUIRED)) {
            updated = updated.withReasonRequired(JsonBody.bool(update, REASON_REQUIRED));
        }
        if ((update.has(MAX_OPEN_AHEAD) || update.has(VALIDITY_LIMIT)) && updated.maxOpenAheadHours() < updated.validityLimitHours()) {
            throw new InvalidInput("'" + MAX_OPEN_AHEAD + "' (" + updated.maxOpenAheadHours() + ") must be at least '" + VALIDITY_LIMIT
                    + "' (" + updated.validityLimitHours() + "): a single support request must fit");
        }
        return updated;
    }

    private static int hours(JsonNode update, String field) {
        return JsonBody.wholeNumber(update, field, Prolongation.MIN_HOURS, Prolongation.MAX_HOURS, "hours");
    }

    private static SupportActivation activation(JsonNode update) {
        JsonNode value = update.get(ACTIVATED);
        if (value.isBoolean()) {
            return value.booleanValue() ? SupportActivation.ALL : SupportActivation.NONE;
        }
        if (!value.isArray()) {
            throw new InvalidInput("'" + ACTIVATED + "': must be true, false or a list of tenant IDs");
        }
        return tenants(update, ACTIVATED);
    }

    private static SupportActivation tenants(JsonNode update, String field) {
        try {
            return SupportActivation.of(JsonBody.strings(update, field, SupportActivation.MAX_TENANTS, "tenant IDs"));
        } catch (InvalidInput e) {
            throw e.getMessage().startsWith("'") ? e : new InvalidInput("'" + field + "': " + e.getMessage());
        }
    }
}

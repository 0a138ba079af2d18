package io.supportaccess.keycloak.settings;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.requests.Prolongation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The platform settings as JSON, in one place for {@code PUT .../settings} and the management
 * realm's configuration document:
 * <pre>{"supportAccessActivated": true | false | ["acme", "globex"], "excludedTenants": ["initech"],
 *  "supportUserOtpRequired": false, "validityLimitHours": 24, "maxOpenAheadHours": 168, "supportSessionIdleMinutes": 30,
 *  "supportSessionMaxHours": 8, "supportOfflineAccessAllowed": false,
 *  "notifyTenants": false, "supportReasonRequired": false, "platformSupportMode": "full",
 *  "approvalMode": "off" | "available" | "only", "accessRequestPendingHours": 24, "accessRequestAnyUserAllowed": true}</pre>
 * An update takes any subset of the fields. Errors name the field as {@code 'path' + field}
 * (the REST body's fields bare, the document's as {@code settings.<field>}).
 */
public final class PlatformSettingsJson {

    public static final String ACTIVATED = "supportAccessActivated";
    public static final String EXCLUDED = "excludedTenants";
    public static final String OTP_REQUIRED = "supportUserOtpRequired";
    public static final String VALIDITY_LIMIT = "validityLimitHours";
    public static final String SESSION_IDLE = "supportSessionIdleMinutes";
    public static final String SESSION_MAX = "supportSessionMaxHours";
    public static final String OFFLINE_ALLOWED = "supportOfflineAccessAllowed";
    public static final String MAX_OPEN_AHEAD = "maxOpenAheadHours";
    public static final String NOTIFY_TENANTS = "notifyTenants";
    public static final String REASON_REQUIRED = "supportReasonRequired";
    public static final String PLATFORM_MODE = "platformSupportMode";
    public static final String APPROVAL_MODE = "approvalMode";
    public static final String ANY_USER_ALLOWED = "accessRequestAnyUserAllowed";
    public static final String PENDING_HOURS = "accessRequestPendingHours";
    public static final Set<String> FIELDS = Set.of(ACTIVATED, EXCLUDED, OTP_REQUIRED, VALIDITY_LIMIT, SESSION_IDLE, SESSION_MAX,
            OFFLINE_ALLOWED, MAX_OPEN_AHEAD, NOTIFY_TENANTS, REASON_REQUIRED, PLATFORM_MODE, APPROVAL_MODE, PENDING_HOURS,
            ANY_USER_ALLOWED);

    private PlatformSettingsJson() {
    }

    public static Map<String, Object> of(PlatformSettings settings) {
        Map<String, Object> json = new LinkedHashMap<>();
        SupportActivation activation = settings.activation();
        json.put(ACTIVATED, activation.allTenants() ? Boolean.TRUE
                : activation.tenants().isEmpty() ? Boolean.FALSE : new TreeSet<>(activation.tenants()));
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

    /**
     * {@code current} with the fields of {@code update}; {@link InvalidInput} naming the field,
     * prefixed with {@code path} ("" for a REST body, "settings." in a document), for a wrong value.
     */
    public static PlatformSettings apply(PlatformSettings current, JsonNode update, String path) {
        Fields fields = new Fields(update, path);
        fields.requireKnown();
        PlatformSettings updated = current;
        if (update.has(ACTIVATED)) {
            updated = updated.withActivation(fields.activation());
        }
        if (update.has(EXCLUDED)) {
            updated = updated.withExcludedTenants(fields.tenants(EXCLUDED).tenants());
        }
        if (update.has(OTP_REQUIRED)) {
            updated = updated.withSupportUserOtpRequired(fields.bool(OTP_REQUIRED));
        }
        if (update.has(VALIDITY_LIMIT)) {
            updated = updated.withValidityLimitHours(fields.hours(VALIDITY_LIMIT));
        }
        if (update.has(SESSION_IDLE)) {
            updated = updated.withSessionIdleMinutes(fields.wholeNumber(SESSION_IDLE, 1, PlatformSettings.MAX_SESSION_IDLE_MINUTES, "minutes"));
        }
        if (update.has(SESSION_MAX)) {
            updated = updated.withSessionMaxHours(fields.wholeNumber(SESSION_MAX, 1, PlatformSettings.MAX_SESSION_MAX_HOURS, "hours"));
        }
        if (update.has(OFFLINE_ALLOWED)) {
            updated = updated.withOfflineAccessAllowed(fields.bool(OFFLINE_ALLOWED));
        }
        if (update.has(MAX_OPEN_AHEAD)) {
            updated = updated.withMaxOpenAheadHours(fields.hours(MAX_OPEN_AHEAD));
        }
        if (update.has(NOTIFY_TENANTS)) {
            updated = updated.withNotifyTenants(fields.bool(NOTIFY_TENANTS));
        }
        if (update.has(PLATFORM_MODE)) {
            updated = updated.withPlatformSupportMode(SupportMode.parse(fields.text(PLATFORM_MODE), path + PLATFORM_MODE));
        }
        if (update.has(APPROVAL_MODE) || update.has(PENDING_HOURS)) {
            updated = updated.withApproval(
                    update.has(APPROVAL_MODE) ? ApprovalMode.parse(fields.text(APPROVAL_MODE), path + APPROVAL_MODE) : updated.approvalMode(),
                    update.has(PENDING_HOURS) ? fields.wholeNumber(PENDING_HOURS, 1, PlatformSettings.MAX_ACCESS_REQUEST_PENDING_HOURS, "hours")
                            : updated.accessRequestPendingHours(),
                    updated.tenantApprovalModes());
        }
        if (update.has(ANY_USER_ALLOWED)) {
            updated = updated.withAccessRequestAnyUserAllowed(fields.bool(ANY_USER_ALLOWED));
        }
        if (update.has(REASON_REQUIRED)) {
            updated = updated.withReasonRequired(fields.bool(REASON_REQUIRED));
        }
        if ((update.has(MAX_OPEN_AHEAD) || update.has(VALIDITY_LIMIT)) && updated.maxOpenAheadHours() < updated.validityLimitHours()) {
            throw new InvalidInput(fields.name(MAX_OPEN_AHEAD) + " (" + updated.maxOpenAheadHours() + ") must be at least "
                    + fields.name(VALIDITY_LIMIT) + " (" + updated.validityLimitHours() + "): a single support request must fit");
        }
        return updated;
    }

    /** The fields of one update, read with messages that name them. */
    private record Fields(JsonNode json, String path) {

        String name(String field) {
            return "'" + path + field + "'";
        }

        void requireKnown() {
            for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!FIELDS.contains(field)) {
                    throw new InvalidInput("Unknown field '" + path + InvalidInput.shorten(field) + "'; allowed: "
                            + String.join(", ", new TreeSet<>(FIELDS)));
                }
            }
        }

        boolean bool(String field) {
            JsonNode value = json.get(field);
            if (value == null || !value.isBoolean()) {
                throw new InvalidInput(name(field) + " must be true or false");
            }
            return value.booleanValue();
        }

        int hours(String field) {
            return wholeNumber(field, Prolongation.MIN_HOURS, Prolongation.MAX_HOURS, "hours");
        }

        int wholeNumber(String field, int min, int max, String unit) {
            JsonNode value = json.get(field);
            if (value == null || !value.isInt() || value.intValue() < min || value.intValue() > max) {
                throw new InvalidInput(name(field) + " must be a whole number of " + unit + " from " + min + " to " + max);
            }
            return value.intValue();
        }

        /** A required non-empty string of at most 255 characters, stripped. */
        String text(String field) {
            JsonNode value = json.get(field);
            if (value == null || value.isNull()) {
                throw new InvalidInput(name(field) + " is required");
            }
            if (!value.isTextual() || value.textValue().isBlank() || value.textValue().length() > 255) {
                throw new InvalidInput(name(field) + " must be a non-empty string of at most 255 characters");
            }
            return value.textValue().strip();
        }

        SupportActivation activation() {
            JsonNode value = json.get(ACTIVATED);
            if (value.isBoolean()) {
                return value.booleanValue() ? SupportActivation.ALL : SupportActivation.NONE;
            }
            if (!value.isArray()) {
                throw new InvalidInput(name(ACTIVATED) + ": must be true, false or a list of tenant IDs");
            }
            return tenants(ACTIVATED);
        }

        SupportActivation tenants(String field) {
            JsonNode value = json.get(field);
            String what = "tenant IDs";
            if (value == null || !value.isArray()) {
                throw new InvalidInput(name(field) + " must be a list of " + what);
            }
            if (value.size() > SupportActivation.MAX_TENANTS) {
                throw new InvalidInput(name(field) + ": at most " + SupportActivation.MAX_TENANTS + " " + what + " may be listed");
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    throw new InvalidInput(name(field) + " must be a list of " + what + " (strings)");
                }
                ids.add(item.textValue());
            }
            try {
                return SupportActivation.of(ids);
            } catch (InvalidInput e) {
                throw new InvalidInput(name(field) + ": " + e.getMessage());
            }
        }
    }
}

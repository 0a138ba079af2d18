package io.supportaccess.keycloak.configcode;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.requests.Prolongation;
import io.supportaccess.keycloak.settings.ApprovalMode;
import io.supportaccess.keycloak.settings.PlatformSettings;
import io.supportaccess.keycloak.settings.SupportActivation;
import io.supportaccess.keycloak.settings.SupportMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The platform settings section of the management realm's document, with the field names and
 * limits of {@code PUT /admin/realms/management/support-access/settings}.
 */
final class SettingsSection {

    static final String ACTIVATED = "supportAccessActivated";
    static final String EXCLUDED = "excludedTenants";
    static final String OTP_REQUIRED = "supportUserOtpRequired";
    static final String VALIDITY_LIMIT = "validityLimitHours";
    static final String SESSION_IDLE = "supportSessionIdleMinutes";
    static final String SESSION_MAX = "supportSessionMaxHours";
    static final String OFFLINE_ALLOWED = "supportOfflineAccessAllowed";
    static final String MAX_OPEN_AHEAD = "maxOpenAheadHours";
    static final String NOTIFY_TENANTS = "notifyTenants";
    static final String REASON_REQUIRED = "supportReasonRequired";
    static final String PLATFORM_MODE = "platformSupportMode";
    static final String APPROVAL_MODE = "approvalMode";
    static final String PENDING_HOURS = "accessRequestPendingHours";
    static final String ANY_USER_ALLOWED = "accessRequestAnyUserAllowed";
    static final Set<String> FIELDS = Set.of(ACTIVATED, EXCLUDED, OTP_REQUIRED, VALIDITY_LIMIT, SESSION_IDLE, SESSION_MAX,
            OFFLINE_ALLOWED, MAX_OPEN_AHEAD, NOTIFY_TENANTS, REASON_REQUIRED, PLATFORM_MODE, APPROVAL_MODE, PENDING_HOURS,
            ANY_USER_ALLOWED);

    private SettingsSection() {
    }

    static Map<String, Object> of(PlatformSettings settings) {
        Map<String, Object> json = new LinkedHashMap<>();
        SupportActivation activation = settings.activation();
        json.put(ACTIVATED, activation.allTenants() ? Boolean.TRUE
                : activation.tenants().isEmpty() ? Boolean.FALSE : new ArrayList<>(new TreeSet<>(activation.tenants())));
        json.put(EXCLUDED, new ArrayList<>(new TreeSet<>(settings.excludedTenants())));
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
        json.put(PENDING_HOURS, settings.accessRequestPendingHours());
        json.put(ANY_USER_ALLOWED, settings.accessRequestAnyUserAllowed());
        return json;
    }

    /** {@code current} with the document's fields; {@link InvalidInput} naming {@code settings.<field>} for a wrong value. */
    static PlatformSettings apply(PlatformSettings current, JsonNode section) {
        PlatformSettings updated = current;
        for (var fields = section.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            JsonNode value = section.get(field);
            String path = "settings." + field;
            updated = switch (field) {
                case ACTIVATED -> updated.withActivation(value.isBoolean()
                        ? (value.booleanValue() ? SupportActivation.ALL : SupportActivation.NONE) : SupportActivation.of(tenants(value, path)));
                case EXCLUDED -> updated.withExcludedTenants(SupportActivation.of(tenants(value, path)).tenants());
                case OTP_REQUIRED -> updated.withSupportUserOtpRequired(bool(value, path));
                case VALIDITY_LIMIT -> updated.withValidityLimitHours(number(value, path, Prolongation.MIN_HOURS, Prolongation.MAX_HOURS));
                case SESSION_IDLE -> updated.withSessionIdleMinutes(number(value, path, 1, PlatformSettings.MAX_SESSION_IDLE_MINUTES));
                case SESSION_MAX -> updated.withSessionMaxHours(number(value, path, 1, PlatformSettings.MAX_SESSION_MAX_HOURS));
                case OFFLINE_ALLOWED -> updated.withOfflineAccessAllowed(bool(value, path));
                case MAX_OPEN_AHEAD -> updated.withMaxOpenAheadHours(number(value, path, Prolongation.MIN_HOURS, Prolongation.MAX_HOURS));
                case NOTIFY_TENANTS -> updated.withNotifyTenants(bool(value, path));
                case REASON_REQUIRED -> updated.withReasonRequired(bool(value, path));
                case PLATFORM_MODE -> updated.withPlatformSupportMode(SupportMode.parse(value.isTextual() ? value.textValue() : null, path));
                case APPROVAL_MODE -> updated.withApproval(ApprovalMode.parse(value.isTextual() ? value.textValue() : null, path),
                        updated.accessRequestPendingHours(), updated.tenantApprovalModes());
                case ANY_USER_ALLOWED -> updated.withAccessRequestAnyUserAllowed(bool(value, path));
                case PENDING_HOURS -> updated.withApproval(updated.approvalMode(),
                        number(value, path, 1, PlatformSettings.MAX_ACCESS_REQUEST_PENDING_HOURS), updated.tenantApprovalModes());
                default -> throw new InvalidInput(path + ": unknown setting; known: " + String.join(", ", new TreeSet<>(FIELDS)));
            };
        }
        if (updated.maxOpenAheadHours() < updated.validityLimitHours()) {
            throw new InvalidInput("settings." + MAX_OPEN_AHEAD + ": must be at least " + VALIDITY_LIMIT + " ("
                    + updated.validityLimitHours() + "): a single support request must fit");
        }
        return updated;
    }

    private static List<String> tenants(JsonNode value, String path) {
        if (!value.isArray()) {
            throw new InvalidInput(path + ": must be a list of tenant IDs" + (path.endsWith(ACTIVATED) ? ", true or false" : ""));
        }
        List<String> ids = new ArrayList<>();
        value.forEach(id -> ids.add(id.isTextual() ? id.textValue() : null));
        try {
            SupportActivation.of(ids);
        } catch (InvalidInput e) {
            throw new InvalidInput(path + ": " + e.getMessage());
        }
        return ids;
    }

    private static boolean bool(JsonNode value, String path) {
        if (!value.isBoolean()) {
            throw new InvalidInput(path + ": must be true or false");
        }
        return value.booleanValue();
    }

    private static int number(JsonNode value, String path, int min, int max) {
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < min || value.intValue() > max) {
            throw new InvalidInput(path + ": must be a whole number from " + min + " to " + max);
        }
        return value.intValue();
    }
}

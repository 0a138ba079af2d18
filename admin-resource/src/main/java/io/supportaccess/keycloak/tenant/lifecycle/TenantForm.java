package io.supportaccess.keycloak.tenant.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.rest.JsonBody;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields of a tenant as the lifecycle API takes them, checked before anything is written.
 * Creation needs {@code id}, {@code company}, {@code adminName} and either {@code adminPassword} or
 * {@code "sendPasswordResetEmail": true} (which needs {@code adminEmail}); an edit takes any subset of
 * the editable fields (not the password), and {@code id}, {@code adminName} and {@code status} only
 * unchanged (so a client may send back what it read). {@link #texts} holds the text fields given, an empty string
 * meaning "clear" for the optional ones.
 */
record TenantForm(String id, Map<String, String> texts, String adminPassword, boolean sendPasswordResetEmail) {

    static final String ID = "id";
    static final String COMPANY = "company";
    static final String ADMIN_NAME = "adminName";
    static final String ADMIN_EMAIL = "adminEmail";
    static final String ADMIN_PASSWORD = "adminPassword";
    static final String SEND_PASSWORD_RESET_EMAIL = "sendPasswordResetEmail";
    static final String CONTACT_NAME = "contactName";
    static final String CONTACT_PHONE = "contactPhone";
    static final String EXTERNAL_REFERENCE = "externalReference";
    static final String STATUS = "status";
    /** The operator's approval mode for this tenant ("off", "available", "only"); null: the platform's. */
    static final String APPROVAL_MODE = "approvalMode";

    /** Lowercase letters, digits, '.', '_' and '-', starting and ending with a letter or digit; at most 63 characters. */
    private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9](?:[a-z0-9._-]{0,61}[a-z0-9])?");
    private static final Pattern PHONE = Pattern.compile("[0-9+()/. -]{1,32}");
    private static final int MAX_TEXT = 255;

    private static final Set<String> EDITABLE = Set.of(COMPANY, ADMIN_EMAIL, CONTACT_NAME, CONTACT_PHONE, EXTERNAL_REFERENCE);
    private static final Set<String> CREATE_FIELDS = Set.of(ID, COMPANY, ADMIN_NAME, ADMIN_EMAIL, ADMIN_PASSWORD,
            SEND_PASSWORD_RESET_EMAIL, CONTACT_NAME, CONTACT_PHONE, EXTERNAL_REFERENCE);
    /**
     * No password and no reset link: the platform enters a tenant only through support access, so an
     * edit must not let an operator take over the tenant's administrator.
     */
    private static final Set<String> UPDATE_FIELDS = Set.of(ID, COMPANY, ADMIN_NAME, ADMIN_EMAIL, CONTACT_NAME, CONTACT_PHONE,
            EXTERNAL_REFERENCE, STATUS, APPROVAL_MODE);

    String text(String field) {
        String value = texts.get(field);
        return value == null || value.isEmpty() ? null : value;
    }

    boolean has(String field) {
        return texts.containsKey(field);
    }

    static TenantForm forCreation(JsonNode json) {
        JsonBody.requireKnownFields(json, CREATE_FIELDS);
        String id = tenantId(json);
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put(COMPANY, required(json, COMPANY));
        texts.put(ADMIN_NAME, required(json, ADMIN_NAME));
        for (String field : new String[] {ADMIN_EMAIL, CONTACT_NAME, CONTACT_PHONE, EXTERNAL_REFERENCE}) {
            putOptional(json, field, texts);
        }
        TenantForm form = new TenantForm(id, texts, password(json), sendReset(json));
        if ((form.adminPassword() == null) == !form.sendPasswordResetEmail()) {
            throw new InvalidInput("Give either '" + ADMIN_PASSWORD + "' or '\"" + SEND_PASSWORD_RESET_EMAIL + "\": true' (not both)");
        }
        if (form.sendPasswordResetEmail() && form.text(ADMIN_EMAIL) == null) {
            throw new InvalidInput("'" + SEND_PASSWORD_RESET_EMAIL + "' needs the administrator's e-mail ('" + ADMIN_EMAIL + "')");
        }
        return form;
    }

    /**
     * An edit of tenant {@code tenantId} whose administrator is {@code adminName} ({@code null} when
     * unknown) and whose status is {@code status}.
     */
    static TenantForm forUpdate(JsonNode json, String tenantId, String adminName, String status) {
        JsonBody.requireKnownFields(json, UPDATE_FIELDS);
        requireUnchanged(json, ID, tenantId, "The tenant ID cannot be changed");
        requireUnchanged(json, ADMIN_NAME, adminName, "The administrator's username cannot be changed");
        requireUnchanged(json, STATUS, status, "The status is changed by suspending or activating the tenant");
        Map<String, String> texts = new LinkedHashMap<>();
        for (String field : EDITABLE) {
            putOptional(json, field, texts);
        }
        if (texts.containsKey(COMPANY) && texts.get(COMPANY).isEmpty()) {
            throw new InvalidInput("'" + COMPANY + "' cannot be empty");
        }
        return new TenantForm(tenantId, texts, null, false);
    }

    private static String tenantId(JsonNode json) {
        JsonNode value = json.get(ID);
        if (value == null || value.isNull()) {
            throw new InvalidInput("'" + ID + "' (the tenant ID) is required");
        }
        if (!value.isTextual() || !TENANT_ID.matcher(value.textValue()).matches()) {
            throw new InvalidInput("'" + ID + "' must be 1 to 63 lowercase letters, digits, '.', '_' or '-', starting and ending "
                    + "with a letter or digit (got '" + InvalidInput.shorten(value.asText()) + "')");
        }
        return value.textValue();
    }

    private static String required(JsonNode json, String field) {
        String value = optional(json, field);
        if (value == null || value.isEmpty()) {
            throw new InvalidInput("'" + field + "' is required");
        }
        return value;
    }

    private static void putOptional(JsonNode json, String field, Map<String, String> texts) {
        if (json.has(field)) {
            String value = optional(json, field);
            texts.put(field, value == null ? "" : value);
        }
    }

    /** A string of at most 255 characters without control characters, stripped; null when absent or JSON null. */
    private static String optional(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInput("'" + field + "' must be a string");
        }
        String text = value.textValue().strip();
        if (text.length() > MAX_TEXT) {
            throw new InvalidInput("'" + field + "' must be at most " + MAX_TEXT + " characters");
        }
        if (text.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("'" + field + "' must not contain control characters");
        }
        if (field.equals(CONTACT_PHONE) && !text.isEmpty() && !PHONE.matcher(text).matches()) {
            throw new InvalidInput("'" + CONTACT_PHONE + "' must be at most 32 digits, spaces and + ( ) / . -");
        }
        return text;
    }

    private static String password(JsonNode json) {
        JsonNode value = json.get(ADMIN_PASSWORD);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.textValue().isEmpty() || value.textValue().length() > MAX_TEXT) {
            throw new InvalidInput("'" + ADMIN_PASSWORD + "' must be a non-empty string of at most " + MAX_TEXT + " characters");
        }
        return value.textValue();
    }

    private static boolean sendReset(JsonNode json) {
        JsonNode value = json.get(SEND_PASSWORD_RESET_EMAIL);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new InvalidInput("'" + SEND_PASSWORD_RESET_EMAIL + "' must be true or false");
        }
        return value.booleanValue();
    }

    private static void requireUnchanged(JsonNode json, String field, String current, String message) {
        JsonNode value = json.get(field);
        if (value != null && !value.isNull() && !(value.isTextual() && value.textValue().equals(current))) {
            throw new InvalidInput(message);
        }
    }
}

package io.supportaccess.keycloak.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.supportaccess.keycloak.InvalidInput;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a request body that must be a JSON object, and its fields. Resources take the body as a
 * {@code String} (so that malformed JSON is ours to answer, not Keycloak's) and call {@link #object}.
 * A body over {@value #MAX_CHARS} characters is a 413, anything else that is not a JSON object a 400;
 * the field readers throw {@link InvalidInput} (400) naming the field.
 */
public final class JsonBody {

    public static final int MAX_CHARS = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonBody() {
    }

    public static ObjectNode object(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("The request body must be a JSON object");
        }
        if (body.length() > MAX_CHARS) {
            throw ApiException.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "The request body exceeds " + MAX_CHARS + " characters");
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("The request body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object");
        }
        return (ObjectNode) json;
    }

    /** Refuses a field that is not one of {@code allowed}. */
    public static void requireKnownFields(JsonNode json, Set<String> allowed) {
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidInput("Unknown field '" + InvalidInput.shorten(name) + "'; allowed: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    /** A non-empty string of at most 255 characters, stripped; null when absent (or JSON null) and not required. */
    public static String text(JsonNode json, String field, boolean required) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidInput("'" + field + "' is required");
            }
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank() || value.textValue().length() > 255) {
            throw new InvalidInput("'" + field + "' must be a non-empty string of at most 255 characters");
        }
        return value.textValue().strip();
    }

    public static boolean bool(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isBoolean()) {
            throw new InvalidInput("'" + field + "' must be true or false");
        }
        return value.booleanValue();
    }

    /** A whole number from {@code min} to {@code max}; {@code unit} names it in the message ("hours"). */
    public static int wholeNumber(JsonNode json, String field, int min, int max, String unit) {
        JsonNode value = json.get(field);
        if (value == null || !value.isInt() || value.intValue() < min || value.intValue() > max) {
            throw new InvalidInput("'" + field + "' must be a whole number of " + unit + " from " + min + " to " + max);
        }
        return value.intValue();
    }

    /** A list of at most {@code maxItems} strings; {@code what} names the items in the message ("tenant IDs"). */
    public static List<String> strings(JsonNode json, String field, int maxItems, String what) {
        JsonNode value = json.get(field);
        if (value == null || !value.isArray()) {
            throw new InvalidInput("'" + field + "' must be a list of " + what);
        }
        if (value.size() > maxItems) {
            throw new InvalidInput("'" + field + "': at most " + maxItems + " " + what + " may be listed");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new InvalidInput("'" + field + "' must be a list of " + what + " (strings)");
            }
            items.add(item.textValue());
        }
        return items;
    }
}

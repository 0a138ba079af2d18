package io.supportaccess.keycloak.inventory.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.supportaccess.keycloak.inventory.InventoryException;
import io.supportaccess.keycloak.inventory.Permission;
import io.supportaccess.keycloak.rest.ApiError;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The inventory API's request bodies: one JSON object each, its fields read and checked here. */
final class InventoryBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 256 * 1024;
    private static final int MAX_PERMISSIONS = 200;

    private InventoryBodies() {
    }

    /** Parses the body as a JSON object and hands it to the handler; a missing, oversized or malformed body is a 4xx. */
    static Response handle(String body, Function<JsonNode, Response> handler) {
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
        return InventoryRequest.answer(() -> handler.apply(json));
    }

    static String text(JsonNode json, String field, boolean required) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw invalid("'" + field + "' is required");
            }
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank() || value.textValue().length() > 255) {
            throw invalid("'" + field + "' must be a non-empty string of at most 255 characters");
        }
        return value.textValue().strip();
    }

    static List<Permission> permissions(JsonNode json) {
        JsonNode list = json.get("permissions");
        List<Permission> permissions = new ArrayList<>();
        if (list == null || list.isNull()) {
            return permissions;
        }
        if (!list.isArray() || list.size() > MAX_PERMISSIONS) {
            throw invalid("'permissions' must be a list of at most " + MAX_PERMISSIONS + " {scope, type, level}");
        }
        for (JsonNode p : list) {
            if (!p.isObject() || !p.path("scope").isTextual() || !p.path("level").isTextual()
                    || (p.has("type") && !p.get("type").isTextual())) {
                throw invalid("each permission is {\"scope\": ..., \"type\": ..., \"level\": ...}");
            }
            permissions.add(permission(p.get("scope").textValue(), p.has("type") ? p.get("type").textValue() : null, p.get("level").textValue()));
        }
        return permissions;
    }

    static Permission permission(String scope, String type, String level) {
        try {
            return Permission.parse(scope, type, level);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    static List<String> roleIds(JsonNode json) {
        JsonNode roles = json.get("roles");
        if (roles == null || !roles.isArray()) {
            throw invalid("'roles' must be a list of inventory role ids");
        }
        List<String> roleIds = new ArrayList<>();
        for (JsonNode role : roles) {
            if (!role.isTextual()) {
                throw invalid("'roles' must be a list of inventory role ids");
            }
            roleIds.add(role.textValue());
        }
        return roleIds;
    }

    static InventoryException invalid(String message) {
        return new InventoryException(InventoryException.Kind.INVALID, message);
    }
}

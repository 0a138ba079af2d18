package io.supportaccess.keycloak.configcode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.inventory.Inventory;
import io.supportaccess.keycloak.inventory.Permission;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The document of schema {@value #SCHEMA}: a {@link RealmConfiguration} written as JSON, and read
 * back with every field checked. A refusal names the field by its path ({@code assignments[2].user})
 * and says why.
 */
public final class ConfigurationDocument {

    public static final String SCHEMA = "support-access/1";
    /**
     * The largest document read, in characters: 10 MB, below the 10 MiB that Keycloak's HTTP layer
     * accepts at all, so that the import answers a larger document itself.
     */
    public static final int MAX_CHARS = 10_000_000;
    public static final ObjectMapper JSON = new ObjectMapper();

    static final String HISTORY = "history";
    static final String SETTINGS = "settings";
    private static final Set<String> TOP_LEVEL = Set.of("schema", "realm", "exportedAt", "inventory", "inventoryRoles", "assignments",
            "userHierarchy", SETTINGS, HISTORY);
    private static final int MAX_NAME = 255;
    private static final int MAX_PROPERTIES = 4000;

    private ConfigurationDocument() {
    }

    // --- writing

    static ObjectNode write(RealmConfiguration configuration) {
        ObjectNode document = JSON.createObjectNode();
        document.put("schema", SCHEMA);
        document.put("realm", configuration.realm());
        ArrayNode objects = document.putObject("inventory").putArray("objects");
        configuration.objects().forEach((key, spec) -> {
            ObjectNode object = objects.addObject();
            if (!key.equals(spec.name())) {
                object.put("key", key);
            }
            object.put("name", spec.name());
            object.put("type", spec.type());
            if (spec.group()) {
                object.put("group", true);
            }
            if (spec.properties() != null && !Inventory.TENANT_TYPE.equals(spec.type())) {
                object.set("properties", spec.properties());
            }
            if (spec.group()) {
                spec.children().forEach(object.putArray("children")::add);
            }
        });
        ArrayNode roles = document.putArray("inventoryRoles");
        configuration.roles().forEach((name, spec) -> {
            ObjectNode role = roles.addObject().put("name", name);
            if (spec.description() != null) {
                role.put("description", spec.description());
            }
            ArrayNode permissions = role.putArray("permissions");
            spec.permissions().forEach(p -> permissions.addObject().put("scope", p.scope().name()).put("type", p.type()).put("level", p.level().name()));
        });
        ArrayNode assignments = document.putArray("assignments");
        new TreeSet<>(configuration.assignments().keySet()).forEach(key -> {
            ObjectNode assignment = assignments.addObject().put("user", key.user()).put("group", key.group());
            configuration.assignments().get(key).forEach(assignment.putArray("roles")::add);
        });
        ArrayNode hierarchy = document.putArray("userHierarchy");
        new TreeSet<>(configuration.hierarchy().keySet()).forEach(user -> {
            RealmConfiguration.HierarchySpec spec = configuration.hierarchy().get(user);
            ObjectNode row = hierarchy.addObject().put("user", user);
            if (spec.owner() != null) {
                row.put("owner", spec.owner());
            }
            if (spec.delegatedBy() != null) {
                row.put("delegatedBy", spec.delegatedBy());
            }
        });
        if (configuration.settings() != null) {
            document.set(SETTINGS, JSON.valueToTree(configuration.settings()));
        }
        return document;
    }

    // --- reading

    /** The document's schema and top-level fields checked; what must not come from a file refused by name. */
    static void checkTopLevel(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new InvalidInput("The document must be a JSON object");
        }
        JsonNode schema = document.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw new InvalidInput("schema: missing; this server reads \"" + SCHEMA + "\"");
        }
        if (!SCHEMA.equals(schema.textValue())) {
            throw new InvalidInput("schema: unknown version \"" + InvalidInput.shorten(schema.textValue()) + "\"; this server reads \"" + SCHEMA + "\"");
        }
        for (Iterator<String> names = document.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)) {
                String why = name.toLowerCase(java.util.Locale.ROOT).contains("request") || name.toLowerCase(java.util.Locale.ROOT).contains("grant")
                        ? ": support requests and grants are never imported (a tenant opens only by its own request or by the platform setting)"
                        : "; known: " + String.join(", ", new TreeSet<>(TOP_LEVEL));
                throw new InvalidInput(InvalidInput.shorten(name) + ": unknown field" + why);
            }
        }
        text(document, "realm", "realm", true);
    }

    static String realmOf(JsonNode document) {
        return document.get("realm").textValue();
    }

    static RealmConfiguration read(JsonNode document) {
        RealmConfiguration configuration = RealmConfiguration.empty(realmOf(document));
        JsonNode inventory = optional(document, "inventory", "inventory", true);
        if (inventory != null) {
            knownFields(inventory, "inventory", Set.of("objects"));
            readObjects(array(inventory, "objects", "inventory.objects"), configuration);
        }
        readRoles(array(document, "inventoryRoles", "inventoryRoles"), configuration);
        readAssignments(array(document, "assignments", "assignments"), configuration);
        readHierarchy(array(document, "userHierarchy", "userHierarchy"), configuration);
        return configuration;
    }

    private static void readObjects(JsonNode objects, RealmConfiguration into) {
        int i = 0;
        for (JsonNode object : objects) {
            String path = "inventory.objects[" + i++ + "]";
            requireObject(object, path);
            knownFields(object, path, Set.of("key", "name", "type", "group", "properties", "children"));
            String name = text(object, "name", path + ".name", true);
            String key = object.has("key") ? text(object, "key", path + ".key", true) : name;
            String type = text(object, "type", path + ".type", true);
            boolean group = object.has("group") ? bool(object.get("group"), path + ".group") : Inventory.GROUP_TYPE.equals(type);
            JsonNode properties = optional(object, "properties", path + ".properties", true);
            if (properties != null && properties.toString().length() > MAX_PROPERTIES) {
                throw new InvalidInput(path + ".properties: longer than " + MAX_PROPERTIES + " characters");
            }
            TreeSet<String> children = new TreeSet<>();
            JsonNode list = array(object, "children", path + ".children");
            if (!group && !list.isEmpty()) {
                throw new InvalidInput(path + ".children: only a group has children");
            }
            int c = 0;
            for (JsonNode child : list) {
                children.add(textValue(child, path + ".children[" + c++ + "]"));
            }
            if (into.objects().put(key, new RealmConfiguration.ObjectSpec(name, type, group,
                    properties == null || properties.isEmpty() ? null : properties, children)) != null) {
                throw new InvalidInput(path + ".key: \"" + InvalidInput.shorten(key) + "\" is given twice; give repeated names a \"key\" of their own");
            }
        }
    }

    private static void readRoles(JsonNode roles, RealmConfiguration into) {
        int i = 0;
        for (JsonNode role : roles) {
            String path = "inventoryRoles[" + i++ + "]";
            requireObject(role, path);
            knownFields(role, path, Set.of("name", "description", "permissions"));
            String name = text(role, "name", path + ".name", true);
            String description = text(role, "description", path + ".description", false);
            Set<Permission> permissions = new LinkedHashSet<>();
            int p = 0;
            for (JsonNode permission : array(role, "permissions", path + ".permissions")) {
                String at = path + ".permissions[" + p++ + "]";
                requireObject(permission, at);
                knownFields(permission, at, Set.of("scope", "type", "level"));
                try {
                    permissions.add(Permission.parse(text(permission, "scope", at + ".scope", true), text(permission, "type", at + ".type", false),
                            text(permission, "level", at + ".level", true)));
                } catch (InvalidInput e) {
                    throw e.getMessage().startsWith(at) ? e : new InvalidInput(at + ": " + e.getMessage());
                }
            }
            if (into.roles().put(name, new RealmConfiguration.RoleSpec(description, permissions)) != null) {
                throw new InvalidInput(path + ".name: the role \"" + InvalidInput.shorten(name) + "\" is given twice");
            }
        }
    }

    private static void readAssignments(JsonNode assignments, RealmConfiguration into) {
        int i = 0;
        for (JsonNode assignment : assignments) {
            String path = "assignments[" + i++ + "]";
            requireObject(assignment, path);
            knownFields(assignment, path, Set.of("user", "group", "roles"));
            RealmConfiguration.AssignmentKey key = new RealmConfiguration.AssignmentKey(text(assignment, "user", path + ".user", true),
                    text(assignment, "group", path + ".group", true));
            TreeSet<String> roles = new TreeSet<>();
            int r = 0;
            for (JsonNode role : array(assignment, "roles", path + ".roles")) {
                roles.add(textValue(role, path + ".roles[" + r++ + "]"));
            }
            if (into.assignments().put(key, roles) != null) {
                throw new InvalidInput(path + ": user \"" + InvalidInput.shorten(key.user()) + "\" on group \"" + InvalidInput.shorten(key.group())
                        + "\" is given twice");
            }
        }
    }

    private static void readHierarchy(JsonNode rows, RealmConfiguration into) {
        int i = 0;
        for (JsonNode row : rows) {
            String path = "userHierarchy[" + i++ + "]";
            requireObject(row, path);
            knownFields(row, path, Set.of("user", "owner", "delegatedBy"));
            String user = text(row, "user", path + ".user", true);
            String owner = text(row, "owner", path + ".owner", false);
            String delegatedBy = text(row, "delegatedBy", path + ".delegatedBy", false);
            if (user.equals(owner)) {
                throw new InvalidInput(path + ".owner: a user cannot be their own owner");
            }
            if (user.equals(delegatedBy)) {
                throw new InvalidInput(path + ".delegatedBy: a user cannot delegate to themselves");
            }
            if (into.hierarchy().put(user, new RealmConfiguration.HierarchySpec(owner, delegatedBy)) != null) {
                throw new InvalidInput(path + ".user: \"" + InvalidInput.shorten(user) + "\" is given twice");
            }
        }
    }

    // --- field readers

    private static void requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new InvalidInput(path + ": must be a JSON object");
        }
    }

    private static void knownFields(JsonNode node, String path, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidInput(path + "." + InvalidInput.shorten(name) + ": unknown field; known: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    private static JsonNode optional(JsonNode node, String field, String path, boolean object) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (object && !value.isObject()) {
            throw new InvalidInput(path + ": must be a JSON object");
        }
        return value;
    }

    private static JsonNode array(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return JSON.createArrayNode();
        }
        if (!value.isArray()) {
            throw new InvalidInput(path + ": must be a list");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String path, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidInput(path + ": missing");
            }
            return null;
        }
        return textValue(value, path);
    }

    private static String textValue(JsonNode value, String path) {
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new InvalidInput(path + ": must be a non-empty string");
        }
        if (value.textValue().length() > MAX_NAME) {
            throw new InvalidInput(path + ": longer than " + MAX_NAME + " characters");
        }
        return value.textValue();
    }

    private static boolean bool(JsonNode value, String path) {
        if (!value.isBoolean()) {
            throw new InvalidInput(path + ": must be true or false");
        }
        return value.booleanValue();
    }
}

package io.supportaccess.keycloak.inventory.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.supportaccess.keycloak.inventory.Assignment;
import io.supportaccess.keycloak.inventory.Inventory;
import io.supportaccess.keycloak.inventory.InventoryRole;
import io.supportaccess.keycloak.inventory.ManagedObject;
import io.supportaccess.keycloak.inventory.Permission;
import io.supportaccess.keycloak.inventory.TenantProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** The JSON shapes of the inventory API, made from the inventory's read models. */
final class InventoryRepresentations {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Inventory inventory;

    InventoryRepresentations(KeycloakSession session, RealmModel realm, Inventory inventory) {
        this.session = session;
        this.realm = realm;
        this.inventory = inventory;
    }

    /** A managed object; a tenant object's properties are read from its realm, a group lists its children. */
    Map<String, Object> object(ManagedObject o) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", o.id());
        json.put("name", o.name());
        json.put("type", o.type());
        json.put("group", o.group());
        RealmModel tenant = o.isTenantObject() ? session.realms().getRealmByName(o.name()) : null;
        json.put("properties", tenant != null ? TenantProperties.map(tenant, Map.of()) : storedProperties(o));
        if (o.group()) {
            json.put("children", inventory.children(realm, o.id()));
        }
        return json;
    }

    /** An inventory role; a permission that another of the role covers says {@code "effective": false}. */
    static Map<String, Object> role(InventoryRole role) {
        List<Permission> all = role.permissions();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", role.id());
        json.put("name", role.name());
        json.put("description", role.description());
        json.put("permissions", all.stream().map(p -> {
            Map<String, Object> permission = new LinkedHashMap<>();
            permission.put("scope", p.scope().name());
            permission.put("type", p.type());
            permission.put("level", p.level().name());
            permission.put("effective", !p.isShadowedBy(all));
            return permission;
        }).toList());
        return json;
    }

    /** A user's assignments, one entry per group with the roles held on it. */
    static List<Map<String, Object>> assignments(List<Assignment> assignments) {
        Map<String, List<Assignment>> byGroup = assignments.stream()
                .collect(Collectors.groupingBy(Assignment::groupId, LinkedHashMap::new, Collectors.toList()));
        return byGroup.values().stream().map(held -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("groupId", held.get(0).groupId());
            entry.put("groupName", held.get(0).groupName());
            entry.put("roles", held.stream().map(a -> Map.of("id", a.roleId(), "name", a.roleName())).toList());
            return entry;
        }).toList();
    }

    private static Object storedProperties(ManagedObject o) {
        try {
            return o.properties() == null ? Map.of() : JSON.readValue(o.properties(), Map.class);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}

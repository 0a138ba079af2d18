package io.supportaccess.keycloak.configcode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.supportaccess.keycloak.hierarchy.UserHierarchyEntity;
import io.supportaccess.keycloak.inventory.InventoryAssignmentEntity;
import io.supportaccess.keycloak.inventory.InventoryPermissionEntity;
import io.supportaccess.keycloak.inventory.InventoryRoleEntity;
import io.supportaccess.keycloak.inventory.ManagedObjectChildEntity;
import io.supportaccess.keycloak.inventory.ManagedObjectEntity;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What a realm holds now, read with a handful of queries, as a {@link RealmConfiguration} together
 * with the database ids behind its names (for the import that changes it).
 */
final class CurrentConfiguration {

    private static final ObjectMapper JSON = new ObjectMapper();

    final RealmConfiguration configuration;
    final Map<String, String> objectIdByKey = new HashMap<>();
    final Map<String, String> roleIdByName = new HashMap<>();
    final Map<String, String> userIdByName = new HashMap<>();

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Map<String, String> usernameById = new HashMap<>();

    private CurrentConfiguration(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.configuration = RealmConfiguration.empty(realm.getName());
    }

    static CurrentConfiguration read(KeycloakSession session, RealmModel realm) {
        CurrentConfiguration current = new CurrentConfiguration(session, realm);
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        current.readObjects(em);
        current.readRoles(em);
        current.readAssignments(em);
        current.readHierarchy(em);
        return current;
    }

    /** The user's id, looked up by username once; null when the realm has no such user. */
    String userId(String username) {
        return userIdByName.computeIfAbsent(username, name -> {
            UserModel user = session.users().getUserByUsername(realm, name);
            return user == null ? null : user.getId();
        });
    }

    private String username(String userId) {
        return usernameById.computeIfAbsent(userId, id -> {
            UserModel user = session.users().getUserById(realm, id);
            if (user != null) {
                userIdByName.put(user.getUsername(), id);
            }
            return user == null ? null : user.getUsername();
        });
    }

    private void readObjects(EntityManager em) {
        List<ManagedObjectEntity> objects = em.createQuery("select m from ManagedObjectEntity m where m.realmId = :realmId",
                ManagedObjectEntity.class).setParameter("realmId", realm.getId()).getResultList();
        Map<String, String> keyById = new HashMap<>();
        Map<String, List<ManagedObjectEntity>> byName = objects.stream()
                .collect(Collectors.groupingBy(ManagedObjectEntity::getName, java.util.TreeMap::new, Collectors.toList()));
        for (List<ManagedObjectEntity> sameName : byName.values()) {
            // repeated names are told apart by what they are, then by creation (ids), the same way on every server
            sameName.sort(Comparator.comparing(ManagedObjectEntity::getType)
                    .thenComparing(o -> Objects.toString(o.getProperties(), ""))
                    .thenComparing(ManagedObjectEntity::getId));
            for (int i = 0; i < sameName.size(); i++) {
                ManagedObjectEntity object = sameName.get(i);
                String key = i == 0 ? object.getName() : object.getName() + "#" + (i + 1);
                keyById.put(object.getId(), key);
                objectIdByKey.put(key, object.getId());
            }
        }
        Map<String, TreeSet<String>> children = new HashMap<>();
        em.createQuery("select c from ManagedObjectChildEntity c where c.realmId = :realmId", ManagedObjectChildEntity.class)
                .setParameter("realmId", realm.getId()).getResultStream()
                .filter(c -> keyById.containsKey(c.getParentId()) && keyById.containsKey(c.getChildId()))
                .forEach(c -> children.computeIfAbsent(c.getParentId(), p -> new TreeSet<>()).add(keyById.get(c.getChildId())));
        objects.stream().sorted(Comparator.comparing(o -> keyById.get(o.getId()))).forEach(o -> configuration.objects().put(
                keyById.get(o.getId()), new RealmConfiguration.ObjectSpec(o.getName(), o.getType(), o.isGroup(), properties(o.getProperties()),
                        children.getOrDefault(o.getId(), new TreeSet<>()))));
    }

    private void readRoles(EntityManager em) {
        for (InventoryRoleEntity role : em.createNamedQuery("inventoryRole.byRealm", InventoryRoleEntity.class)
                .setParameter("realmId", realm.getId()).getResultList()) {
            roleIdByName.put(role.getName(), role.getId());
            configuration.roles().put(role.getName(), new RealmConfiguration.RoleSpec(role.getDescription(),
                    role.getPermissions().stream().map(InventoryPermissionEntity::toPermission).collect(Collectors.toCollection(LinkedHashSet::new))));
        }
    }

    private void readAssignments(EntityManager em) {
        Map<String, String> roleNameById = new HashMap<>();
        roleIdByName.forEach((name, id) -> roleNameById.put(id, name));
        Map<String, String> keyById = new HashMap<>();
        objectIdByKey.forEach((key, id) -> keyById.put(id, key));
        List<InventoryAssignmentEntity> rows = new ArrayList<>(em.createQuery(
                "select a from InventoryAssignmentEntity a where a.realmId = :realmId", InventoryAssignmentEntity.class)
                .setParameter("realmId", realm.getId()).getResultList());
        for (InventoryAssignmentEntity row : rows) {
            String user = username(row.getUserId());
            String group = keyById.get(row.getGroupId());
            String role = roleNameById.get(row.getRoleId());
            if (user != null && group != null && role != null) {
                configuration.assignments().computeIfAbsent(new RealmConfiguration.AssignmentKey(user, group), k -> new TreeSet<>()).add(role);
            }
        }
    }

    private void readHierarchy(EntityManager em) {
        for (UserHierarchyEntity row : em.createQuery("select h from UserHierarchyEntity h where h.realmId = :realmId",
                UserHierarchyEntity.class).setParameter("realmId", realm.getId()).getResultList()) {
            String user = username(row.getUserId());
            String owner = row.getOwnerId() == null ? null : username(row.getOwnerId());
            String delegatedBy = row.getDelegatedBy() == null ? null : username(row.getDelegatedBy());
            if (user != null && (owner != null || delegatedBy != null)) {
                configuration.hierarchy().put(user, new RealmConfiguration.HierarchySpec(owner, delegatedBy));
            }
        }
    }

    static JsonNode properties(String stored) {
        if (stored == null || stored.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(stored);
            return node != null && node.isObject() && !node.isEmpty() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}

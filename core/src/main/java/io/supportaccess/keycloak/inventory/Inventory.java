package io.supportaccess.keycloak.inventory;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Managed-object groups, inventory roles and their assignments, per realm, in the Keycloak
 * database. Permission checks walk up from the object through its groups: the cost grows with
 * the depth of the group tree, not with the number of objects, groups or assignments.
 */
public final class Inventory {

    public static final String TENANT_TYPE = "c8y_Tenant";
    public static final String GROUP_TYPE = "c8y_DeviceGroup";
    /** Ids per IN-list query, well below every database's limit of bind parameters. */
    private static final int QUERY_BATCH = 1000;

    private final EntityManager em;

    public Inventory(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    // --- managed objects and groups

    public Optional<ManagedObjectEntity> object(String realmId, String id) {
        ManagedObjectEntity object = id == null ? null : em.find(ManagedObjectEntity.class, id);
        return object != null && object.getRealmId().equals(realmId) ? Optional.of(object) : Optional.empty();
    }

    public Optional<ManagedObjectEntity> tenantObject(String managementRealmId, String tenantId) {
        return em.createNamedQuery("managedObject.byRealmTypeName", ManagedObjectEntity.class)
                .setParameter("realmId", managementRealmId).setParameter("type", TENANT_TYPE).setParameter("name", tenantId)
                .setMaxResults(1).getResultStream().findFirst();
    }

    /** The tenant management object of a tenant realm, created when missing; its properties follow the realm. */
    public ManagedObjectEntity ensureTenantObject(RealmModel management, RealmModel tenant) {
        return ensureTenantObject(management, tenant, Map.of());
    }

    public ManagedObjectEntity ensureTenantObject(RealmModel management, RealmModel tenant, Map<String, String> pendingAttributes) {
        ManagedObjectEntity object = tenantObject(management.getId(), tenant.getName()).orElse(null);
        if (object == null) {
            object = new ManagedObjectEntity();
            object.setId(KeycloakModelUtils.generateId());
            object.setRealmId(management.getId());
            object.setName(tenant.getName());
            object.setType(TENANT_TYPE);
            object.setGroup(false);
            em.persist(object);
        }
        object.setProperties(TenantProperties.of(tenant, pendingAttributes));
        return object;
    }

    public void removeTenantObject(String managementRealmId, String tenantId) {
        tenantObject(managementRealmId, tenantId).ifPresent(o -> deleteObject(o.getId()));
    }

    public List<ManagedObjectEntity> objects(String realmId, String type) {
        return (type == null
                ? em.createNamedQuery("managedObject.byRealm", ManagedObjectEntity.class)
                : em.createNamedQuery("managedObject.byRealmAndType", ManagedObjectEntity.class).setParameter("type", type))
                .setParameter("realmId", realmId).getResultList();
    }

    public ManagedObjectEntity createObject(String realmId, String name, String type) {
        ManagedObjectEntity object = new ManagedObjectEntity();
        object.setId(KeycloakModelUtils.generateId());
        object.setRealmId(realmId);
        object.setName(name);
        object.setType(type);
        object.setGroup(false);
        em.persist(object);
        return object;
    }

    public ManagedObjectEntity createGroup(String realmId, String name, String description) {
        ManagedObjectEntity group = new ManagedObjectEntity();
        group.setId(KeycloakModelUtils.generateId());
        group.setRealmId(realmId);
        group.setName(name);
        group.setType(GROUP_TYPE);
        group.setGroup(true);
        group.setProperties(description == null ? null : TenantProperties.json(Map.of("description", description)));
        em.persist(group);
        return group;
    }

    /** Puts {@code childId} (a subgroup or any object) into group {@code parentId}; refuses cycles. */
    public void addChild(String realmId, String parentId, String childId) {
        ManagedObjectEntity parent = object(realmId, parentId).filter(ManagedObjectEntity::isGroup)
                .orElseThrow(() -> new InventoryException(InventoryException.Kind.NOT_FOUND, "No group " + parentId));
        object(realmId, childId).orElseThrow(() -> new InventoryException(InventoryException.Kind.NOT_FOUND, "No managed object " + childId));
        if (parentId.equals(childId) || ancestors(List.of(parentId)).contains(childId)) {
            throw new InventoryException(InventoryException.Kind.CONFLICT, "A group cannot contain itself or one of its ancestors");
        }
        boolean present = !em.createNamedQuery("moChild.find", ManagedObjectChildEntity.class)
                .setParameter("parentId", parent.getId()).setParameter("childId", childId).getResultList().isEmpty();
        if (!present) {
            ManagedObjectChildEntity link = new ManagedObjectChildEntity();
            link.setId(KeycloakModelUtils.generateId());
            link.setRealmId(realmId);
            link.setParentId(parentId);
            link.setChildId(childId);
            em.persist(link);
        }
    }

    public boolean removeChild(String parentId, String childId) {
        List<ManagedObjectChildEntity> links = em.createNamedQuery("moChild.find", ManagedObjectChildEntity.class)
                .setParameter("parentId", parentId).setParameter("childId", childId).getResultList();
        links.forEach(em::remove);
        return !links.isEmpty();
    }

    public List<String> children(String groupId) {
        return em.createNamedQuery("moChild.childrenOf", String.class).setParameter("id", groupId).getResultList();
    }

    /** Deletes an object with its memberships and the assignments on it; its children stay. */
    public void deleteObject(String id) {
        em.createNamedQuery("moChild.deleteTouching").setParameter("id", id).executeUpdate();
        em.createNamedQuery("assignment.deleteByGroup").setParameter("groupId", id).executeUpdate();
        ManagedObjectEntity object = em.find(ManagedObjectEntity.class, id);
        if (object != null) {
            em.remove(object);
        }
    }

    /** All groups above the given objects (not the objects themselves), to the top of every chain: one query per level. */
    public Set<String> ancestors(Collection<String> objectIds) {
        return AncestorWalk.ancestors(objectIds, this::parentsOf);
    }

    private List<String> parentsOf(Set<String> ids) {
        if (ids.size() == 1) {
            return em.createNamedQuery("moChild.parentsOfOne", String.class).setParameter("id", ids.iterator().next()).getResultList();
        }
        return inBatches(ids, batch -> em.createNamedQuery("moChild.parentsOf", String.class).setParameter("ids", batch).getResultList());
    }

    private static <T> List<T> inBatches(Collection<String> ids, Function<List<String>, List<T>> query) {
        List<String> all = new ArrayList<>(ids);
        List<T> results = new ArrayList<>();
        for (int from = 0; from < all.size(); from += QUERY_BATCH) {
            results.addAll(query.apply(all.subList(from, Math.min(all.size(), from + QUERY_BATCH))));
        }
        return results;
    }

    // --- inventory roles

    public List<InventoryRoleEntity> roles(String realmId) {
        return em.createNamedQuery("inventoryRole.byRealm", InventoryRoleEntity.class).setParameter("realmId", realmId).getResultList();
    }

    public Optional<InventoryRoleEntity> role(String realmId, String id) {
        InventoryRoleEntity role = id == null ? null : em.find(InventoryRoleEntity.class, id);
        return role != null && role.getRealmId().equals(realmId) ? Optional.of(role) : Optional.empty();
    }

    public InventoryRoleEntity saveRole(String realmId, InventoryRoleEntity existing, String name, String description, List<Permission> permissions) {
        boolean nameTaken = em.createNamedQuery("inventoryRole.byRealmAndName", InventoryRoleEntity.class)
                .setParameter("realmId", realmId).setParameter("name", name).getResultStream()
                .anyMatch(r -> existing == null || !r.getId().equals(existing.getId()));
        if (nameTaken) {
            throw new InventoryException(InventoryException.Kind.CONFLICT, "An inventory role named '" + name + "' exists");
        }
        InventoryRoleEntity role = existing;
        if (role == null) {
            role = new InventoryRoleEntity();
            role.setId(KeycloakModelUtils.generateId());
            role.setRealmId(realmId);
        }
        role.setName(name);
        role.setDescription(description);
        if (existing == null) {
            em.persist(role);
        } else {
            role.getPermissions().clear();
            em.flush();
        }
        for (Permission permission : permissions) {
            InventoryPermissionEntity entity = new InventoryPermissionEntity();
            entity.setId(KeycloakModelUtils.generateId());
            entity.setRole(role);
            entity.setScope(permission.scope().name());
            entity.setType(permission.type());
            entity.setLevel(permission.level().name());
            role.getPermissions().add(entity);
        }
        return role;
    }

    public void deleteRole(InventoryRoleEntity role) {
        em.createNamedQuery("assignment.deleteByRole").setParameter("roleId", role.getId()).executeUpdate();
        em.remove(role);
    }

    // --- assignments

    public List<InventoryAssignmentEntity> assignments(String realmId, String userId) {
        return em.createNamedQuery("assignment.byUser", InventoryAssignmentEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).getResultList();
    }

    /** Sets the roles user {@code userId} holds on group {@code groupId} (an empty list removes them). */
    public void assign(String realmId, String userId, String groupId, Collection<String> roleIds) {
        object(realmId, groupId).filter(ManagedObjectEntity::isGroup)
                .orElseThrow(() -> new InventoryException(InventoryException.Kind.NOT_FOUND, "No group " + groupId));
        for (String roleId : roleIds) {
            role(realmId, roleId).orElseThrow(() -> new InventoryException(InventoryException.Kind.NOT_FOUND, "No inventory role " + roleId));
        }
        List<InventoryAssignmentEntity> current = em.createNamedQuery("assignment.byUserAndGroup", InventoryAssignmentEntity.class)
                .setParameter("userId", userId).setParameter("groupId", groupId).getResultList();
        Set<String> wanted = new LinkedHashSet<>(roleIds);
        for (InventoryAssignmentEntity assignment : current) {
            if (!wanted.remove(assignment.getRoleId())) {
                em.remove(assignment);
            }
        }
        for (String roleId : wanted) {
            InventoryAssignmentEntity assignment = new InventoryAssignmentEntity();
            assignment.setId(KeycloakModelUtils.generateId());
            assignment.setRealmId(realmId);
            assignment.setUserId(userId);
            assignment.setGroupId(groupId);
            assignment.setRoleId(roleId);
            em.persist(assignment);
        }
    }

    /** Copies another user's assignments: merged with the target's (default) or replacing them. */
    public void copyAssignments(String realmId, String fromUserId, String toUserId, boolean replace) {
        if (replace) {
            assignments(realmId, toUserId).forEach(em::remove);
            em.flush();
        }
        Map<String, List<String>> byGroup = new java.util.LinkedHashMap<>();
        for (InventoryAssignmentEntity a : assignments(realmId, fromUserId)) {
            byGroup.computeIfAbsent(a.getGroupId(), g -> new ArrayList<>()).add(a.getRoleId());
        }
        for (Map.Entry<String, List<String>> entry : byGroup.entrySet()) {
            Set<String> roles = new LinkedHashSet<>(entry.getValue());
            if (!replace) {
                assignments(realmId, toUserId).stream().filter(a -> a.getGroupId().equals(entry.getKey()))
                        .forEach(a -> roles.add(a.getRoleId()));
            }
            assign(realmId, toUserId, entry.getKey(), roles);
        }
    }

    /**
     * Whether the user's inventory roles grant {@code wanted} on the object: on it (if a group) or on
     * a group above it. The permissions of all these roles count together, so READ in one role (or
     * on one group) and ADMIN in another grant ALL.
     */
    public boolean grants(String userId, String objectId, Permission wanted) {
        return grants(userId, objectId, wanted, List.of());
    }

    /** The same, counting also permissions the user holds elsewhere (through global roles). */
    public boolean grants(String userId, String objectId, Permission wanted, Collection<Permission> alsoHeld) {
        Set<String> groups = ancestors(List.of(objectId));
        groups.add(objectId);
        List<String> roleIds = inBatches(groups, batch -> em.createNamedQuery("assignment.roleIdsOfUserOnGroups", String.class)
                .setParameter("userId", userId).setParameter("groupIds", batch).getResultList());
        List<Permission> held = new ArrayList<>(alsoHeld);
        for (String roleId : new HashSet<>(roleIds)) {
            InventoryRoleEntity role = em.find(InventoryRoleEntity.class, roleId);
            if (role != null) {
                role.getPermissions().forEach(p -> held.add(p.toPermission()));
            }
        }
        return wanted.isGrantedBy(held);
    }

    // --- clean-up

    public void removeUser(String userId) {
        em.createNamedQuery("assignment.deleteByUser").setParameter("userId", userId).executeUpdate();
    }

    public void removeRealm(String realmId) {
        em.createNamedQuery("assignment.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("moChild.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("managedObject.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
        roles(realmId).forEach(em::remove);
    }
}

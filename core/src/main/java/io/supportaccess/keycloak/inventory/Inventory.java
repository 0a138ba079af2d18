package io.supportaccess.keycloak.inventory;

import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.storage.UniqueRows;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * database. Every call names the realm it acts in; an id of another realm's row is answered as
 * unknown ({@link InventoryException.Kind#NOT_FOUND}). Permission checks walk up from the object
 * through its groups: the cost grows with the depth of the group tree, not with the number of
 * objects, groups or assignments.
 */
public final class Inventory {

    public static final String TENANT_TYPE = "c8y_Tenant";
    public static final String GROUP_TYPE = "c8y_DeviceGroup";
    /** Ids per IN-list query, well below every database's limit of bind parameters. */
    private static final int QUERY_BATCH = 1000;

    private final KeycloakSession session;
    private final EntityManager em;

    public Inventory(KeycloakSession session) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    // --- managed objects and groups

    public Optional<ManagedObject> object(RealmModel realm, String id) {
        return entity(realm, id).map(ManagedObject::of);
    }

    public Optional<ManagedObject> tenantObject(RealmModel management, String tenantId) {
        return tenantEntity(management, tenantId).map(ManagedObject::of);
    }

    /** The tenant management object of a tenant realm, created when missing; its properties follow the realm. */
    public ManagedObject ensureTenantObject(RealmModel management, RealmModel tenant) {
        return ensureTenantObject(management, tenant, Map.of());
    }

    public ManagedObject ensureTenantObject(RealmModel management, RealmModel tenant, Map<String, String> pendingAttributes) {
        String properties = TenantProperties.of(tenant, pendingAttributes);
        ManagedObjectEntity object = tenantEntity(management, tenant.getName())
                .orElseGet(() -> persist(management, tenant.getName(), TENANT_TYPE, false, properties));
        object.setProperties(properties);
        return ManagedObject.of(object);
    }

    public void removeTenantObject(RealmModel management, String tenantId) {
        tenantEntity(management, tenantId).ifPresent(o -> delete(management, o));
    }

    /** The realm's objects, of one type and one name when given. */
    public List<ManagedObject> objects(RealmModel realm, String type, String name) {
        List<ManagedObjectEntity> found;
        if (type != null && name != null) {
            found = em.createNamedQuery("managedObject.byRealmTypeName", ManagedObjectEntity.class)
                    .setParameter("realmId", realm.getId()).setParameter("type", type).setParameter("name", name).getResultList();
        } else {
            found = (type == null
                    ? em.createNamedQuery("managedObject.byRealm", ManagedObjectEntity.class)
                    : em.createNamedQuery("managedObject.byRealmAndType", ManagedObjectEntity.class).setParameter("type", type))
                    .setParameter("realmId", realm.getId()).getResultList();
        }
        return found.stream().filter(o -> name == null || name.equals(o.getName())).map(ManagedObject::of).toList();
    }

    /**
     * A managed object that is not a group (a device, an asset), in group {@code parentId} when given;
     * tenant objects are made by their realms.
     */
    public ManagedObject createObject(RealmModel realm, String name, String type, String parentId) {
        if (TENANT_TYPE.equals(type) || GROUP_TYPE.equals(type)) {
            throw new InvalidInput("Type " + type + " is reserved: tenant objects follow their realms, groups are made through /groups");
        }
        return inParent(realm, persist(realm, name, type, false, null), parentId);
    }

    /** A group, a subgroup of {@code parentId} when given. */
    public ManagedObject createGroup(RealmModel realm, String name, String description, String parentId) {
        String properties = description == null ? null : TenantProperties.json(Map.of("description", description));
        return inParent(realm, persist(realm, name, GROUP_TYPE, true, properties), parentId);
    }

    private ManagedObject inParent(RealmModel realm, ManagedObjectEntity created, String parentId) {
        if (parentId != null) {
            addChild(realm, parentId, created.getId());
        }
        return ManagedObject.of(created);
    }

    /** Puts {@code childId} (a subgroup or any object) into group {@code groupId}; refuses cycles; adding it twice adds it once. */
    public void addChild(RealmModel realm, String groupId, String childId) {
        group(realm, groupId);
        entity(realm, childId).orElseThrow(() -> InventoryException.notFound("managed object", childId));
        if (groupId.equals(childId) || ancestors(List.of(groupId)).contains(childId)) {
            throw new InventoryException(InventoryException.Kind.CONFLICT, "A group cannot contain itself or one of its ancestors");
        }
        if (links(realm, groupId, childId).isEmpty()) {
            UniqueRows.insertIfAbsent(em, ManagedObjectChildEntity.class, List.of("ID", "REALM_ID", "PARENT_ID", "CHILD_ID"),
                    List.of(KeycloakModelUtils.generateId(), realm.getId(), groupId, childId));
        }
    }

    public void removeChild(RealmModel realm, String groupId, String childId) {
        List<ManagedObjectChildEntity> links = entity(realm, groupId).isPresent() ? links(realm, groupId, childId) : List.of();
        if (links.isEmpty()) {
            throw new InventoryException(InventoryException.Kind.NOT_FOUND, "Not a child of that group");
        }
        links.forEach(em::remove);
    }

    /**
     * Moves {@code childId} out of group {@code fromGroupId} into group {@code toGroupId} in one step;
     * a null {@code fromGroupId} moves a top-level object in, a null {@code toGroupId} makes it top-level
     * (where it stays in its other groups, if any). Checks everything before it writes anything.
     */
    public void moveChild(RealmModel realm, String childId, String fromGroupId, String toGroupId) {
        if (fromGroupId == null && toGroupId == null) {
            throw new InvalidInput("Name the group to move from (from) or to (to), or both");
        }
        entity(realm, childId).orElseThrow(() -> InventoryException.notFound("managed object", childId));
        List<ManagedObjectChildEntity> oldLinks = List.of();
        if (fromGroupId != null) {
            oldLinks = entity(realm, fromGroupId).isPresent() ? links(realm, fromGroupId, childId) : List.of();
            if (oldLinks.isEmpty()) {
                throw new InventoryException(InventoryException.Kind.NOT_FOUND, "Not a child of the group to move from");
            }
        }
        if (toGroupId != null && toGroupId.equals(fromGroupId)) {
            return;
        }
        if (toGroupId != null) {
            addChild(realm, toGroupId, childId);
        }
        oldLinks.forEach(em::remove);
    }

    public List<String> children(RealmModel realm, String groupId) {
        return em.createNamedQuery("moChild.childrenOf", String.class)
                .setParameter("realmId", realm.getId()).setParameter("id", groupId).getResultList();
    }

    /** Deletes an object with its memberships and the assignments on it; its children stay. Tenant objects follow their realms. */
    public void deleteObject(RealmModel realm, String id) {
        ManagedObjectEntity object = entity(realm, id).orElseThrow(() -> InventoryException.notFound("managed object", id));
        if (TENANT_TYPE.equals(object.getType())) {
            throw new InventoryException(InventoryException.Kind.CONFLICT, "Tenant management objects follow their realms; remove the realm instead");
        }
        delete(realm, object);
    }

    /** All groups above the given objects (not the objects themselves), to the top of every chain: one query per level. */
    Set<String> ancestors(Collection<String> objectIds) {
        return AncestorWalk.ancestors(objectIds, this::parentsOf);
    }

    private Optional<ManagedObjectEntity> entity(RealmModel realm, String id) {
        ManagedObjectEntity object = id == null ? null : em.find(ManagedObjectEntity.class, id);
        return object != null && object.getRealmId().equals(realm.getId()) ? Optional.of(object) : Optional.empty();
    }

    private ManagedObjectEntity group(RealmModel realm, String id) {
        return entity(realm, id).filter(ManagedObjectEntity::isGroup).orElseThrow(() -> InventoryException.notFound("group", id));
    }

    private Optional<ManagedObjectEntity> tenantEntity(RealmModel management, String tenantId) {
        return em.createNamedQuery("managedObject.byRealmTypeName", ManagedObjectEntity.class)
                .setParameter("realmId", management.getId()).setParameter("type", TENANT_TYPE).setParameter("name", tenantId)
                .setMaxResults(1).getResultStream().findFirst();
    }

    private ManagedObjectEntity persist(RealmModel realm, String name, String type, boolean group, String properties) {
        ManagedObjectEntity object = new ManagedObjectEntity();
        object.setId(KeycloakModelUtils.generateId());
        object.setRealmId(realm.getId());
        object.setName(name);
        object.setType(type);
        object.setGroup(group);
        object.setProperties(properties);
        em.persist(object);
        return object;
    }

    private void delete(RealmModel realm, ManagedObjectEntity object) {
        em.createNamedQuery("moChild.deleteTouching").setParameter("realmId", realm.getId()).setParameter("id", object.getId()).executeUpdate();
        em.createNamedQuery("assignment.deleteByGroup").setParameter("realmId", realm.getId()).setParameter("groupId", object.getId()).executeUpdate();
        em.remove(object);
    }

    private List<ManagedObjectChildEntity> links(RealmModel realm, String groupId, String childId) {
        return em.createNamedQuery("moChild.find", ManagedObjectChildEntity.class).setParameter("realmId", realm.getId())
                .setParameter("parentId", groupId).setParameter("childId", childId).getResultList();
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

    public List<InventoryRole> roles(RealmModel realm) {
        return roleEntities(realm).stream().map(InventoryRole::of).toList();
    }

    public Optional<InventoryRole> role(RealmModel realm, String id) {
        return roleEntity(realm, id).map(InventoryRole::of);
    }

    public InventoryRole createRole(RealmModel realm, String name, String description, List<Permission> permissions) {
        return save(realm, null, name, description, permissions);
    }

    /**
     * Creates roles during a realm's set-up: the realm's role names are read once, a role whose name
     * the realm has is left as it is, the others are inserted with the transaction, without a query
     * or a flush per role (a flush checks every entity of the transaction, and a realm just created
     * brings hundreds).
     */
    public RoleSeeding roleSeeding(RealmModel realm) {
        List<String> names = em.createNamedQuery("inventoryRole.namesByRealm", String.class).setParameter("realmId", realm.getId())
                // nothing pending can add to this realm's inventory roles: no need to flush the transaction first
                .setFlushMode(FlushModeType.COMMIT).getResultList();
        return new RoleSeeding(realm, new HashSet<>(names));
    }

    public final class RoleSeeding {

        private final RealmModel realm;
        private final Set<String> names;

        private RoleSeeding(RealmModel realm, Set<String> names) {
            this.realm = realm;
            this.names = names;
        }

        /** Same arguments as {@link Inventory#createRole}; the realm must be the seeding's. */
        public void createRole(RealmModel in, String name, String description, List<Permission> permissions) {
            if (!realm.getId().equals(in.getId())) {
                throw new IllegalArgumentException("seeding roles of realm " + realm.getName() + ", not " + in.getName());
            }
            if (!names.add(name)) {
                return;
            }
            InventoryRoleEntity role = new InventoryRoleEntity();
            role.setId(KeycloakModelUtils.generateId());
            role.setRealmId(realm.getId());
            role.setName(name);
            role.setDescription(description);
            addPermissions(role, permissions);
            em.persist(role);
        }
    }

    public InventoryRole updateRole(RealmModel realm, String id, String name, String description, List<Permission> permissions) {
        InventoryRoleEntity existing = roleEntity(realm, id).orElseThrow(() -> InventoryException.notFound("inventory role", id));
        return save(realm, existing, name, description, permissions);
    }

    /** Deletes the role and every assignment of it. */
    public void deleteRole(RealmModel realm, String id) {
        InventoryRoleEntity role = roleEntity(realm, id).orElseThrow(() -> InventoryException.notFound("inventory role", id));
        em.createNamedQuery("assignment.deleteByRole").setParameter("realmId", realm.getId()).setParameter("roleId", id).executeUpdate();
        em.remove(role);
    }

    private List<InventoryRoleEntity> roleEntities(RealmModel realm) {
        return em.createNamedQuery("inventoryRole.byRealm", InventoryRoleEntity.class).setParameter("realmId", realm.getId()).getResultList();
    }

    private Optional<InventoryRoleEntity> roleEntity(RealmModel realm, String id) {
        InventoryRoleEntity role = id == null ? null : em.find(InventoryRoleEntity.class, id);
        return role != null && role.getRealmId().equals(realm.getId()) ? Optional.of(role) : Optional.empty();
    }

    private InventoryRole save(RealmModel realm, InventoryRoleEntity existing, String name, String description, List<Permission> permissions) {
        boolean nameTaken = em.createNamedQuery("inventoryRole.byRealmAndName", InventoryRoleEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("name", name).getResultStream()
                .anyMatch(r -> existing == null || !r.getId().equals(existing.getId()));
        if (nameTaken) {
            throw new InventoryException(InventoryException.Kind.CONFLICT, "An inventory role named '" + name + "' exists");
        }
        InventoryRoleEntity role = existing;
        if (role == null) {
            String id = KeycloakModelUtils.generateId();
            // the name's unique key decides between simultaneous creations: the later one is refused like a name seen taken
            if (!UniqueRows.insertIfAbsent(em, InventoryRoleEntity.class, List.of("ID", "REALM_ID", "NAME", "DESCRIPTION"),
                    Arrays.asList(id, realm.getId(), name, description))) {
                throw new InventoryException(InventoryException.Kind.CONFLICT, "An inventory role named '" + name + "' exists");
            }
            role = em.find(InventoryRoleEntity.class, id);
        } else {
            role.setName(name);
            role.setDescription(description);
            role.getPermissions().clear();
            em.flush();
        }
        addPermissions(role, permissions);
        return InventoryRole.of(role);
    }

    private static void addPermissions(InventoryRoleEntity role, List<Permission> permissions) {
        for (Permission permission : permissions) {
            InventoryPermissionEntity entity = new InventoryPermissionEntity();
            entity.setId(KeycloakModelUtils.generateId());
            entity.setRole(role);
            entity.setScope(permission.scope().name());
            entity.setType(permission.type());
            entity.setLevel(permission.level().name());
            role.getPermissions().add(entity);
        }
    }

    // --- assignments

    /** The user's assignments, by group name; the user must be one of the realm's. */
    public List<Assignment> assignments(RealmModel realm, String userId) {
        requireUser(realm, userId);
        return assignmentsOf(realm, userId);
    }

    /**
     * Sets the roles user {@code userId} holds on group {@code groupId} (an empty list removes them).
     * A role given twice, or added by a simultaneous identical call, is held once.
     */
    public void assign(RealmModel realm, String userId, String groupId, Collection<String> roleIds) {
        requireUser(realm, userId);
        group(realm, groupId);
        for (String roleId : roleIds) {
            roleEntity(realm, roleId).orElseThrow(() -> InventoryException.notFound("inventory role", roleId));
        }
        List<InventoryAssignmentEntity> current = em.createNamedQuery("assignment.byUserAndGroup", InventoryAssignmentEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", userId).setParameter("groupId", groupId).getResultList();
        Set<String> wanted = new LinkedHashSet<>(roleIds);
        for (InventoryAssignmentEntity assignment : current) {
            if (!wanted.remove(assignment.getRoleId())) {
                em.remove(assignment);
            }
        }
        for (String roleId : wanted) {
            UniqueRows.insertIfAbsent(em, InventoryAssignmentEntity.class, List.of("ID", "REALM_ID", "USER_ID", "GROUP_ID", "ROLE_ID"),
                    List.of(KeycloakModelUtils.generateId(), realm.getId(), userId, groupId, roleId));
        }
    }

    /** Copies another user's assignments: merged with the target's (default) or replacing them. */
    public void copyAssignments(RealmModel realm, String fromUserId, String toUserId, boolean replace) {
        requireUser(realm, fromUserId);
        requireUser(realm, toUserId);
        if (fromUserId.equals(toUserId)) {
            throw new InvalidInput("A user's assignments cannot be copied onto the same user");
        }
        Map<String, Set<String>> wanted = new LinkedHashMap<>();
        if (replace) {
            em.createNamedQuery("assignment.deleteByUserInRealm").setParameter("realmId", realm.getId()).setParameter("userId", toUserId)
                    .executeUpdate();
        } else {
            assignmentsOf(realm, toUserId).forEach(a -> wanted.computeIfAbsent(a.groupId(), g -> new LinkedHashSet<>()).add(a.roleId()));
        }
        Map<String, Set<String>> copied = new LinkedHashMap<>();
        assignmentsOf(realm, fromUserId).forEach(a -> copied.computeIfAbsent(a.groupId(), g -> new LinkedHashSet<>()).add(a.roleId()));
        copied.forEach((groupId, roles) -> {
            Set<String> all = wanted.getOrDefault(groupId, new LinkedHashSet<>());
            all.addAll(roles);
            assign(realm, toUserId, groupId, all);
        });
    }

    /**
     * Whether the user's inventory roles in this realm grant {@code wanted} on the object: on it (if
     * a group) or on a group above it. The permissions of all these roles count together, so READ in
     * one role (or on one group) and ADMIN in another grant ALL. An object of another realm grants nothing.
     */
    public boolean grants(RealmModel realm, String userId, String objectId, Permission wanted) {
        return grants(realm, userId, objectId, wanted, List.of());
    }

    /** The same, counting also permissions the user holds elsewhere (through global roles). */
    public boolean grants(RealmModel realm, String userId, String objectId, Permission wanted, Collection<Permission> alsoHeld) {
        if (entity(realm, objectId).isEmpty()) {
            return false;
        }
        Set<String> groups = ancestors(List.of(objectId));
        groups.add(objectId);
        List<String> roleIds = inBatches(groups, batch -> em.createNamedQuery("assignment.roleIdsOfUserOnGroups", String.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", userId).setParameter("groupIds", batch).getResultList());
        List<Permission> held = new ArrayList<>(alsoHeld);
        for (String roleId : new HashSet<>(roleIds)) {
            roleEntity(realm, roleId).ifPresent(role -> role.getPermissions().forEach(p -> held.add(p.toPermission())));
        }
        return wanted.isGrantedBy(held);
    }

    /**
     * The same decision as {@link #grants(RealmModel, String, String, Permission, Collection)}, with why: the
     * assignments (inventory role on the object or a group above it) whose permissions count towards it.
     */
    public InventoryDecision decide(RealmModel realm, String userId, String objectId, Permission wanted, Collection<Permission> alsoHeld) {
        Set<String> groups = ancestors(List.of(objectId));
        groups.add(objectId);
        List<Assignment> assignments = inBatches(groups, batch -> em.createNamedQuery("assignment.ofUserOnGroups", Assignment.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", userId).setParameter("groupIds", batch).getResultList());
        List<Permission> held = new ArrayList<>(alsoHeld);
        List<Assignment> counting = new ArrayList<>();
        Map<String, List<Permission>> permissionsOfRole = new HashMap<>();
        for (Assignment assignment : assignments) {
            List<Permission> permissions = permissionsOfRole.computeIfAbsent(assignment.roleId(), id -> roleEntity(realm, id)
                    .map(role -> role.getPermissions().stream().map(InventoryPermissionEntity::toPermission).toList()).orElse(List.of()));
            held.addAll(permissions);
            if (permissions.stream().anyMatch(p -> countsTowards(p, wanted))) {
                counting.add(assignment);
            }
        }
        return new InventoryDecision(wanted.isGrantedBy(held), counting);
    }

    private static boolean countsTowards(Permission held, Permission wanted) {
        if (wanted.level() == Permission.Level.ALL) {
            return held.covers(new Permission(wanted.scope(), wanted.type(), Permission.Level.READ))
                    || held.covers(new Permission(wanted.scope(), wanted.type(), Permission.Level.ADMIN));
        }
        return held.covers(wanted);
    }

    private List<Assignment> assignmentsOf(RealmModel realm, String userId) {
        return em.createNamedQuery("assignment.byUser", Assignment.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", userId).getResultList();
    }

    private void requireUser(RealmModel realm, String userId) {
        if (userId == null || session.users().getUserById(realm, userId) == null) {
            throw InventoryException.notFound("user", userId);
        }
    }

    // --- clean-up

    /** Removes a removed user's assignments (the user is already gone, so it is not looked up). */
    public void removeUser(RealmModel realm, String userId) {
        em.createNamedQuery("assignment.deleteByUserInRealm").setParameter("realmId", realm.getId()).setParameter("userId", userId)
                .executeUpdate();
    }

    public void removeRealm(RealmModel realm) {
        em.createNamedQuery("assignment.deleteByRealm").setParameter("realmId", realm.getId()).executeUpdate();
        em.createNamedQuery("moChild.deleteByRealm").setParameter("realmId", realm.getId()).executeUpdate();
        em.createNamedQuery("managedObject.deleteByRealm").setParameter("realmId", realm.getId()).executeUpdate();
        roleEntities(realm).forEach(em::remove);
    }
}

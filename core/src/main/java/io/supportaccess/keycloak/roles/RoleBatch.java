package io.supportaccess.keycloak.roles;

import io.supportaccess.keycloak.storage.TimeOrderedId;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.cache.CacheRealmProvider;
import org.keycloak.models.jpa.entities.CompositeRoleEntity;
import org.keycloak.models.jpa.entities.RoleEntity;

/**
 * New realm roles with their composites, written together with one flush. Keycloak's
 * {@code addRole} flushes after every role and {@code addCompositeRole} looks every pair up first:
 * for the catalogue's roles that was most of a new realm's set-up. The first role goes through
 * Keycloak's API, which invalidates the realm's role list in every node's cache at commit; each
 * further role invalidates its own name there. Every role gets a {@link TimeOrderedId}.
 */
final class RoleBatch {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;
    private final Map<String, String> realmRoleIds = new HashMap<>();
    private final Map<String, String> managementRoleIds = new HashMap<>();
    private final Map<String, RoleEntity> added = new HashMap<>();
    private final List<RoleEntity> unwritten = new ArrayList<>();
    private final List<CompositeRoleEntity> composites = new ArrayList<>();
    private final Map<String, String> changedExisting = new HashMap<>();

    RoleBatch(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        em.createQuery("select r.name, r.id from RoleEntity r where r.realmId = :realm and r.clientRole = false", Object[].class)
                .setParameter("realm", realm.getId()).getResultList()
                .forEach(row -> realmRoleIds.put((String) row[0], (String) row[1]));
        em.createQuery("select r.name, r.id from RoleEntity r, ClientEntity c where c.realmId = :realm and c.clientId = :client "
                        + "and r.clientId = c.id", Object[].class)
                .setParameter("realm", realm.getId()).setParameter("client", Constants.REALM_MANAGEMENT_CLIENT_ID)
                .getResultList().forEach(row -> managementRoleIds.put((String) row[0], (String) row[1]));
    }

    boolean exists(String name) {
        return realmRoleIds.containsKey(name) || added.containsKey(name);
    }

    boolean existedBefore(String name) {
        return realmRoleIds.containsKey(name);
    }

    boolean isNew(String name) {
        return added.containsKey(name);
    }

    /** Makes a new role of this batch part of a realm role that existed before it. */
    void includeInExistingRole(String existing, String newRole) {
        String id = realmRoleIds.get(existing);
        composites.add(new CompositeRoleEntity(reference(id), added.get(newRole)));
        changedExisting.put(id, existing);
    }

    /** A new realm role; the caller checked it does not exist yet. */
    RoleEntity add(String name, String description) {
        RoleEntity role;
        if (added.isEmpty()) {
            // through Keycloak's API, for the cache: it invalidates the realm's role list on every node
            String id = session.roles().addRealmRole(realm, TimeOrderedId.next(), name).getId();
            role = em.find(RoleEntity.class, id);
        } else {
            role = new RoleEntity();
            role.setId(TimeOrderedId.next());
            role.setName(name);
            role.setRealmId(realm.getId());
            role.setClientRole(false);
            unwritten.add(role);
        }
        role.setDescription(description);
        added.put(name, role);
        return role;
    }

    /** Makes a realm role of this batch or of the realm part of {@code role}; nothing if there is none of that name. */
    void includeRealmRole(RoleEntity role, String name) {
        RoleEntity part = added.containsKey(name) ? added.get(name) : reference(realmRoleIds.get(name));
        if (part != null) {
            composites.add(new CompositeRoleEntity(role, part));
        }
    }

    /** Makes a role of the realm-management client part of {@code role}; nothing if there is none of that name. */
    void includeManagementRole(RoleEntity role, String name) {
        RoleEntity part = reference(managementRoleIds.get(name));
        if (part != null) {
            composites.add(new CompositeRoleEntity(role, part));
        }
    }

    private RoleEntity reference(String id) {
        return id == null ? null : em.getReference(RoleEntity.class, id);
    }

    /** Writes the batch; returns the names of the roles it created. */
    Set<String> write() {
        CacheRealmProvider cache = session.getProvider(CacheRealmProvider.class);
        for (RoleEntity role : unwritten) {
            em.persist(role);
            if (cache != null) {
                // Keycloak caches a failed look-up by name too
                cache.registerRoleInvalidation(role.getId(), role.getName(), realm.getId());
            }
        }
        if (cache != null) {
            // their composites are cached with them
            changedExisting.forEach((id, name) -> cache.registerRoleInvalidation(id, name, realm.getId()));
        }
        composites.forEach(em::persist);
        em.flush();
        // written: every later flush of the transaction would check them again
        unwritten.forEach(em::detach);
        composites.forEach(em::detach);
        unwritten.clear();
        composites.clear();
        changedExisting.clear();
        return Set.copyOf(added.keySet());
    }
}

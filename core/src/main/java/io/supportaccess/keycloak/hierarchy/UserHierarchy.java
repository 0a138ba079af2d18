package io.supportaccess.keycloak.hierarchy;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.jpa.entities.RealmEntity;

/**
 * The user hierarchy of a realm (seeds "Managing user hierarchies"): a user's owner, the users they
 * own (their sub-users, and theirs, down the tree), and the user who delegated their hierarchy to
 * them. Ownership never forms a cycle: changes of owners in a realm are serialized by the realm's row
 * lock, and each checks the chain above the new owner.
 */
public class UserHierarchy {

    /** No chain is deeper; a longer one (only possible through broken data) is treated as a cycle. */
    static final int MAX_DEPTH = 1000;
    private static final int IN_LIMIT = 500;

    private final EntityManager em;

    public UserHierarchy(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public Optional<String> ownerOf(RealmModel realm, String userId) {
        return row(realm, userId).map(UserHierarchyEntity::getOwnerId);
    }

    public Optional<String> delegatorOf(RealmModel realm, String userId) {
        return row(realm, userId).map(UserHierarchyEntity::getDelegatedBy);
    }

    /** The rows of the given users (users without owner or delegation have none). */
    public Map<String, UserHierarchyEntity> rows(RealmModel realm, Collection<String> userIds) {
        Map<String, UserHierarchyEntity> rows = new HashMap<>();
        for (List<String> chunk : chunks(userIds)) {
            em.createNamedQuery("hierarchy.byUsers", UserHierarchyEntity.class).setParameter("realmId", realm.getId())
                    .setParameter("userIds", chunk).getResultStream().forEach(row -> rows.put(row.getUserId(), row));
        }
        return rows;
    }

    /** How many direct sub-users each of the users has (absent: none). */
    public Map<String, Long> subUserCounts(RealmModel realm, Collection<String> ownerIds) {
        Map<String, Long> counts = new HashMap<>();
        for (List<String> chunk : chunks(ownerIds)) {
            em.createNamedQuery("hierarchy.countSubUsers", Object[].class).setParameter("realmId", realm.getId())
                    .setParameter("ownerIds", chunk).getResultStream()
                    .forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
        }
        return counts;
    }

    public List<String> subUsers(RealmModel realm, String ownerId) {
        return em.createNamedQuery("hierarchy.subUsers", String.class).setParameter("realmId", realm.getId())
                .setParameter("ownerId", ownerId).getResultList();
    }

    /** Everyone below the user, at any depth (the user not included), at most {@code limit}. */
    public Set<String> subTree(RealmModel realm, String rootId, int limit) {
        Set<String> below = new LinkedHashSet<>();
        List<String> level = List.of(rootId);
        while (!level.isEmpty() && below.size() < limit) {
            List<String> next = new ArrayList<>();
            for (List<String> chunk : chunks(level)) {
                em.createNamedQuery("hierarchy.subUsersOfAny", String.class).setParameter("realmId", realm.getId())
                        .setParameter("ownerIds", chunk).getResultStream()
                        .filter(id -> !id.equals(rootId) && below.add(id)).forEach(next::add);
            }
            level = next;
        }
        return below;
    }

    /** Whether {@code userId} is below {@code ancestorId} in the tree (a user is not below themselves). */
    public boolean isBelow(RealmModel realm, String userId, String ancestorId) {
        String current = ownerOf(realm, userId).orElse(null);
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (current.equals(ancestorId)) {
                return true;
            }
            current = ownerOf(realm, current).orElse(null);
        }
        return false;
    }

    /**
     * Sets or clears ({@code ownerId} null) the user's owner. Refused when the new owner is the user or
     * below them. Both users are of the realm: the caller has checked.
     */
    public void setOwner(RealmModel realm, String userId, String ownerId) {
        lockRealm(realm);
        if (ownerId != null) {
            if (ownerId.equals(userId)) {
                throw new HierarchyRefusal("A user cannot be their own owner");
            }
            String current = ownerId;
            for (int depth = 0; current != null; depth++) {
                if (current.equals(userId) || depth >= MAX_DEPTH) {
                    throw new HierarchyRefusal("The new owner is below the user in the hierarchy: that would make a cycle");
                }
                current = ownerOf(realm, current).orElse(null);
            }
        }
        update(realm, userId, row -> row.setOwnerId(ownerId));
    }

    /** Sets or clears ({@code delegatorId} null) who delegated their hierarchy management to the user. */
    public void setDelegatedBy(RealmModel realm, String userId, String delegatorId) {
        if (userId.equals(delegatorId)) {
            throw new HierarchyRefusal("A user cannot delegate to themselves");
        }
        update(realm, userId, row -> row.setDelegatedBy(delegatorId));
    }

    /**
     * A user removed from the realm: their sub-users move up to the removed user's owner (or become
     * unowned when there is none), delegations from them end, and their own row goes.
     */
    public List<String> userRemoved(RealmModel realm, String userId) {
        if (!subUsers(realm, userId).isEmpty()) {
            // most users own nobody: only moving sub-users takes the realm's lock of owner changes
            lockRealm(realm);
        }
        String newOwner = ownerOf(realm, userId).orElse(null);
        List<String> moved = new ArrayList<>();
        for (UserHierarchyEntity owned : em.createNamedQuery("hierarchy.ownedBy", UserHierarchyEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", userId).getResultList()) {
            owned.setOwnerId(newOwner);
            moved.add(owned.getUserId());
            removeIfEmpty(owned);
        }
        for (UserHierarchyEntity delegate : em.createNamedQuery("hierarchy.delegatedBy", UserHierarchyEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", userId).getResultList()) {
            delegate.setDelegatedBy(null);
            removeIfEmpty(delegate);
        }
        UserHierarchyEntity own = em.find(UserHierarchyEntity.class, userId);
        if (own != null) {
            em.remove(own);
        }
        return moved;
    }

    public void realmRemoved(RealmModel realm) {
        em.createNamedQuery("hierarchy.deleteByRealm").setParameter("realmId", realm.getId()).executeUpdate();
    }

    private Optional<UserHierarchyEntity> row(RealmModel realm, String userId) {
        UserHierarchyEntity row = em.find(UserHierarchyEntity.class, userId);
        return row != null && row.getRealmId().equals(realm.getId()) ? Optional.of(row) : Optional.empty();
    }

    private void update(RealmModel realm, String userId, java.util.function.Consumer<UserHierarchyEntity> change) {
        UserHierarchyEntity row = row(realm, userId).orElse(null);
        if (row == null) {
            row = new UserHierarchyEntity();
            row.setUserId(userId);
            row.setRealmId(realm.getId());
            change.accept(row);
            if (!row.isEmpty()) {
                em.persist(row);
            }
            return;
        }
        change.accept(row);
        removeIfEmpty(row);
    }

    private void removeIfEmpty(UserHierarchyEntity row) {
        if (row.isEmpty()) {
            em.remove(row);
        }
    }

    /** Serializes the realm's changes of owners, so that two at the same moment cannot close a cycle together. */
    private void lockRealm(RealmModel realm) {
        em.find(RealmEntity.class, realm.getId(), LockModeType.PESSIMISTIC_WRITE);
    }

    private static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_LIMIT) {
            chunks.add(all.subList(i, Math.min(all.size(), i + IN_LIMIT)));
        }
        return chunks;
    }

}

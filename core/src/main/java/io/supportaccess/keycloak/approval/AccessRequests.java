package io.supportaccess.keycloak.approval;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.jpa.entities.UserEntity;
import org.keycloak.models.utils.KeycloakModelUtils;

/** Storage of access requests ({@link AccessRequestEntity}). Times are epoch milliseconds passed in by the caller. */
public final class AccessRequests {

    private final EntityManager em;

    public AccessRequests(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public AccessRequestEntity create(String realmId, String realmName, String supportUserId, String supportUsername, String target,
                                      String reason, int hours, long now, long pendingUntil) {
        AccessRequestEntity request = new AccessRequestEntity();
        request.setId(KeycloakModelUtils.generateId());
        request.setRealmId(realmId);
        request.setRealmName(realmName);
        request.setSupportUserId(supportUserId);
        request.setSupportUsername(supportUsername);
        request.setTargetUsername(target);
        request.setReason(reason);
        request.setHoursRequested(hours);
        request.setStatus(AccessRequestEntity.Status.PENDING);
        request.setRequestedAt(now);
        request.setPendingUntil(pendingUntil);
        em.persist(request);
        return request;
    }

    public Optional<AccessRequestEntity> find(String id) {
        return id == null || id.length() > 36 ? Optional.empty() : Optional.ofNullable(em.find(AccessRequestEntity.class, id));
    }

    /**
     * The request, locked for this transaction and read as last committed: of two approvers deciding at
     * once, the second waits here and then sees the first one's decision.
     */
    public Optional<AccessRequestEntity> lock(String id) {
        Optional<AccessRequestEntity> found = find(id);
        found.ifPresent(request -> em.refresh(request, LockModeType.PESSIMISTIC_WRITE));
        return found;
    }

    public List<AccessRequestEntity> ofSupportUser(String supportUserId, int max) {
        return em.createNamedQuery("accessRequest.ofSupportUser", AccessRequestEntity.class)
                .setParameter("supportUserId", supportUserId).setMaxResults(max).getResultList();
    }

    /** The support user's latest request in a tenant. */
    public Optional<AccessRequestEntity> latestOf(String realmId, String supportUserId) {
        return em.createNamedQuery("accessRequest.ofSupportUserInRealm", AccessRequestEntity.class)
                .setParameter("realmId", realmId).setParameter("supportUserId", supportUserId)
                .setMaxResults(1).getResultStream().findFirst();
    }

    /** A tenant's requests, newest first; {@code status} null for all. */
    public List<AccessRequestEntity> ofRealm(String realmId, AccessRequestEntity.Status status, int first, int max) {
        var query = status == null
                ? em.createNamedQuery("accessRequest.byRealm", AccessRequestEntity.class)
                : em.createNamedQuery("accessRequest.byRealmAndStatus", AccessRequestEntity.class).setParameter("status", status.name());
        return query.setParameter("realmId", realmId).setFirstResult(first).setMaxResults(max).getResultList();
    }

    /** The support user's unexpired approvals in a tenant, the one lasting longest first. */
    public List<AccessRequestEntity> approvedFor(String realmId, String supportUserId, long now) {
        return em.createNamedQuery("accessRequest.approvedFor", AccessRequestEntity.class)
                .setParameter("realmId", realmId).setParameter("supportUserId", supportUserId).setParameter("now", now).getResultList();
    }

    /**
     * The support user's undecided, unexpired request in a tenant, read after locking the support user's
     * row: of two asks at once, the second waits here and then sees the first one's request.
     */
    public Optional<AccessRequestEntity> lockPendingOf(String realmId, String supportUserId, long now) {
        em.find(UserEntity.class, supportUserId, LockModeType.PESSIMISTIC_WRITE);
        return em.createNamedQuery("accessRequest.pendingOf", AccessRequestEntity.class)
                .setParameter("realmId", realmId).setParameter("supportUserId", supportUserId).setParameter("now", now)
                .setMaxResults(1).getResultStream().findFirst();
    }

    /** How many undecided, unexpired requests a tenant has. */
    public long countPending(String realmId, long now) {
        return em.createNamedQuery("accessRequest.countPendingInRealm", Long.class)
                .setParameter("realmId", realmId).setParameter("now", now).getSingleResult();
    }

    /** How many unexpired approvals a tenant has (each opens it for one support user). */
    public long countApproved(String realmId, long now) {
        return em.createNamedQuery("accessRequest.countApprovedInRealm", Long.class)
                .setParameter("realmId", realmId).setParameter("now", now).getSingleResult();
    }

    public Set<String> realmsWithDue(long now, int max) {
        return new LinkedHashSet<>(em.createNamedQuery("accessRequest.dueRealms", String.class)
                .setParameter("now", now).setMaxResults(max).getResultList());
    }

    /** Pending requests past their wait and approvals past their time, of one tenant. */
    public List<AccessRequestEntity> dueInRealm(String realmId, long now) {
        return em.createNamedQuery("accessRequest.dueInRealm", AccessRequestEntity.class)
                .setParameter("realmId", realmId).setParameter("now", now).getResultList();
    }

    public void removeRealm(String realmId) {
        em.createNamedQuery("accessRequest.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
    }
}

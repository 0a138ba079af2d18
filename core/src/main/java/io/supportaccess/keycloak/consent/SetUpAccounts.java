package io.supportaccess.keycloak.consent;

import io.supportaccess.keycloak.storage.UniqueRows;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

/** The tenant accounts a support session could log in to as their owner (see {@link SetUpAccountEntity}). */
public final class SetUpAccounts {

    private final EntityManager em;

    public SetUpAccounts(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** Marks the account once: a second mark, also one made at the same time elsewhere, keeps the first. */
    public void mark(String realmId, String userId, String markedBy, String cause, long now) {
        if (first(realmId, userId).isPresent()) {
            return;
        }
        UniqueRows.insertIfAbsent(em, SetUpAccountEntity.class, List.of("ID", "REALM_ID", "USER_ID", "MARKED_AT", "MARKED_BY", "CAUSE"),
                List.of(KeycloakModelUtils.generateId(), realmId, userId, now, cut(markedBy == null ? "unknown" : markedBy),
                        cut(cause == null ? "" : cause)));
    }

    /** Marks the tenant's login configuration: every account could now be reached another way. */
    public void markLoginConfiguration(String realmId, String markedBy, String cause, long now) {
        if (loginConfiguration(realmId).isPresent()) {
            return;
        }
        persist(realmId, null, markedBy, cause, now);
    }

    public Optional<SetUpAccountEntity> loginConfiguration(String realmId) {
        return em.createNamedQuery("setUpAccount.loginConfiguration", SetUpAccountEntity.class)
                .setParameter("realmId", realmId).setMaxResults(1).getResultList().stream().findFirst();
    }

    public int clearLoginConfiguration(String realmId) {
        return em.createNamedQuery("setUpAccount.deleteLoginConfiguration").setParameter("realmId", realmId).executeUpdate();
    }

    public List<ConsentMark> all(String realmId, int max) {
        return em.createNamedQuery("setUpAccount.byRealm", SetUpAccountEntity.class)
                .setParameter("realmId", realmId).setMaxResults(max).getResultStream().map(ConsentMark::of).toList();
    }

    /** The login-configuration mark (no user): not covered by the unique key, as databases count nulls as distinct. */
    private void persist(String realmId, String userId, String markedBy, String cause, long now) {
        SetUpAccountEntity mark = new SetUpAccountEntity();
        mark.setId(KeycloakModelUtils.generateId());
        mark.setRealmId(realmId);
        mark.setUserId(userId);
        mark.setMarkedAt(now);
        mark.setMarkedBy(cut(markedBy == null ? "unknown" : markedBy));
        mark.setCause(cut(cause == null ? "" : cause));
        em.persist(mark);
    }

    /** The first mark of the account, if it has any. */
    public Optional<SetUpAccountEntity> first(String realmId, String userId) {
        List<SetUpAccountEntity> marks = em.createNamedQuery("setUpAccount.byUser", SetUpAccountEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).setMaxResults(1).getResultList();
        return marks.stream().findFirst();
    }

    public boolean isMarked(String realmId, String userId) {
        return first(realmId, userId).isPresent();
    }

    public int clear(String realmId, String userId) {
        return em.createNamedQuery("setUpAccount.deleteByUser").setParameter("realmId", realmId)
                .setParameter("userId", userId).executeUpdate();
    }

    public void removeUser(String realmId, String userId) {
        clear(realmId, userId);
    }

    public void removeRealm(String realmId) {
        em.createNamedQuery("setUpAccount.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
    }

    private static String cut(String value) {
        return value.length() > 255 ? value.substring(0, 255) : value;
    }
}

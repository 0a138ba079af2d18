package io.supportaccess.keycloak.sessions;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

/** The record of support sessions, in the Keycloak database. */
public final class SupportSessionRecords {

    private static final int MAX_NAME = 255;

    private final EntityManager em;

    public SupportSessionRecords(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public SupportSessionEntity start(String userSessionId, String realmId, String realmName, String supportUserId,
                                      String supportUsername, String targetUserId, String targetUsername,
                                      String clientId, String openedBy, String reason, long now) {
        SupportSessionEntity row = new SupportSessionEntity();
        row.setId(KeycloakModelUtils.generateId());
        row.setUserSessionId(userSessionId);
        row.setRealmId(realmId);
        row.setRealmName(cut(realmName));
        row.setSupportUserId(supportUserId);
        row.setSupportUsername(cut(supportUsername));
        row.setTargetUserId(targetUserId);
        row.setTargetUsername(cut(targetUsername));
        row.setClientId(cut(clientId));
        row.setOpenedBy(openedBy);
        row.setReason(reason);
        row.setStartedAt(now);
        em.persist(row);
        return row;
    }

    public Optional<SupportSessionEntity> find(String id) {
        return Optional.ofNullable(em.find(SupportSessionEntity.class, id));
    }

    public List<SupportSessionEntity> live() {
        return em.createNamedQuery("supportSession.live", SupportSessionEntity.class).getResultList();
    }

    public List<SupportSessionEntity> liveInRealm(String realmId) {
        return em.createNamedQuery("supportSession.liveByRealm", SupportSessionEntity.class)
                .setParameter("realmId", realmId).getResultList();
    }

    public List<SupportSessionEntity> liveOfSupportUser(String supportUserId) {
        return em.createNamedQuery("supportSession.liveBySupportUser", SupportSessionEntity.class)
                .setParameter("supportUserId", supportUserId).getResultList();
    }

    public Optional<SupportSessionEntity> liveOfUserSession(String realmId, String userSessionId) {
        return em.createNamedQuery("supportSession.liveByUserSession", SupportSessionEntity.class)
                .setParameter("realmId", realmId).setParameter("userSessionId", userSessionId)
                .setMaxResults(1).getResultList().stream().findFirst();
    }

    public void markEnded(SupportSessionEntity row, SessionEnd reason, String endedBy, long now) {
        row.setEndedAt(now);
        row.setEndReason(reason.name());
        row.setEndedBy(cut(endedBy));
    }

    public void removeRealm(String realmId) {
        em.createNamedQuery("supportSession.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
    }

    private static String cut(String value) {
        return value == null || value.length() <= MAX_NAME ? value : value.substring(0, MAX_NAME);
    }
}

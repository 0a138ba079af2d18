package io.supportaccess.keycloak.notify;

import io.supportaccess.keycloak.requests.SupportTenantEntity;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

/** How many tenant notices could not be sent, per tenant (in the tenant's support row, so every node counts into one number). */
public final class NoticeFailures {

    private static final Logger LOG = Logger.getLogger(NoticeFailures.class);

    private final KeycloakSession session;
    private final EntityManager em;

    public NoticeFailures(KeycloakSession session) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** The count and the time of the last failure (epoch milliseconds, null without one). */
    public record Count(int failures, Long lastFailureAt) {
    }

    public Count of(String realmId) {
        SupportTenantEntity tenant = em.find(SupportTenantEntity.class, realmId);
        return tenant == null ? new Count(0, null) : new Count(tenant.getNoticeFailures(), tenant.getLastNoticeFailureAt());
    }

    /** Adds {@code failed} to the tenant's count; an increment in the database, so concurrent counts add up. */
    void count(String realmId, int failed, long now) {
        if (increment(realmId, failed, now) == 0) {
            try {
                KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                    EntityManager other = s.getProvider(JpaConnectionProvider.class).getEntityManager();
                    if (other.find(SupportTenantEntity.class, realmId) == null) {
                        SupportTenantEntity created = new SupportTenantEntity();
                        created.setRealmId(realmId);
                        other.persist(created);
                    }
                });
            } catch (RuntimeException concurrentlyCreated) {
                LOG.debugf("tenant row %s created concurrently: %s", realmId, concurrentlyCreated.getMessage());
            }
            increment(realmId, failed, now);
        }
    }

    private int increment(String realmId, int failed, long now) {
        return em.createNamedQuery("supportTenant.countNoticeFailures").setParameter("realmId", realmId)
                .setParameter("failed", failed).setParameter("now", now).executeUpdate();
    }
}

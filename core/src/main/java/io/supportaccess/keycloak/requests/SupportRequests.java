package io.supportaccess.keycloak.requests;

import io.supportaccess.keycloak.settings.SupportMode;

import io.supportaccess.keycloak.audit.AuditEntry;
import io.supportaccess.keycloak.audit.AuditLog;
import io.supportaccess.keycloak.audit.AuditType;
import io.supportaccess.keycloak.notify.TenantNotice;
import io.supportaccess.keycloak.notify.TenantNotices;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Support requests of tenants, in the Keycloak database. All times are epoch milliseconds of
 * Keycloak's clock ({@code Time.currentTimeMillis()}), passed in by the caller.
 */
public final class SupportRequests {

    public static final String SYSTEM = "system";
    private static final Logger LOG = Logger.getLogger(SupportRequests.class);

    private final KeycloakSession session;
    private final EntityManager em;

    public SupportRequests(KeycloakSession session) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public KeycloakSession session() {
        return session;
    }

    /** Until when requests keep the tenant open, if they do. */
    public Optional<Long> openUntil(String realmId, long now) {
        SupportTenantEntity tenant = em.find(SupportTenantEntity.class, realmId);
        return tenant == null || tenant.getExpiresAt() == null || tenant.getExpiresAt() <= now
                ? Optional.empty() : Optional.of(tenant.getExpiresAt());
    }

    /** The strongest mode of the tenant's active requests; empty when none is active. */
    public Optional<SupportMode> mode(String realmId, long now) {
        return active(realmId, now).stream().map(SupportRequestEntity::getMode).reduce(SupportMode::strongest);
    }

    public List<SupportRequestEntity> active(String realmId, long now) {
        return em.createNamedQuery("supportRequest.activeByRealm", SupportRequestEntity.class)
                .setParameter("realmId", realmId).setParameter("now", now).getResultList();
    }

    public List<SupportRequestEntity> activeOf(String realmId, String userId, long now) {
        return em.createNamedQuery("supportRequest.activeByRealmAndUser", SupportRequestEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).setParameter("now", now).getResultList();
    }

    /** Enables per user and minute; more are answered "too many requests". */
    public static final int MAX_ENABLES_PER_USER_PER_MINUTE = 5;
    static final long RATE_WINDOW_MILLIS = 60_000L;

    /** What became of an "Enable support": a new request, or why there is none. */
    public sealed interface Enabling {
        record Enabled(SupportRequestEntity request) implements Enabling { }
        record RateLimited(long retryAfterSeconds) implements Enabling { }
        record AtLimitAhead(long expiresAt, int maxOpenAheadHours, long acceptedFrom) implements Enabling { }
    }

    /**
     * "Enable support": a new request, prolonging the tenant's expiry by the validity limit, unless that
     * would open the tenant more than {@code maxOpenAheadHours} ahead of now. Counting the user's recent requests happens under
     * the tenant's row lock, so the rate limit holds across concurrent requests and cluster nodes.
     */
    public Enabling enable(RealmModel realm, UserModel user, int validityLimitHours, int maxOpenAheadHours, long now) {
        return enable(realm, user, validityLimitHours, maxOpenAheadHours, now, SupportMode.FULL);
    }

    /** As above, granting support in {@code mode}. */
    public Enabling enable(RealmModel realm, UserModel user, int validityLimitHours, int maxOpenAheadHours, long now, SupportMode mode) {
        SupportTenantEntity tenant = lockTenant(realm.getId());
        List<Long> recent = em.createNamedQuery("supportRequest.createdSinceByUser", Long.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", user.getId())
                .setParameter("since", now - RATE_WINDOW_MILLIS).getResultList();
        if (recent.size() >= MAX_ENABLES_PER_USER_PER_MINUTE) {
            long freedAt = recent.get(recent.size() - MAX_ENABLES_PER_USER_PER_MINUTE) + RATE_WINDOW_MILLIS;
            return new Enabling.RateLimited(Math.max(1, (freedAt - now + 999) / 1000));
        }
        Long current = tenant.getExpiresAt() != null && tenant.getExpiresAt() > now ? tenant.getExpiresAt() : null;
        java.util.OptionalLong bounded = Prolongation.boundedExpiry(current, now, validityLimitHours, maxOpenAheadHours);
        if (bounded.isEmpty()) {
            return new Enabling.AtLimitAhead(current, maxOpenAheadHours,
                    Prolongation.acceptedFrom(current, validityLimitHours, maxOpenAheadHours));
        }
        long expiry = bounded.getAsLong();

        SupportRequestEntity request = new SupportRequestEntity();
        request.setId(KeycloakModelUtils.generateId());
        request.setRealmId(realm.getId());
        request.setUserId(user.getId());
        request.setUsername(user.getUsername());
        request.setCreatedAt(now);
        request.setExpiresAt(expiry);
        request.setStatus(SupportRequestEntity.Status.ACTIVE);
        request.setMode(mode);
        em.persist(request);
        tenant.setExpiresAt(expiry);
        record(realm.getId(), request.getId(), current == null ? SupportRequestEventEntity.Type.ENABLED
                : SupportRequestEventEntity.Type.PROLONGED, user.getUsername(), now, expiry);
        TenantNotices.afterCommit(session, TenantNotice.requests(current == null ? TenantNotice.Kind.REQUEST_ENABLED
                : TenantNotice.Kind.REQUEST_PROLONGED, realm.getId(), user.getUsername(), now, expiry));
        return new Enabling.Enabled(request);
    }

    /**
     * "Disable support": the actor's own active requests, or all of the tenant's when {@code all}
     * (tenant administrators). Returns how many were disabled.
     */
    public int disable(RealmModel realm, UserModel actor, boolean all, long now) {
        SupportTenantEntity tenant = lockTenant(realm.getId());
        List<SupportRequestEntity> requests = all ? active(realm.getId(), now) : activeOf(realm.getId(), actor.getId(), now);
        for (SupportRequestEntity request : requests) {
            request.setStatus(SupportRequestEntity.Status.DISABLED);
            request.setEndedAt(now);
            request.setEndedBy(actor.getUsername());
        }
        em.flush();
        Long remaining = active(realm.getId(), now).stream().map(SupportRequestEntity::getExpiresAt).max(Long::compare).orElse(null);
        tenant.setExpiresAt(remaining);
        SupportRequestEventEntity.Type type = all ? SupportRequestEventEntity.Type.DISABLED_BY_ADMIN : SupportRequestEventEntity.Type.DISABLED_BY_USER;
        for (SupportRequestEntity request : requests) {
            record(realm.getId(), request.getId(), type, actor.getUsername(), now, remaining);
        }
        if (!requests.isEmpty()) {
            TenantNotices.afterCommit(session, TenantNotice.requests(TenantNotice.Kind.REQUEST_DISABLED, realm.getId(), actor.getUsername(), now, remaining));
        }
        return requests.size();
    }

    /** The realms that have requests whose time is up (at most {@code max}). */
    public Set<String> realmsWithDueRequests(long now, int max) {
        return new LinkedHashSet<>(em.createNamedQuery("supportRequest.dueRealms", String.class)
                .setParameter("now", now).setMaxResults(max).getResultList());
    }

    /** Marks one realm's requests whose time is up as expired; returns how many. */
    public int expireDue(String realmId, long now) {
        List<SupportRequestEntity> due = em.createNamedQuery("supportRequest.dueInRealm", SupportRequestEntity.class)
                .setParameter("realmId", realmId).setParameter("now", now).getResultList();
        for (SupportRequestEntity request : due) {
            request.setStatus(SupportRequestEntity.Status.EXPIRED);
            request.setEndedAt(request.getExpiresAt());
            request.setEndedBy(SYSTEM);
            Long tenantExpiry = openUntil(request.getRealmId(), now).orElse(null);
            record(request.getRealmId(), request.getId(), SupportRequestEventEntity.Type.EXPIRED, SYSTEM, request.getExpiresAt(), tenantExpiry);
        }
        if (!due.isEmpty()) {
            // one notice for the requests that ran out together
            long expiredAt = due.stream().mapToLong(SupportRequestEntity::getExpiresAt).max().getAsLong();
            TenantNotices.afterCommit(session, TenantNotice.requests(TenantNotice.Kind.REQUEST_EXPIRED, realmId, SYSTEM, expiredAt,
                    openUntil(realmId, now).orElse(null)));
        }
        return due.size();
    }

    public List<SupportRequestEvent> events(String realmId, int first, int max) {
        return em.createNamedQuery("supportRequestEvent.byRealm", SupportRequestEventEntity.class)
                .setParameter("realmId", realmId).setFirstResult(first).setMaxResults(max).getResultStream()
                .map(SupportRequestEvent::of).toList();
    }

    public void removeRealm(String realmId) {
        em.createNamedQuery("supportRequest.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("supportRequestEvent.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
        SupportTenantEntity tenant = em.find(SupportTenantEntity.class, realmId);
        if (tenant != null) {
            em.remove(tenant);
        }
    }

    private void record(String realmId, String requestId, SupportRequestEventEntity.Type type, String who, long time, Long tenantExpiry) {
        SupportRequestEventEntity event = new SupportRequestEventEntity();
        event.setId(KeycloakModelUtils.generateId());
        event.setRealmId(realmId);
        event.setRequestId(requestId);
        event.setType(type);
        event.setWho(who);
        event.setTime(time);
        event.setTenantExpiresAt(tenantExpiry);
        em.persist(event);
        // support records are written whatever the tenant realm's own listener configuration
        RealmModel realm = session.realms().getRealm(realmId);
        new AuditLog(session).record(realmId, realm == null ? realmId : realm.getName(), auditEntry(type, requestId, who, tenantExpiry), time);
        LOG.debugf("support request %s %s in realm %s by %s, tenant open until %s", requestId, type, realmId, who, tenantExpiry);
    }

    private AuditEntry auditEntry(SupportRequestEventEntity.Type type, String requestId, String who, Long tenantExpiry) {
        String activity = switch (type) {
            case ENABLED -> "Support request enabled";
            case PROLONGED -> "Support request prolonged";
            case DISABLED_BY_USER -> "Support request disabled";
            case DISABLED_BY_ADMIN -> "Support request disabled by administrator";
            case EXPIRED -> "Support request expired";
        };
        String text = activity + "; " + (tenantExpiry == null ? "support access closed unless the platform setting opens the tenant"
                : "support access open until " + java.time.Instant.ofEpochMilli(tenantExpiry));
        var client = session.getContext().getClient();
        return new AuditEntry(AuditType.SUPPORT, activity, text, who, null, "support request " + requestId,
                client == null ? null : client.getClientId(), List.of());
    }

    /**
     * The tenant row, locked for this transaction. It is created (in its own transaction, so that a
     * concurrent creation on another request or node only makes this one find it) when missing.
     */
    private SupportTenantEntity lockTenant(String realmId) {
        if (em.find(SupportTenantEntity.class, realmId) == null) {
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
        }
        SupportTenantEntity tenant = em.find(SupportTenantEntity.class, realmId, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(tenant, LockModeType.PESSIMISTIC_WRITE);
        return tenant;
    }
}

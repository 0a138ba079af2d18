package io.supportaccess.keycloak.audit;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.storage.TimeOrderedId;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The audit table. A record is written with the session's entity manager, so it commits or
 * rolls back with the action it describes: an acknowledged action always has its record and a
 * request that fails before commit leaves none. (Keycloak sends login errors in a transaction of
 * their own, committed before the answer; their records share it.)
 */
public final class AuditLog {

    /** The event listener that feeds the log; a realm without it in its listeners is not audited. */
    public static final String LISTENER_ID = "support-access";

    private static final int MAX_TEXT = 1000;
    private static final int MAX_NAME = 255;

    private final KeycloakSession session;
    private final EntityManager em;

    public AuditLog(KeycloakSession session) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public static boolean isEnabled(RealmModel realm) {
        return realm != null && realm.getEventsListenersStream().anyMatch(LISTENER_ID::equals);
    }

    /** Records the entry if the realm has its own audit switched on (the realm listener); support records are always written. */
    public void recordIfEnabled(RealmModel realm, AuditEntry entry) {
        if (isEnabled(realm)) {
            record(realm.getId(), realm.getName(), entry, Time.currentTimeMillis());
        }
    }

    public AuditRecordEntity record(String realmId, String realmName, AuditEntry entry, long time) {
        return record(realmId, realmName, entry, time, null);
    }

    /** Records the entry, remembering the user session it was done in. */
    public AuditRecordEntity record(String realmId, String realmName, AuditEntry entry, long time, String sessionId) {
        AuditRecordEntity record = new AuditRecordEntity();
        record.setSessionId(sessionId != null && sessionId.length() <= 36 ? sessionId : null);
        record.setId(TimeOrderedId.next());
        record.setTime(time);
        record.setRealmId(realmId);
        record.setRealmName(cut(realmName, MAX_NAME));
        record.setType(entry.type().displayName());
        record.setActivity(cut(entry.activity(), 64));
        record.setText(cut(entry.text(), MAX_TEXT));
        record.setWho(cut(entry.who() == null ? "unknown" : entry.who(), MAX_NAME));
        record.setSupportUser(cut(entry.supportUser(), MAX_NAME));
        record.setSource(cut(entry.source(), MAX_NAME));
        record.setApplication(cut(entry.application(), MAX_NAME));
        record.setChanges(entry.changes().isEmpty() ? null : cut(String.join(",", entry.changes()), MAX_TEXT));
        record.setSupportReason(cut(entry.supportReason(), 400));
        em.persist(record);
        if (SupportAccessConfig.of(session).auditLog()) {
            AuditJsonLine.afterCommit(session, record);
        }
        return record;
    }

    /**
     * The support login recorded for a user session: who the session belongs to after Keycloak
     * has removed it (its logout event comes after the removal).
     */
    public java.util.Optional<AuditRecordEntity> supportLoginOfSession(String realmId, String sessionId) {
        return em.createNamedQuery("auditRecord.supportOfSession", AuditRecordEntity.class)
                .setParameter("realmId", realmId).setParameter("sessionId", sessionId)
                .setMaxResults(1).getResultList().stream().findFirst();
    }

    /** One realm's log. */
    public List<AuditRecord> query(String realmId, AuditQuery query) {
        StringBuilder where = new StringBuilder("r.realmId = :realmId");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("realmId", realmId);
        if (query.type() != null) {
            where.append(" and r.type = :type");
            parameters.put("type", query.type().displayName());
        }
        return run(where, parameters, query);
    }

    /**
     * The management realm's view: its own records and the support accesses of every tenant (or of
     * one tenant, when {@code tenantId} is given).
     */
    public List<AuditRecord> queryAcrossTenants(String managementRealmId, String tenantId, AuditQuery query) {
        StringBuilder where = new StringBuilder();
        Map<String, Object> parameters = new LinkedHashMap<>();
        String support = AuditType.SUPPORT.displayName();
        if (tenantId != null) {
            where.append("r.realmId = :realmId and r.type = :type");
            parameters.put("realmId", tenantId);
            parameters.put("type", query.type() == null || query.type() == AuditType.SUPPORT ? support : "-");
        } else if (query.type() == AuditType.SUPPORT) {
            where.append("r.type = :type");
            parameters.put("type", support);
        } else if (query.type() != null) {
            where.append("r.realmId = :realmId and r.type = :type");
            parameters.put("realmId", managementRealmId);
            parameters.put("type", query.type().displayName());
        } else {
            // two reads along their own (filter, time) indexes, merged; one read of "realm or type" made
            // the database collect and sort a whole window of both (EXPLAIN in docs/benchmarks.md)
            List<AuditRecord> own = run(new StringBuilder("r.realmId = :realmId"),
                    new LinkedHashMap<>(Map.of("realmId", managementRealmId)), query);
            List<AuditRecord> supportAccesses = run(new StringBuilder("r.type = :type"), new LinkedHashMap<>(Map.of("type", support)), query);
            Map<String, AuditRecord> union = new LinkedHashMap<>();
            own.forEach(r -> union.put(r.id(), r));
            supportAccesses.forEach(r -> union.putIfAbsent(r.id(), r));
            return union.values().stream().sorted(NEWEST_FIRST).limit(query.pageSize() + 1L).toList();
        }
        return run(where, parameters, query);
    }

    private static final Comparator<AuditRecord> NEWEST_FIRST =
            Comparator.comparingLong(AuditRecord::time).thenComparing(AuditRecord::id).reversed();

    /** Removes up to {@code batch} records older than {@code cutoff}; returns how many. */
    public int deleteOlderThan(long cutoff, int batch) {
        // the oldest due records up to the batch's last one, by (time, id) along the time index: two short statements
        // instead of the ids of a batch sent back as ten thousand parameters
        List<Object[]> last = em.createNamedQuery("auditRecord.oldestDue", Object[].class)
                .setParameter("cutoff", cutoff).setFirstResult(batch - 1).setMaxResults(1).getResultList();
        if (last.isEmpty()) {
            return em.createNamedQuery("auditRecord.deleteDue").setParameter("cutoff", cutoff).executeUpdate();
        }
        return em.createNamedQuery("auditRecord.deleteDueUpTo").setParameter("cutoff", cutoff)
                .setParameter("time", last.get(0)[0]).setParameter("id", last.get(0)[1]).executeUpdate();
    }

    /**
     * Newest first. The first pages are read through widening time windows (a day, a week, a
     * month, then everything before the upper bound): each window is a short range of the
     * (filter, time) index, so the database sorts at most a window's records, never the whole
     * log. A window holding a full page proves no older record belongs on it.
     */
    private List<AuditRecord> run(StringBuilder where, Map<String, Object> parameters, AuditQuery query) {
        addFilter(where, parameters, "who", query.who());
        addFilter(where, parameters, "supportUser", query.supportUser());
        addFilter(where, parameters, "activity", query.activity());
        addFilter(where, parameters, "source", query.source());
        if (query.to() != null) {
            where.append(" and r.time <= :to");
            parameters.put("to", query.to());
        }
        if (query.after() != null) {
            // "r.time <= :afterTime" repeats what the disjunction implies: an index range bound, so that a
            // deep page starts reading at the cursor instead of skipping every newer record
            where.append(" and r.time <= :afterTime and (r.time < :afterTime or (r.time = :afterTime and r.id < :afterId))");
            parameters.put("afterTime", query.after().time());
            parameters.put("afterId", query.after().id());
        }
        long upper = query.after() != null ? query.after().time() : query.to() != null ? query.to() : Time.currentTimeMillis();
        if (query.to() != null) {
            upper = Math.min(upper, query.to());
        }
        for (long window : WINDOWS) {
            long lower = upper - window;
            boolean last = window == Long.MAX_VALUE || (query.from() != null && lower <= query.from());
            Long from = last ? query.from() : Long.valueOf(lower);
            List<AuditRecordEntity> page = select(where, parameters, from, query.pageSize() + 1);
            if (last || page.size() > query.pageSize()) {
                return page.stream().map(AuditRecord::of).toList();
            }
        }
        throw new IllegalStateException("unreachable: the last window is unbounded");
    }

    private static final long[] WINDOWS = {86_400_000L, 7 * 86_400_000L, 31 * 86_400_000L, Long.MAX_VALUE};

    private List<AuditRecordEntity> select(StringBuilder where, Map<String, Object> parameters, Long from, int max) {
        String condition = where + (from != null ? " and r.time >= :from" : "");
        TypedQuery<AuditRecordEntity> jpa = em.createQuery(
                "select r from AuditRecordEntity r where " + condition + " order by r.time desc, r.id desc", AuditRecordEntity.class);
        parameters.forEach(jpa::setParameter);
        if (from != null) {
            jpa.setParameter("from", from);
        }
        return new ArrayList<>(jpa.setMaxResults(max).getResultList());
    }

    private static void addFilter(StringBuilder where, Map<String, Object> parameters, String field, String value) {
        if (value != null) {
            where.append(" and r.").append(field).append(" = :").append(field);
            parameters.put(field, value);
        }
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}

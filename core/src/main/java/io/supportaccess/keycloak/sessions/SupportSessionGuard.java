package io.supportaccess.keycloak.sessions;

import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.audit.AuditEntry;
import io.supportaccess.keycloak.audit.AuditLog;
import io.supportaccess.keycloak.audit.AuditType;
import io.supportaccess.keycloak.decision.SupportAccessDecision;
import io.supportaccess.keycloak.settings.PlatformSettings;
import io.supportaccess.keycloak.settings.SupportMode;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * Keeps live support sessions within what is allowed right now: each one is checked against the
 * same decision as a support login, the support user's account, the target user and the
 * platform's session lifetime, and ended (its online and offline user sessions removed, so refresh
 * tokens, userinfo, introspection and the SSO cookie stop working on every node) when any fails.
 */
public final class SupportSessionGuard {

    private static final Logger LOG = Logger.getLogger(SupportSessionGuard.class);

    private final KeycloakSession session;
    private final SupportSessionRecords records;

    public SupportSessionGuard(KeycloakSession session) {
        this.session = session;
        this.records = new SupportSessionRecords(session);
    }

    /** Checks every live support session; returns how many ended. */
    public int checkAll() {
        return check(records.live());
    }

    /** Checks the live support sessions of one tenant. */
    public int checkRealm(String realmId) {
        return check(records.liveInRealm(realmId));
    }

    /** Checks one support session by its record id, if it is still live. */
    public int checkOne(String id) {
        return records.find(id).filter(SupportSessionEntity::isLive).map(row -> check(List.of(row))).orElse(0);
    }

    /** Record ids of the live support sessions. */
    public List<String> liveIds() {
        return records.live().stream().map(SupportSessionEntity::getId).toList();
    }

    /** Checks the live support sessions of one support user. */
    public int checkSupportUser(String supportUserId) {
        return check(records.liveOfSupportUser(supportUserId));
    }

    public int check(List<SupportSessionEntity> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        RealmModel management = session.realms().getRealmByName(SupportAccessConfig.of(session).managementRealm());
        long now = Time.currentTimeMillis();
        int ended = 0;
        for (SupportSessionEntity row : rows) {
            // scheduled tasks run without a context realm; Keycloak's user lookups need one
            Optional<SessionEnd> reason = session.getContext().getRealm() != null || management == null
                    ? verdict(management, row, now) : inRealm(management, () -> verdict(management, row, now));
            if (reason.isPresent()) {
                end(row, reason.get(), "system");
                ended++;
            }
        }
        return ended;
    }

    static final long NEW_SESSION_GRACE_MILLIS = 60_000;

    /** Why the session must end now, if it must. */
    Optional<SessionEnd> verdict(RealmModel management, SupportSessionEntity row, long now) {
        RealmModel tenant = session.realms().getRealm(row.getRealmId());
        if (tenant == null || management == null) {
            return Optional.of(SessionEnd.TENANT_UNAVAILABLE);
        }
        UserSessionModel online = inRealm(tenant, () -> session.sessions().getUserSession(tenant, row.getUserSessionId()));
        UserSessionModel offline = inRealm(tenant, () -> session.sessions().getOfflineUserSession(tenant, row.getUserSessionId()));
        if (online == null && offline == null) {
            // a new session's record can be visible before Keycloak's session store shows the session (an
            // offline session is written behind the login's transaction): not "gone" until it had time to appear
            return now - row.getStartedAt() < NEW_SESSION_GRACE_MILLIS ? Optional.empty() : Optional.of(SessionEnd.SESSION_GONE);
        }
        PlatformSettings settings = PlatformSettings.read(management);
        if (now >= row.getStartedAt() + settings.sessionMaxHours() * 3_600_000L) {
            return Optional.of(SessionEnd.LIFESPAN);
        }
        long lastUse = Math.max(online == null ? 0 : online.getLastSessionRefresh(), offline == null ? 0 : offline.getLastSessionRefresh()) * 1000L;
        if (now >= Math.max(lastUse, row.getStartedAt()) + settings.sessionIdleMinutes() * 60_000L) {
            return Optional.of(SessionEnd.IDLE);
        }
        UserModel supportUser = session.users().getUserById(management, row.getSupportUserId());
        if (supportUser == null || !supportUser.isEnabled() || supportUser.getRequiredActionsStream().findAny().isPresent()) {
            return Optional.of(SessionEnd.WITHDRAWAL);
        }
        UserModel target = session.users().getUserById(tenant, row.getTargetUserId());
        if (target == null || !target.isEnabled()) {
            return Optional.of(SessionEnd.TARGET_UNAVAILABLE);
        }
        return switch (SupportAccessDecision.decide(session, management, supportUser, tenant, target.getUsername())) {
            case GRANTED -> stillInItsMode(management, tenant, online != null ? online : offline);
            case NOT_PERMITTED -> Optional.of(SessionEnd.WITHDRAWAL);
            case TENANT_CLOSED -> Optional.of(SessionEnd.EXPIRY);
            default -> Optional.of(SessionEnd.TENANT_UNAVAILABLE);
        };
    }

    /**
     * A full session ends when the tenant now grants read-only support only (a login now would get
     * read-only tokens); a read-only session is never raised to full: it stays as it is.
     */
    private Optional<SessionEnd> stillInItsMode(RealmModel management, RealmModel tenant, UserSessionModel userSession) {
        SupportMode started = SupportMode.stored(userSession.getNote(SupportAccess.SESSION_SUPPORT_MODE));
        if (started == SupportMode.FULL && SupportAccessDecision.mode(session, management, tenant) == SupportMode.READ_ONLY) {
            return Optional.of(SessionEnd.READ_ONLY_NOW);
        }
        return Optional.empty();
    }

    /** Every live support session with the time it ends unless used again. */
    public List<LiveSupportSession> live(PlatformSettings settings) {
        return records.live().stream().map(row -> LiveSupportSession.of(row, endsAt(row, settings))).toList();
    }

    /** Ends one live support session; false when there is none with that id. */
    public boolean end(String id, SessionEnd reason, String endedBy) {
        Optional<SupportSessionEntity> row = records.find(id).filter(SupportSessionEntity::isLive);
        row.ifPresent(r -> end(r, reason, endedBy));
        return row.isPresent();
    }

    /** The time at which the session ends unless used again: the earlier of its lifespan and idle limits. */
    long endsAt(SupportSessionEntity row, PlatformSettings settings) {
        long lifespanEnd = row.getStartedAt() + settings.sessionMaxHours() * 3_600_000L;
        RealmModel tenant = session.realms().getRealm(row.getRealmId());
        if (tenant == null) {
            return lifespanEnd;
        }
        UserSessionModel online = inRealm(tenant, () -> session.sessions().getUserSession(tenant, row.getUserSessionId()));
        long lastUse = online == null ? row.getStartedAt() : Math.max(row.getStartedAt(), online.getLastSessionRefresh() * 1000L);
        return Math.min(lifespanEnd, lastUse + settings.sessionIdleMinutes() * 60_000L);
    }

    /** Ends a live support session: removes its user sessions, marks the record and writes the audit record. */
    public void end(SupportSessionEntity row, SessionEnd reason, String endedBy) {
        if (!row.isLive()) {
            return;
        }
        RealmModel tenant = session.realms().getRealm(row.getRealmId());
        if (tenant != null && reason != SessionEnd.LOGOUT) {
            inRealm(tenant, () -> {
                UserSessionModel online = session.sessions().getUserSession(tenant, row.getUserSessionId());
                if (online != null) {
                    session.sessions().removeUserSession(tenant, online);
                }
                UserSessionModel offline = session.sessions().getOfflineUserSession(tenant, row.getUserSessionId());
                if (offline != null) {
                    session.sessions().removeOfflineUserSession(tenant, offline);
                }
                return null;
            });
        }
        long now = Time.currentTimeMillis();
        records.markEnded(row, reason, endedBy, now);
        String text = "Support session of " + row.who() + " in " + row.getRealmName() + " ended: " + reason.label()
                + (reason == SessionEnd.OPERATOR ? " (by " + endedBy + ")" : "");
        new AuditLog(session).record(row.getRealmId(), row.getRealmName(), new AuditEntry(AuditType.SUPPORT,
                "Support session ended", text, row.who(), row.getSupportUsername(), "support session " + row.getUserSessionId(),
                row.getClientId(), List.of(reason.label()), row.getReason()), now, row.getUserSessionId());
        LOG.infof("%s", text);
    }

    /**
     * Runs with the tenant as the context realm: Keycloak's session removal consults realm-bound
     * providers (identity providers, organizations) that fail without one.
     */
    private <T> T inRealm(RealmModel realm, Supplier<T> action) {
        RealmModel previous = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        try {
            return action.get();
        } finally {
            session.getContext().setRealm(previous);
        }
    }
}

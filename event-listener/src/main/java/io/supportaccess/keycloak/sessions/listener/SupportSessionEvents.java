package io.supportaccess.keycloak.sessions.listener;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.decision.SupportAccessDecision;
import io.supportaccess.keycloak.notify.TenantNotice;
import io.supportaccess.keycloak.notify.TenantNotices;
import io.supportaccess.keycloak.sessions.SessionEnd;
import io.supportaccess.keycloak.sessions.SupportSessionGuard;
import io.supportaccess.keycloak.sessions.SupportSessionRecords;
import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Keeps the support sessions record in step with Keycloak's events: a granted support login
 * starts a record, a logout ends it, and any administrative change (in the management realm:
 * roles, groups, users, inventory, platform settings; in a tenant: the realm, its users) has the
 * affected live support sessions checked again at once, in the same transaction.
 */
public final class SupportSessionEvents {

    private final KeycloakSession session;

    public SupportSessionEvents(KeycloakSession session) {
        this.session = session;
    }

    public void onEvent(Event event) {
        if (event.getError() != null || event.getSessionId() == null || event.getRealmId() == null) {
            return;
        }
        if (event.getType() == EventType.LOGIN) {
            Map<String, String> details = event.getDetails();
            if (details != null && details.get(SupportAccess.DETAIL_SUPPORT_USER_ID) != null && details.get(SupportAccess.DETAIL_WHO) != null) {
                started(event, details);
            }
        } else if (event.getType() == EventType.LOGOUT) {
            SupportSessionRecords records = new SupportSessionRecords(session);
            records.liveOfUserSession(event.getRealmId(), event.getSessionId())
                    .ifPresent(row -> new SupportSessionGuard(session).end(row, SessionEnd.LOGOUT, row.who()));
        }
    }

    public void onEvent(AdminEvent event) {
        if (event.getRealmId() == null) {
            return;
        }
        if (event.getResourceType() == ResourceType.USER && event.getOperationType() == OperationType.CREATE) {
            return;
        }
        if (isRealmCreation(event)) {
            // a realm just created has no support sessions, nor does the creating administrator's realm gain any (and in
            // the creating transaction a query would flush the thousands of entities the creation brought)
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        SupportSessionGuard guard = new SupportSessionGuard(session);
        String userId = userOf(event.getResourcePath());
        if (realm != null && !SupportAccessConfig.of(session).managementRealm().equals(realm.getName())) {
            // a change to one tenant user concerns the support sessions as that user only
            guard.check(new SupportSessionRecords(session).liveInRealm(realm.getId()).stream()
                    .filter(row -> userId == null || userId.equals(row.getTargetUserId())).toList());
            return;
        }
        if (userId != null) {
            guard.checkSupportUser(userId);
        } else {
            guard.checkAll();
        }
    }

    /**
     * A realm's creation: Keycloak records it in the creating administrator's realm, with the new realm's name as its
     * path. A partial import into a realm is a REALM CREATE event too, but with the path of what it added.
     */
    public static boolean isRealmCreation(AdminEvent event) {
        String path = event.getResourcePath();
        return event.getResourceType() == ResourceType.REALM && event.getOperationType() == OperationType.CREATE
                && path != null && !path.isEmpty() && path.indexOf('/') < 0;
    }

    /** The user id of a resource path {@code users/{id}/...}: a change to that one user. */
    private static String userOf(String resourcePath) {
        if (resourcePath == null || !resourcePath.startsWith("users/")) {
            return null;
        }
        String rest = resourcePath.substring("users/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** A user of the management realm (a support user) or of a tenant (a target) was removed. */
    public void userRemoved(RealmModel realm, UserModel user) {
        SupportSessionRecords records = new SupportSessionRecords(session);
        SupportSessionGuard guard = new SupportSessionGuard(session);
        if (SupportAccessConfig.of(session).managementRealm().equals(realm.getName())) {
            records.liveOfSupportUser(user.getId()).forEach(row -> guard.end(row, SessionEnd.WITHDRAWAL, "system"));
        } else {
            records.liveInRealm(realm.getId()).stream().filter(row -> row.getTargetUserId().equals(user.getId()))
                    .forEach(row -> guard.end(row, SessionEnd.TARGET_UNAVAILABLE, "system"));
        }
    }

    private void started(Event event, Map<String, String> details) {
        SupportSessionRecords records = new SupportSessionRecords(session);
        if (records.liveOfUserSession(event.getRealmId(), event.getSessionId()).isPresent()) {
            return;
        }
        RealmModel tenant = session.realms().getRealm(event.getRealmId());
        RealmModel management = session.realms().getRealmByName(SupportAccessConfig.of(session).managementRealm());
        UserModel target = tenant == null ? null : session.users().getUserById(tenant, event.getUserId());
        if (tenant == null || management == null || target == null) {
            return;
        }
        ClientModel client = event.getClientId() == null ? null : tenant.getClientByClientId(event.getClientId());
        long now = Time.currentTimeMillis();
        // what opened the tenant as the login saw it (and as its tokens say); computed here for logins without it
        String openedBy = details.get(SupportAccess.DETAIL_OPENED_BY);
        records.start(event.getSessionId(), tenant.getId(), tenant.getName(), details.get(SupportAccess.DETAIL_SUPPORT_USER_ID),
                details.get(SupportAccess.DETAIL_SUPPORT_USER), target.getId(), target.getUsername(),
                client == null ? event.getClientId() : client.getClientId(),
                openedBy != null ? openedBy : SupportAccessDecision.openedBy(session, management, tenant),
                details.get(SupportAccess.DETAIL_SUPPORT_REASON), now);
        if (TenantNotices.enabled(session)) {
            TenantNotices.afterCommit(session, TenantNotice.sessionStarted(tenant.getId(), details.get(SupportAccess.DETAIL_SUPPORT_USER_ID),
                    details.get(SupportAccess.DETAIL_SUPPORT_USER), target.getId(), target.getUsername(), now,
                    details.get(SupportAccess.DETAIL_SUPPORT_REASON)));
        }
    }
}

package io.supportaccess.keycloak.tenant;

import io.supportaccess.keycloak.SupportAccess;

import io.supportaccess.keycloak.approval.AccessRequests;
import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.consent.Consent;
import io.supportaccess.keycloak.decision.SupportAccessDecision;
import io.supportaccess.keycloak.notify.NoticeFailures;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import io.supportaccess.keycloak.requests.SupportRequests;
import io.supportaccess.keycloak.requests.SupportSessions;
import io.supportaccess.keycloak.settings.PlatformSettings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** A tenant's support state as one of its users sees it, with what that user may do. */
final class SupportStatusRepresentation {

    private SupportStatusRepresentation() {
    }

    static Map<String, Object> of(KeycloakSession session, RealmModel realm, TenantCaller caller, long now) {
        PlatformSettings settings = PlatformSettings.read(session.realms().getRealmByName(SupportAccessConfig.of(session).managementRealm()));
        SupportRequests requests = new SupportRequests(session);
        boolean excluded = settings.excludes(realm.getName());
        boolean platformOpen = settings.opensByPlatform(realm.getName());
        Long expiresAt = requests.openUntil(realm.getId(), now).orElse(null);
        int active = requests.active(realm.getId(), now).size();
        int own = requests.activeOf(realm.getId(), caller.user().getId(), now).size();
        boolean admin = SupportAccessAuth.isTenantAdministrator(realm, caller.user());
        boolean supportSession = caller.userSession() != null && SupportSessions.isSupportSession(caller.userSession());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", realm.getName());
        boolean othersOpen = settings.opensOtherThanByApproval(realm.getName());
        body.put("open", !excluded && othersOpen && (platformOpen || expiresAt != null));
        body.put("approvalMode", settings.approvalMode(realm.getName()).json());
        AccessRequests approvals = new AccessRequests(session);
        body.put("activeApprovals", approvals.countApproved(realm.getId(), now));
        body.put("pendingApprovals", approvals.countPending(realm.getId(), now));
        body.put("openedByPlatform", platformOpen);
        body.put("excludedByPlatform", excluded);
        body.put("expiresAt", expiresAt == null ? null : Instant.ofEpochMilli(expiresAt).toString());
        body.put("activeRequests", active);
        if ((boolean) body.get("open")) {
            body.put("mode", SupportAccessDecision.mode(session, session.realms().getRealmByName(SupportAccessConfig.of(session).managementRealm()),
                    realm).json());
        }
        body.put("ownActiveRequests", own);
        body.put("validityLimitHours", settings.validityLimitHours());
        body.put("tenantAdministrator", admin);
        body.put("canReadAccesses", SupportAccessAuth.canReadAudit(realm, caller.user()));
        body.put("supportSession", supportSession);
        if (supportSession) {
            // lets the account console say who is really signed in
            body.put("supportUser", caller.userSession().getNote(SupportAccess.SESSION_SUPPORT_USERNAME));
            body.put("user", caller.user().getUsername());
            body.put("supportMode", SupportSessions.isReadOnly(caller.userSession()) ? "read-only" : "full");
        }
        body.put("canEnable", othersOpen && !platformOpen && !excluded && Consent.refusal(session, realm, caller.user(), caller.userSession()).isEmpty());
        body.put("canDisable", !platformOpen && !supportSession && (own > 0 || (admin && active > 0)));
        // e-mails to the tenant's administrators ("notify tenants") that the tenant's mail server did not take
        NoticeFailures.Count notices = new NoticeFailures(session).of(realm.getId());
        body.put("notifyTenants", settings.notifyTenants());
        body.put("noticeFailures", notices.failures());
        body.put("lastNoticeFailureAt", notices.lastFailureAt() == null ? null : Instant.ofEpochMilli(notices.lastFailureAt()).toString());
        return body;
    }
}

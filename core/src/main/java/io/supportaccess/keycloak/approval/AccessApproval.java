package io.supportaccess.keycloak.approval;

import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.audit.AuditEntry;
import io.supportaccess.keycloak.audit.AuditLog;
import io.supportaccess.keycloak.audit.AuditType;
import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.consent.Consent;
import io.supportaccess.keycloak.decision.SupportAccessDecision;
import io.supportaccess.keycloak.notify.TenantNotice;
import io.supportaccess.keycloak.notify.TenantNotices;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import io.supportaccess.keycloak.reason.SupportReason;
import io.supportaccess.keycloak.sessions.SupportSessionGuard;
import io.supportaccess.keycloak.settings.ApprovalMode;
import io.supportaccess.keycloak.settings.PlatformSettings;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * Access approval (issue 20): a support user asks a tenant for access (reason, target, hours), the
 * tenant's approvers ({@link SupportAccessAuth#ROLE_SUPPORT_APPROVAL_ADMIN}) approve or deny, and an
 * approval opens the tenant for that support user only, for that target, until its time is up. Every
 * step is an audit record of type Support in the tenant; approvers and the support user are e-mailed.
 */
public final class AccessApproval {

    public static final String SYSTEM = "system";
    static final int MAX_COMMENT = 500;
    static final int MAX_USERNAME = 255;
    static final long HOUR = 3_600_000L;

    private final KeycloakSession session;
    private final AccessRequests requests;

    public AccessApproval(KeycloakSession session) {
        this.session = session;
        this.requests = new AccessRequests(session);
    }

    /** A support user asks for access to {@code tenantId}. */
    public AccessRequestEntity request(RealmModel management, UserModel supportUser, String tenantId, String target, int hours,
                                       String rawReason, long now) {
        RealmModel tenant = tenantId == null ? null : session.realms().getRealmByName(tenantId);
        if (tenant == null || !SupportAccessConfig.of(session).isTenantRealm(tenant.getName()) || tenant.getId().equals(management.getId())) {
            throw AccessRequestRefused.notFound("No tenant '" + InvalidInput.shorten(tenantId) + "'");
        }
        PlatformSettings settings = PlatformSettings.read(management);
        if (settings.approvalMode(tenant.getName()) == ApprovalMode.OFF) {
            throw AccessRequestRefused.conflict("Access approval is off for tenant '" + tenant.getName() + "'");
        }
        if (hours < 1 || hours > settings.validityLimitHours()) {
            throw new InvalidInput("'hours' must be a whole number from 1 to " + settings.validityLimitHours() + " (the validity limit)");
        }
        String reason = reason(rawReason);
        String targetUsername = target(target);
        if (targetUsername == null && !settings.accessRequestAnyUserAllowed()) {
            throw new InvalidInput("'targetUser' is required: the platform does not allow asking for access as any user");
        }
        switch (SupportAccessDecision.decide(session, management, supportUser, tenant)) {
            case NOT_PERMITTED -> throw AccessRequestRefused.forbidden("You do not hold the Support permission for tenant '"
                    + tenant.getName() + "'");
            case TENANT_DISABLED -> throw AccessRequestRefused.conflict("Tenant '" + tenant.getName() + "' is suspended");
            case TENANT_EXCLUDED -> throw AccessRequestRefused.conflict("Tenant '" + tenant.getName() + "' is excluded from support access");
            default -> { }
        }
        Optional<AccessRequestEntity> pending = requests.lockPendingOf(tenant.getId(), supportUser.getId(), now);
        if (pending.isPresent()) {
            throw AccessRequestRefused.conflict("You already have a pending access request for tenant '" + tenant.getName() + "' ("
                    + pending.get().getId() + "); withdraw it first");
        }
        long pendingUntil = now + settings.accessRequestPendingHours() * HOUR;
        AccessRequestEntity request = requests.create(tenant.getId(), tenant.getName(), supportUser.getId(), supportUser.getUsername(),
                targetUsername, reason, hours, now, pendingUntil);
        audit(request, "Access requested", supportUser.getUsername(), "Access requested by " + supportUser.getUsername() + " as "
                + targetText(request) + " for " + hours + " h; reason: " + reason, now);
        TenantNotices.accessAfterCommit(session, TenantNotice.accessRequested(tenant.getId(), tenant.getName(), supportUser.getUsername(),
                targetUsername, now, reason, pendingUntil));
        return request;
    }

    /** Approves a pending request ({@code hours}: null for the hours asked, else 1 to those). */
    public AccessRequestEntity approve(RealmModel tenant, UserModel approver, UserSessionModel approverSession, String id, Integer hours,
                                       String rawComment, long now) {
        AccessRequestEntity request = decidable(tenant, approver, approverSession, id, now, "approve");
        int granted = hours == null ? request.getHoursRequested() : hours;
        if (granted < 1 || granted > request.getHoursRequested()) {
            throw new InvalidInput("'hours' must be a whole number from 1 to " + request.getHoursRequested() + " (the hours asked for)");
        }
        String comment = comment(rawComment);
        request.setStatus(AccessRequestEntity.Status.APPROVED);
        request.setDecidedAt(now);
        request.setDecidedBy(approver.getUsername());
        request.setComment(comment);
        request.setApprovedUntil(now + granted * HOUR);
        audit(request, "Access approved", approver.getUsername(), explain(request) + (comment == null ? "" : "; comment: " + comment), now);
        notifySupportUser(request, true, now);
        return request;
    }

    public AccessRequestEntity deny(RealmModel tenant, UserModel approver, UserSessionModel approverSession, String id, String rawComment,
                                    long now) {
        AccessRequestEntity request = decidable(tenant, approver, approverSession, id, now, "deny");
        String comment = comment(rawComment);
        request.setStatus(AccessRequestEntity.Status.DENIED);
        request.setDecidedAt(now);
        request.setDecidedBy(approver.getUsername());
        request.setComment(comment);
        audit(request, "Access denied", approver.getUsername(), "Access of " + request.getSupportUsername() + " as " + targetText(request)
                + " denied by " + approver.getUsername() + "; reason: " + request.getReason() + (comment == null ? "" : "; comment: " + comment), now);
        notifySupportUser(request, false, now);
        return request;
    }

    /** The support user withdraws their own pending request or ends their approval early; live sessions it opened end. */
    public void withdraw(UserModel supportUser, String id, long now) {
        AccessRequestEntity request = requests.lock(id).filter(r -> r.getSupportUserId().equals(supportUser.getId()))
                .orElseThrow(() -> AccessRequestRefused.notFound("No access request '" + InvalidInput.shorten(id) + "' of yours"));
        boolean approved = request.getStatus() == AccessRequestEntity.Status.APPROVED && request.getApprovedUntil() > now;
        if (!approved && !(request.getStatus() == AccessRequestEntity.Status.PENDING && request.getPendingUntil() > now)) {
            throw AccessRequestRefused.conflict("Access request " + request.getId() + " is " + status(request, now).toLowerCase(Locale.ROOT)
                    + " and cannot be withdrawn");
        }
        request.setStatus(AccessRequestEntity.Status.WITHDRAWN);
        request.setEndedAt(now);
        audit(request, "Access request withdrawn", supportUser.getUsername(), "Access request of " + supportUser.getUsername() + " as "
                + targetText(request) + " withdrawn" + (approved ? "; the approval ends now" : ""), now);
        if (approved) {
            new SupportSessionGuard(session).checkRealm(request.getRealmId());
        }
    }

    /** A support login that the approval let in ({@code who}: jill$john); returns the approval's reason. */
    public String used(String approvalId, String who, long now) {
        Optional<AccessRequestEntity> approval = requests.find(approvalId);
        approval.ifPresent(r -> audit(r, "Access approval used", who, "Support login of " + who + ", " + explain(r), now));
        return approval.map(AccessRequestEntity::getReason).orElse(null);
    }

    /** Pending requests past their wait and approvals past their time, of one tenant, become EXPIRED; returns how many. */
    public int expireDue(String realmId, long now) {
        List<AccessRequestEntity> due = requests.dueInRealm(realmId, now);
        for (AccessRequestEntity request : due) {
            boolean wasApproved = request.getStatus() == AccessRequestEntity.Status.APPROVED;
            long at = wasApproved ? request.getApprovedUntil() : request.getPendingUntil();
            request.setStatus(AccessRequestEntity.Status.EXPIRED);
            request.setEndedAt(at);
            audit(request, "Access expired", SYSTEM, (wasApproved ? "Access approval of " : "Undecided access request of ")
                    + request.getSupportUsername() + " as " + targetText(request) + " expired", at);
        }
        return due.size();
    }

    /** The status as callers see it: a pending request or an approval whose time is up is EXPIRED even before the expiry task ran. */
    public static String status(AccessRequestEntity request, long now) {
        if (request.getStatus() == AccessRequestEntity.Status.PENDING && request.getPendingUntil() <= now
                || request.getStatus() == AccessRequestEntity.Status.APPROVED && request.getApprovedUntil() <= now) {
            return AccessRequestEntity.Status.EXPIRED.name();
        }
        return request.getStatus().name();
    }

    /** "approved by mary for jill as john until 2026-12-02T16:00:00Z; reason: ABC-123". */
    public static String explain(AccessRequestEntity approved) {
        return "approved by " + approved.getDecidedBy() + " for " + approved.getSupportUsername() + " as " + targetText(approved)
                + " until " + Instant.ofEpochMilli(approved.getApprovedUntil()) + "; reason: " + approved.getReason();
    }

    static String targetText(AccessRequestEntity request) {
        return request.getTargetUsername() == null ? "any user" : request.getTargetUsername();
    }

    /** The checks before a decision; the request comes back locked, so of two approvers one decides and the other gets 409. */
    private AccessRequestEntity decidable(RealmModel tenant, UserModel approver, UserSessionModel approverSession, String id, long now,
                                          String action) {
        if (!SupportAccessAuth.canApproveAccess(tenant, approver)) {
            refuse(tenant, approver, approverSession, action, "Approving access requests needs " + SupportAccessAuth.ROLE_SUPPORT_APPROVAL_ADMIN, now);
        }
        Optional<String> notConsent = Consent.refusal(session, tenant, approver, approverSession);
        if (notConsent.isPresent()) {
            refuse(tenant, approver, approverSession, action, "Access decisions are the tenant's own: " + notConsent.get(), now);
        }
        AccessRequestEntity request = requests.lock(id).filter(r -> r.getRealmId().equals(tenant.getId()))
                .orElseThrow(() -> AccessRequestRefused.notFound("No access request '" + InvalidInput.shorten(id) + "' in this tenant"));
        if (isSamePerson(approver, request)) {
            refuse(tenant, approver, approverSession, action, "The support user who asked cannot decide their own access request", now);
        }
        String status = status(request, now);
        if (!status.equals(AccessRequestEntity.Status.PENDING.name())) {
            throw AccessRequestRefused.conflict("Access request " + request.getId() + " is already " + status.toLowerCase(Locale.ROOT)
                    + (request.getDecidedBy() != null ? " (by " + request.getDecidedBy() + " at " + Instant.ofEpochMilli(request.getDecidedAt()) + ")" : ""));
        }
        return request;
    }

    /**
     * The approver is the asking support user under another account: the same username, or the same
     * e-mail address as the support user's account in the management realm.
     */
    private boolean isSamePerson(UserModel approver, AccessRequestEntity request) {
        if (approver.getUsername().equalsIgnoreCase(request.getSupportUsername())) {
            return true;
        }
        RealmModel management = session.realms().getRealmByName(SupportAccessConfig.of(session).managementRealm());
        UserModel supportUser = management == null ? null : session.users().getUserById(management, request.getSupportUserId());
        return supportUser != null && supportUser.getEmail() != null && approver.getEmail() != null
                && supportUser.getEmail().equalsIgnoreCase(approver.getEmail());
    }

    private void refuse(RealmModel tenant, UserModel approver, UserSessionModel approverSession, String action, String why, long now) {
        String who = approverSession != null && approverSession.getNote(io.supportaccess.keycloak.SupportAccess.SESSION_WHO) != null
                ? approverSession.getNote(io.supportaccess.keycloak.SupportAccess.SESSION_WHO) : approver.getUsername();
        var client = session.getContext().getClient();
        new AuditLog(session).record(tenant.getId(), tenant.getName(), new AuditEntry(AuditType.SUPPORT, "Access decision refused",
                "Refused to " + action + " an access request: " + why, who, null, "access requests",
                client == null ? null : client.getClientId(), List.of()), now, approverSession == null ? null : approverSession.getId());
        throw AccessRequestRefused.forbidden(why);
    }

    private void notifySupportUser(AccessRequestEntity request, boolean approved, long now) {
        RealmModel management = session.realms().getRealmByName(SupportAccessConfig.of(session).managementRealm());
        if (management != null) {
            TenantNotices.accessAfterCommit(session, TenantNotice.accessDecided(approved, management.getId(), request.getRealmName(),
                    request.getSupportUserId(), request.getDecidedBy(), request.getTargetUsername(), now, request.getReason(),
                    request.getApprovedUntil(), request.getComment()));
        }
    }

    private void audit(AccessRequestEntity request, String activity, String who, String text, long time) {
        var client = session.getContext().getClient();
        new AuditLog(session).record(request.getRealmId(), request.getRealmName(), new AuditEntry(AuditType.SUPPORT, activity, text, who,
                request.getSupportUsername(), "access request " + request.getId(), client == null ? null : client.getClientId(), List.of(),
                request.getReason()), time);
    }

    private static String reason(String raw) {
        SupportReason.Problem problem = SupportReason.problemOf(raw);
        if (problem == SupportReason.Problem.MISSING) {
            throw new InvalidInput("'reason' (a reason or ticket reference) is required");
        }
        if (problem == SupportReason.Problem.TOO_LONG) {
            throw new InvalidInput("'reason' is too long: at most " + SupportReason.MAX_LENGTH + " characters");
        }
        if (problem != null) {
            throw new InvalidInput("'reason' may contain printable characters only (no line breaks, control or format characters)");
        }
        return SupportReason.normalise(raw);
    }

    private static String target(String raw) {
        if (raw == null) {
            return null;
        }
        String target = raw.strip();
        if (target.isEmpty() || target.length() > MAX_USERNAME || target.indexOf('$') >= 0
                || target.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw new InvalidInput("'targetUser' must be a username of the tenant (1 to " + MAX_USERNAME
                    + " printable characters without '$'), or null for any user");
        }
        return target.toLowerCase(Locale.ROOT);
    }

    private static String comment(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String comment = raw.strip();
        if (comment.length() > MAX_COMMENT) {
            throw new InvalidInput("'comment' is too long: at most " + MAX_COMMENT + " characters");
        }
        if (comment.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw new InvalidInput("'comment' may contain printable characters only (no line breaks, control or format characters)");
        }
        return comment;
    }
}

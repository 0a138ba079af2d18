package io.supportaccess.keycloak.audit.listener;

import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.audit.AuditEntry;
import io.supportaccess.keycloak.authenticator.Refusal;
import io.supportaccess.keycloak.audit.AuditType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

/**
 * Which of Keycloak's user events are audited, and as what. Token refreshes, code exchanges,
 * introspection and the like are not security-relevant operations of a user and are left out.
 */
final class UserEventAudit {

    private static final Map<EventType, String> USER_ACTIVITIES = new EnumMap<>(EventType.class);

    static {
        USER_ACTIVITIES.put(EventType.REGISTER, "User registered");
        USER_ACTIVITIES.put(EventType.UPDATE_PROFILE, "User updated");
        USER_ACTIVITIES.put(EventType.UPDATE_EMAIL, "E-mail changed");
        USER_ACTIVITIES.put(EventType.VERIFY_EMAIL, "E-mail verified");
        USER_ACTIVITIES.put(EventType.UPDATE_PASSWORD, "Password changed");
        USER_ACTIVITIES.put(EventType.RESET_PASSWORD, "Password reset");
        USER_ACTIVITIES.put(EventType.SEND_RESET_PASSWORD, "Password reset e-mail sent");
        USER_ACTIVITIES.put(EventType.UPDATE_CREDENTIAL, "Credential updated");
        USER_ACTIVITIES.put(EventType.REMOVE_CREDENTIAL, "Credential removed");
        USER_ACTIVITIES.put(EventType.UPDATE_TOTP, "Two-factor authentication set up");
        USER_ACTIVITIES.put(EventType.REMOVE_TOTP, "Two-factor authentication removed");
        USER_ACTIVITIES.put(EventType.DELETE_ACCOUNT, "User deleted");
        USER_ACTIVITIES.put(EventType.GRANT_CONSENT, "Consent granted");
        USER_ACTIVITIES.put(EventType.UPDATE_CONSENT, "Consent updated");
        USER_ACTIVITIES.put(EventType.REVOKE_GRANT, "Consent revoked");
        USER_ACTIVITIES.put(EventType.FEDERATED_IDENTITY_LINK, "Identity provider linked");
        USER_ACTIVITIES.put(EventType.REMOVE_FEDERATED_IDENTITY, "Identity provider unlinked");
        USER_ACTIVITIES.put(EventType.IMPERSONATE, "User impersonated");
        USER_ACTIVITIES.put(EventType.TOKEN_EXCHANGE, "Token exchanged");
        USER_ACTIVITIES.put(EventType.EXECUTE_ACTIONS, "Required actions e-mail sent");
    }

    private UserEventAudit() {
    }

    /** The base type of an event ({@code LOGIN} for {@code LOGIN_ERROR}). */
    static EventType baseType(EventType type) {
        String name = type.name();
        return name.endsWith("_ERROR") ? EventType.valueOf(name.substring(0, name.length() - "_ERROR".length())) : type;
    }

    static boolean isAudited(Event event) {
        EventType base = baseType(event.getType());
        return base == EventType.LOGIN || base == EventType.LOGOUT || USER_ACTIVITIES.containsKey(base);
    }

    /**
     * The record for an event. {@code actor} is who acted (already {@code support$user} in a
     * support session), {@code subject} the user the event is about.
     */
    static Optional<AuditEntry> toEntry(Event event, Actor actor, String subject, String application) {
        if (!isAudited(event)) {
            return Optional.empty();
        }
        boolean failed = event.getType().name().endsWith("_ERROR");
        EventType base = baseType(event.getType());
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        String tenant = event.getRealmName() != null ? event.getRealmName() : event.getRealmId();
        if (base == EventType.LOGIN && details.containsKey(SupportAccess.DETAIL_WHO)) {
            String who = details.get(SupportAccess.DETAIL_WHO);
            String supportUser = details.get(SupportAccess.DETAIL_SUPPORT_USER);
            String target = supportUser != null && who.startsWith(supportUser + "$") ? who.substring(supportUser.length() + 1) : subject;
            String supportReason = details.get(SupportAccess.DETAIL_SUPPORT_REASON);
            String text = failed
                    ? "Support access to " + tenant + " as '" + target + "' denied: " + reason(details, event.getError())
                    : "Support user '" + supportUser + "' of " + details.get(SupportAccess.DETAIL_SUPPORT_REALM)
                    + " logged in to " + tenant + " as '" + target + "'" + (supportReason == null ? "" : "; reason: " + supportReason);
            return Optional.of(new AuditEntry(AuditType.SUPPORT, failed ? "Support access denied" : "Support access granted",
                    text, who, supportUser, target, application, List.of(), supportReason));
        }
        if (base == EventType.LOGIN || base == EventType.LOGOUT) {
            String activity = base == EventType.LOGIN ? (failed ? "User login failed" : "User login")
                    : (failed ? "User logout failed" : "User logout");
            String text = failed ? activity + ": " + event.getError() : activity;
            return Optional.of(new AuditEntry(AuditType.USER_LOGIN, activity, text, actor.who(), actor.supportUser(),
                    subject, application, List.of(), actor.supportReason()));
        }
        String activity = USER_ACTIVITIES.get(base) + (failed ? " failed" : "");
        String text = failed ? activity + ": " + event.getError() : activity;
        return Optional.of(new AuditEntry(AuditType.USER, activity, text, actor.who(), actor.supportUser(),
                subject, application, List.of(), actor.supportReason()));
    }

    private static String reason(Map<String, String> details, String error) {
        String refusal = details.get(SupportAccess.DETAIL_SUPPORT_REFUSAL);
        if (refusal == null) {
            return error;
        }
        return java.util.Arrays.stream(Refusal.values()).filter(r -> r.name().equalsIgnoreCase(refusal))
                .map(Refusal::grantDescription).findFirst().orElse(refusal);
    }
}

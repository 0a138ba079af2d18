package io.supportaccess.keycloak.consent.listener;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.auth.BearerSessions;
import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.consent.Consent;
import io.supportaccess.keycloak.consent.SetUpAccounts;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * Marks the tenant accounts whose login somebody who cannot consent set up (see
 * {@link io.supportaccess.keycloak.consent.SetUpAccountEntity}): the account itself, its password,
 * credentials, e-mail address, required-action e-mails and identity-provider links; for clients,
 * their credentials, which make their service account usable. A password reset by a tenant
 * administrator who can consent lifts the mark.
 */
final class SetUpAccountListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(SetUpAccountListener.class);
    private static final Pattern USER_PATH = Pattern.compile("^users/([^/]+)(/.*)?$");
    private static final Pattern CLIENT_PATH = Pattern.compile("^clients/([^/]+)(/.*)?$");
    /** Parts of a user that decide who can log in as them (not their roles, groups or sessions). */
    private static final Set<String> USER_LOGIN_PARTS = Set.of("", "reset-password", "reset-password-email",
            "execute-actions-email", "credentials", "federated-identity", "disable-credential-types");
    /**
     * Admin resource types whose change decides how anybody logs in to the tenant: realm settings
     * (registration, reset password, SMTP, ...), flows, required actions, identity providers, user
     * federation and keys (components), the user profile, organizations (their identity providers).
     */
    private static final Set<String> LOGIN_CONFIGURATION = Set.of("REALM", "AUTH_FLOW", "AUTH_EXECUTION", "AUTH_EXECUTION_FLOW",
            "AUTHENTICATOR_CONFIG", "REQUIRED_ACTION", "REQUIRED_ACTION_CONFIG", "IDENTITY_PROVIDER", "IDENTITY_PROVIDER_MAPPER",
            "COMPONENT", "USER_FEDERATION_PROVIDER", "USER_FEDERATION_MAPPER", "USER_PROFILE", "ORGANIZATION");
    private static final Set<String> CLIENT_LOGIN_PARTS = Set.of("", "client-secret", "certificates", "registration-access-token");
    /** User events that change how the user logs in, marking the user when done in a session that cannot consent. */
    private static final Set<EventType> LOGIN_CHANGES = Set.of(EventType.UPDATE_PASSWORD, EventType.UPDATE_CREDENTIAL,
            EventType.UPDATE_EMAIL, EventType.UPDATE_TOTP, EventType.RESET_PASSWORD,
            EventType.FEDERATED_IDENTITY_LINK, EventType.IDENTITY_PROVIDER_LINK_ACCOUNT, EventType.SEND_RESET_PASSWORD,
            EventType.EXECUTE_ACTIONS, EventType.EXECUTE_ACTION_TOKEN);

    private final KeycloakSession session;

    SetUpAccountListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getError() != null || event.getUserId() == null || !changesLogin(event)) {
            return;
        }
        RealmModel realm = tenant(event.getRealmId());
        if (realm == null) {
            return;
        }
        // the account REST API sends its events without a session: then the request's bearer token tells
        UserSessionModel userSession = event.getSessionId() != null ? session.sessions().getUserSession(realm, event.getSessionId())
                : BearerSessions.of(session, realm);
        if (userSession != null && Consent.actorCannotConsent(session, realm, userSession.getUser().getId(), userSession)) {
            mark(realm, event.getUserId(), who(userSession, userSession.getUser()), event.getType().name());
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getError() != null) {
            return;
        }
        RealmModel realm = tenant(event.getRealmId());
        if (realm == null) {
            return;
        }
        // a realm update has no resource path
        String path = event.getResourcePath() == null ? "" : event.getResourcePath();
        // removing a user or a credential gives nobody a way in; removing a flow step or a provider may
        Target target = event.getOperationType() == OperationType.DELETE ? null : target(path);
        // realm actions (log out everybody, clear caches, test the mail server) change no configuration
        boolean loginConfiguration = LOGIN_CONFIGURATION.contains(event.getResourceTypeAsString())
                && !("REALM".equals(event.getResourceTypeAsString()) && event.getOperationType() == OperationType.ACTION);
        if (target == null && !loginConfiguration) {
            return;
        }
        AuthDetails auth = event.getAuthDetails();
        RealmModel actorRealm = auth == null || auth.getRealmId() == null ? null : session.realms().getRealm(auth.getRealmId());
        UserSessionModel actorSession = BearerSessions.of(session, actorRealm);
        String actorId = auth == null ? null : auth.getUserId();
        if (!Consent.actorCannotConsent(session, actorRealm, actorId, actorSession)) {
            if (target != null && target.isUser() && "reset-password".equals(target.part())) {
                int lifted = new SetUpAccounts(session).clear(realm.getId(), target.id());
                if (lifted > 0) {
                    LOG.infof("Tenant '%s': password of user %s reset by %s, who can consent; the account may enable support again",
                            realm.getName(), target.id(), actorId);
                }
            }
            return;
        }
        UserModel actor = actorRealm == null || actorId == null ? null : session.users().getUserById(actorRealm, actorId);
        String who = who(actorSession, actor);
        if (target == null) {
            new SetUpAccounts(session).markLoginConfiguration(realm.getId(), who,
                    (event.getResourceTypeAsString() + " " + event.getOperationType() + " " + path).strip(), Time.currentTimeMillis());
            LOG.infof("Tenant '%s': login configuration changed by %s (%s %s); support requests refused until reviewed",
                    realm.getName(), who, event.getResourceTypeAsString(), path);
        } else if (target.isUser()) {
            mark(realm, target.id(), who, event.getOperationType() + " " + path);
        } else {
            ClientModel model = realm.getClientById(target.id());
            UserModel serviceAccount = model == null ? null : session.users().getServiceAccount(model);
            if (serviceAccount != null) {
                mark(realm, serviceAccount.getId(), who, event.getOperationType() + " " + path);
            }
        }
    }

    private void mark(RealmModel realm, String userId, String who, String cause) {
        new SetUpAccounts(session).mark(realm.getId(), userId, who, cause, Time.currentTimeMillis());
        LOG.infof("Tenant '%s': user %s marked as set up by %s (%s); it cannot enable support", realm.getName(), userId, who, cause);
    }

    private static boolean changesLogin(Event event) {
        return LOGIN_CHANGES.contains(event.getType()) || (event.getType() == EventType.UPDATE_PROFILE
                && event.getDetails() != null && event.getDetails().containsKey(Details.UPDATED_EMAIL));
    }

    private RealmModel tenant(String realmId) {
        RealmModel realm = realmId == null ? null : session.realms().getRealm(realmId);
        return realm != null && SupportAccessConfig.of(session).isTenantRealm(realm.getName()) ? realm : null;
    }

    /** A user or client whose login an admin event at {@code path} changes, with the part changed ("" for the object itself). */
    record Target(boolean isUser, String id, String part) {
    }

    static Target target(String path) {
        Matcher user = USER_PATH.matcher(path);
        if (user.matches() && USER_LOGIN_PARTS.contains(firstPart(user.group(2)))) {
            return new Target(true, user.group(1), firstPart(user.group(2)));
        }
        Matcher client = CLIENT_PATH.matcher(path);
        if (client.matches() && CLIENT_LOGIN_PARTS.contains(firstPart(client.group(2)))) {
            return new Target(false, client.group(1), firstPart(client.group(2)));
        }
        return null;
    }

    private static String firstPart(String rest) {
        if (rest == null || rest.length() <= 1) {
            return "";
        }
        int slash = rest.indexOf('/', 1);
        return slash < 0 ? rest.substring(1) : rest.substring(1, slash);
    }

    private static String who(UserSessionModel actorSession, UserModel actor) {
        if (actorSession != null && actorSession.getNote(SupportAccess.SESSION_WHO) != null) {
            return actorSession.getNote(SupportAccess.SESSION_WHO);
        }
        return actor == null ? "unknown" : actor.getUsername();
    }

    @Override
    public void close() {
    }
}

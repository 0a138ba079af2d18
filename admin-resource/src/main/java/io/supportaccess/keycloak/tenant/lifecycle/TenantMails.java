package io.supportaccess.keycloak.tenant.lifecycle;

import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.keycloak.authentication.actiontoken.execactions.ExecuteActionsActionToken;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RealmModelDelegate;
import org.keycloak.services.resources.LoginActionsService;

/**
 * The e-mails of the tenant lifecycle, sent by Keycloak's e-mail template and sender providers with
 * the management realm's SMTP settings (a new tenant has no mail server of its own): the password
 * set-up link (Keycloak's execute-actions e-mail, UPDATE_PASSWORD) and the suspension notice.
 */
final class TenantMails {

    static final String SUSPENDED_TEMPLATE = "support-access-tenant-suspended.ftl";
    static final String SUSPENDED_SUBJECT = "supportAccessTenantSuspendedSubject";

    private static final Logger LOG = Logger.getLogger(TenantMails.class);

    /** What became of the suspension notice. */
    enum Notice { SENT, DISABLED, NO_ADMINISTRATOR_EMAIL, NO_SMTP_SERVER, FAILED }

    private TenantMails() {
    }

    static boolean smtpConfigured(RealmModel management) {
        Map<String, String> smtp = management.getSmtpConfig();
        return smtp != null && smtp.get("host") != null && !smtp.get("host").isBlank();
    }

    /**
     * Keycloak's execute-actions e-mail asking the administrator to set a password, with a link into
     * the tenant (its keys sign the action token), valid for the tenant's admin-action lifespan.
     */
    static void sendPasswordSetUp(KeycloakSession session, RealmModel management, RealmModel tenant, UserModel admin)
            throws EmailException {
        int lifespan = tenant.getActionTokenGeneratedByAdminLifespan();
        List<String> actions = List.of(UserModel.RequiredAction.UPDATE_PASSWORD.name());
        ExecuteActionsActionToken token = new ExecuteActionsActionToken(admin.getId(), admin.getEmail(), Time.currentTime() + lifespan,
                actions, null, Constants.ACCOUNT_MANAGEMENT_CLIENT_ID);
        EmailException failure = TenantAdministrator.inRealm(session, tenant, () -> {
            UriInfo uri = session.getContext().getUri();
            String link = LoginActionsService.actionTokenProcessor(uri)
                    .queryParam("key", token.serialize(session, tenant, uri)).build(tenant.getName()).toString();
            try {
                session.getProvider(EmailTemplateProvider.class)
                        .setAttribute(Constants.TEMPLATE_ATTR_REQUIRED_ACTIONS, actions)
                        .setRealm(withSmtpOf(tenant, management))
                        .setUser(admin)
                        .sendExecuteActions(link, TimeUnit.SECONDS.toMinutes(lifespan));
                return null;
            } catch (EmailException e) {
                return e;
            }
        });
        if (failure != null) {
            throw failure;
        }
    }

    /** Tells the tenant administrator that the tenant was suspended, where the option, an address and a mail server allow it. */
    static Notice sendSuspended(KeycloakSession session, RealmModel management, RealmModel tenant, UserModel admin, boolean enabled) {
        if (!enabled) {
            return Notice.DISABLED;
        }
        if (admin == null || admin.getEmail() == null || admin.getEmail().isBlank()) {
            return Notice.NO_ADMINISTRATOR_EMAIL;
        }
        if (!smtpConfigured(management)) {
            return Notice.NO_SMTP_SERVER;
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("tenantId", tenant.getName());
        attributes.put("company", tenant.getDisplayName() == null ? tenant.getName() : tenant.getDisplayName());
        try {
            session.getProvider(EmailTemplateProvider.class)
                    .setRealm(management)
                    .setUser(admin)
                    .send(SUSPENDED_SUBJECT, List.of(tenant.getName()), SUSPENDED_TEMPLATE, attributes);
            return Notice.SENT;
        } catch (EmailException e) {
            LOG.warnf(e, "The suspension notice of tenant '%s' could not be sent", tenant.getName());
            return Notice.FAILED;
        }
    }

    /** The tenant (its e-mail theme and language) sending through the management realm's mail server. */
    private static RealmModel withSmtpOf(RealmModel tenant, RealmModel management) {
        return new RealmModelDelegate(tenant) {
            @Override
            public Map<String, String> getSmtpConfig() {
                return management.getSmtpConfig();
            }
        };
    }
}

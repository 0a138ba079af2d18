package io.supportaccess.keycloak.notify;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.settings.PlatformSettings;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * E-mails to a tenant's administrators (platform setting "notify tenants"). A notice is handed over
 * when the transaction that caused it commits and is sent in the background (Keycloak's executor,
 * one notice after the other per node), in a session of its own: a login or a request never waits for
 * the mail server and never fails because of it. A notice that could not be sent is logged and counted
 * in the tenant's status ({@link NoticeFailures}); it is not retried.
 */
public final class TenantNotices {

    /**
     * The user session note with the support user's reason or ticket reference for the access; absent
     * (no reason in the e-mail) until a login step asks for one.
     */
    public static final String REASON_SESSION_NOTE = io.supportaccess.keycloak.SupportAccess.SESSION_SUPPORT_REASON;
    /** At most one session notice per tenant, support user and target in this time (cluster-wide: Keycloak's single-use store). */
    public static final long SESSION_NOTICE_INTERVAL_SECONDS = 3600;
    static final String EXECUTOR = "support-access-tenant-notices";

    private static final Logger LOG = Logger.getLogger(TenantNotices.class);
    private static CompletableFuture<Void> lane = CompletableFuture.completedFuture(null);

    private TenantNotices() {
    }

    /** The reason the support user gave for the access of this session, or null. */
    public static String reasonOf(UserSessionModel userSession) {
        return userSession == null ? null : userSession.getNote(REASON_SESSION_NOTE);
    }

    /** The platform setting "notify tenants". */
    public static boolean enabled(KeycloakSession session) {
        RealmModel management = session.realms().getRealmByName(SupportAccessConfig.of(session).managementRealm());
        return management != null && PlatformSettings.read(management).notifyTenants();
    }

    /** Sends the notice after the session's transaction commits, if the platform setting is on; nothing on rollback. */
    public static void afterCommit(KeycloakSession session, TenantNotice notice) {
        if (!enabled(session)) {
            return;
        }
        queueAfterCommit(session, notice);
    }

    /** Access request notices: approvers and the asking support user are told whatever "notify tenants" says. */
    public static void accessAfterCommit(KeycloakSession session, TenantNotice notice) {
        queueAfterCommit(session, notice);
    }

    private static void queueAfterCommit(KeycloakSession session, TenantNotice notice) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                try {
                    enqueue(session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR), () -> deliverLogged(factory, notice));
                } catch (RejectedExecutionException | IllegalStateException e) {
                    LOG.warnf(e, "The %s notice of tenant %s could not be queued", notice.kind(), notice.realmId());
                }
            }

            @Override
            protected void rollbackImpl() {
                // nothing happened, nothing to tell
            }
        });
    }

    /**
     * Runs the notices of this node one after the other, in the order their transactions committed: a
     * mail server is never sent a burst, and a notice never overtakes an earlier one.
     */
    private static synchronized void enqueue(Executor executor, Runnable delivery) {
        lane = lane.handle((done, failure) -> null).thenRunAsync(delivery, executor);
    }

    private static void deliverLogged(KeycloakSessionFactory factory, TenantNotice notice) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> deliver(session, notice));
        } catch (RuntimeException e) {
            LOG.errorf(e, "The %s notice of tenant %s could not be sent", notice.kind(), notice.realmId());
        }
    }

    private static List<UserModel> recipients(KeycloakSession session, RealmModel realm, TenantNotice notice) {
        if (notice.access() == null) {
            return TenantAdministrators.withVerifiedEmail(session, realm);
        }
        if (notice.access().recipientUserId() == null) {
            return TenantAdministrators.withVerifiedEmail(session, realm,
                    List.of(io.supportaccess.keycloak.permission.SupportAccessAuth.ROLE_SUPPORT_APPROVAL_ADMIN));
        }
        UserModel user = session.users().getUserById(realm, notice.access().recipientUserId());
        return user == null || !user.isEnabled() || user.getEmail() == null || user.getEmail().isBlank() ? List.of() : List.of(user);
    }

    static void deliver(KeycloakSession session, TenantNotice notice) {
        RealmModel tenant = session.realms().getRealm(notice.realmId());
        if (tenant == null) {
            return;
        }
        session.getContext().setRealm(tenant);
        if (notice.throttleKey() != null
                && !session.getProvider(SingleUseObjectProvider.class).putIfAbsent(notice.throttleKey(), SESSION_NOTICE_INTERVAL_SECONDS)) {
            LOG.debugf("%s notice of tenant %s already sent within the hour", notice.kind(), tenant.getName());
            return;
        }
        List<UserModel> recipients = recipients(session, tenant, notice);
        int failed = 0;
        for (UserModel admin : recipients) {
            try {
                NoticeMail.send(session, tenant, admin, notice);
            } catch (EmailException e) {
                failed++;
                LOG.warnf(e, "The %s notice of tenant '%s' could not be sent to its administrator %s", notice.kind(), tenant.getName(),
                        admin.getUsername());
            }
        }
        // a decision told to the support user goes through the management realm: not the tenant's failure
        boolean toTenant = notice.access() == null || notice.access().recipientUserId() == null;
        if (failed > 0 && toTenant) {
            new NoticeFailures(session).count(tenant.getId(), failed, Time.currentTimeMillis());
        }
    }
}

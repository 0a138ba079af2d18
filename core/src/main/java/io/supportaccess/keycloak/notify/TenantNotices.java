package io.supportaccess.keycloak.notify;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.settings.PlatformSettings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * the mail server and never fails because of it. A recipient whose mail the server did not take is
 * tried again ({@value #RETRIES} times, after the configured delay, then twice and four times as long;
 * only the recipients that failed); each failed attempt sets the tenant's last notice failure time,
 * and a notice given up on is counted in the tenant's status ({@link NoticeFailures}). Retries wait in
 * this node's memory: a restart drops them (logged as given up only when they ran).
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

    /** How many times a failed recipient is tried again. */
    static final int RETRIES = 3;

    private static final Logger LOG = Logger.getLogger(TenantNotices.class);
    private static CompletableFuture<Void> lane = CompletableFuture.completedFuture(null);
    private static final ScheduledExecutorService RETRY_TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "support-access-notice-retries");
        thread.setDaemon(true);
        return thread;
    });

    /** The recipients a notice is sent to again (their user ids) and which retry this is (1 to {@value #RETRIES}). */
    record Retry(Set<String> recipientIds, int attempt) {
    }

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
                    Executor executor = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
                    enqueue(executor, () -> deliverLogged(factory, executor, notice, null));
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

    private static void deliverLogged(KeycloakSessionFactory factory, Executor executor, TenantNotice notice, Retry retry) {
        Set<String> failed;
        try {
            failed = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> deliver(session, notice, retry));
        } catch (RuntimeException e) {
            LOG.errorf(e, "The %s notice of tenant %s could not be sent", notice.kind(), notice.realmId());
            return;
        }
        int attempt = retry == null ? 0 : retry.attempt();
        if (failed.isEmpty() || attempt >= RETRIES) {
            return;
        }
        Retry next = new Retry(failed, attempt + 1);
        long delayMillis = SupportAccessConfig.of(factory).noticeRetryDelay().toMillis() << attempt;
        try {
            RETRY_TIMER.schedule(() -> enqueue(executor, () -> deliverLogged(factory, executor, notice, next)), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.warnf(e, "The %s notice of tenant %s is not tried again", notice.kind(), notice.realmId());
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

    /** Sends the notice (on a retry: to the recipients that failed before); returns the ids of the recipients that failed now. */
    static Set<String> deliver(KeycloakSession session, TenantNotice notice, Retry retry) {
        RealmModel tenant = session.realms().getRealm(notice.realmId());
        if (tenant == null) {
            return Set.of();
        }
        session.getContext().setRealm(tenant);
        if (retry == null && notice.throttleKey() != null
                && !session.getProvider(SingleUseObjectProvider.class).putIfAbsent(notice.throttleKey(), SESSION_NOTICE_INTERVAL_SECONDS)) {
            LOG.debugf("%s notice of tenant %s already sent within the hour", notice.kind(), tenant.getName());
            return Set.of();
        }
        List<UserModel> recipients = recipients(session, tenant, notice).stream()
                .filter(user -> retry == null || retry.recipientIds().contains(user.getId())).toList();
        Set<String> failed = new LinkedHashSet<>();
        for (UserModel recipient : recipients) {
            try {
                NoticeMail.send(session, tenant, recipient, notice);
            } catch (EmailException e) {
                failed.add(recipient.getId());
                LOG.warnf(e, "The %s notice of tenant '%s' could not be sent to %s (attempt %d of %d)", notice.kind(), tenant.getName(),
                        recipient.getUsername(), (retry == null ? 0 : retry.attempt()) + 1, RETRIES + 1);
            }
        }
        // a decision told to the support user goes through the management realm: not the tenant's failure
        boolean toTenant = notice.access() == null || notice.access().recipientUserId() == null;
        if (!failed.isEmpty() && toTenant) {
            boolean givenUp = retry != null && retry.attempt() >= RETRIES;
            new NoticeFailures(session).count(tenant.getId(), givenUp ? failed.size() : 0, Time.currentTimeMillis());
        }
        return failed;
    }
}

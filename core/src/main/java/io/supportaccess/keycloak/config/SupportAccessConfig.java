package io.supportaccess.keycloak.config;

import io.supportaccess.keycloak.SupportAccess;
import java.time.Duration;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;

/**
 * The extension's server options, read once at start-up from
 * {@code --spi-events-listener--support-access--<key>=<value>} (the provider that reads them is
 * the {@code support-access} event listener, see the bootstrap package), and reachable from any
 * session through {@link #of(KeycloakSession)}.
 *
 * @param managementRealm        {@code management-realm}: the management realm's name (default {@code management})
 * @param expiryInterval         {@code expiry-interval-seconds} (60): how often expired support requests are closed
 * @param auditMaxAgeDays        {@code audit-max-age-days} (60): audit records older than this are removed
 * @param auditRetentionInterval {@code audit-retention-interval-seconds} (3600): how often the retention task runs
 * @param sessionSweepInterval   {@code session-sweep-interval-seconds} (15): how often live support sessions are checked
 * @param restoreStockFlows      {@code restore-stock-flows} (false): give every tenant realm the stock login steps back at start-up
 * @param tenantSuspensionEmail  {@code tenant-suspension-email} (false): e-mail a suspended tenant's administrator
 * @param auditLog               {@code audit-log} (false): also write every audit record as one JSON line to the log
 *                               category {@code io.supportaccess.audit}
 * @param auditRetentionLoadPercent {@code audit-retention-load-percent} (10, 1 to 100): the share of its time the retention
 *                               works; after each batch it rests so long that the database serves logins meanwhile
 * @param noticeRetryDelay       {@code notice-retry-seconds} (300): a tenant notice the mail server did not take is sent
 *                               again after this, then after twice and four times as long, before it counts as failed
 */
public record SupportAccessConfig(String managementRealm, Duration expiryInterval, int auditMaxAgeDays,
                                  Duration auditRetentionInterval, Duration sessionSweepInterval, boolean restoreStockFlows,
                                  boolean tenantSuspensionEmail, boolean auditLog, int auditRetentionLoadPercent,
                                  Duration noticeRetryDelay) {

    /** Id of the event listener provider whose scope holds the options. */
    public static final String PROVIDER_ID = "support-access";

    public static final SupportAccessConfig DEFAULTS = new SupportAccessConfig("management", Duration.ofSeconds(60), 60,
            Duration.ofSeconds(3600), Duration.ofSeconds(15), false, false, false, 10, Duration.ofSeconds(300));

    /** The provider factory that read the options at start-up. */
    public interface Holder {
        SupportAccessConfig configuration();
    }

    public static SupportAccessConfig read(Config.Scope scope) {
        String management = scope.get("management-realm", DEFAULTS.managementRealm());
        return new SupportAccessConfig(
                management == null || management.isBlank() ? DEFAULTS.managementRealm() : management.trim(),
                seconds(scope, "expiry-interval-seconds", DEFAULTS.expiryInterval()),
                Math.max(1, scope.getInt("audit-max-age-days", DEFAULTS.auditMaxAgeDays())),
                seconds(scope, "audit-retention-interval-seconds", DEFAULTS.auditRetentionInterval()),
                seconds(scope, "session-sweep-interval-seconds", DEFAULTS.sessionSweepInterval()),
                scope.getBoolean("restore-stock-flows", DEFAULTS.restoreStockFlows()),
                scope.getBoolean("tenant-suspension-email", DEFAULTS.tenantSuspensionEmail()),
                scope.getBoolean("audit-log", DEFAULTS.auditLog()),
                Math.min(100, Math.max(1, scope.getInt("audit-retention-load-percent", DEFAULTS.auditRetentionLoadPercent()))),
                seconds(scope, "notice-retry-seconds", DEFAULTS.noticeRetryDelay()));
    }

    public static SupportAccessConfig of(KeycloakSession session) {
        return of(session.getKeycloakSessionFactory());
    }

    public static SupportAccessConfig of(KeycloakSessionFactory factory) {
        ProviderFactory<EventListenerProvider> holder = factory.getProviderFactory(EventListenerProvider.class, PROVIDER_ID);
        if (holder instanceof Holder configured) {
            return configured.configuration();
        }
        throw new IllegalStateException("The support-access event listener provider is not deployed");
    }

    public boolean isManagementRealm(String realmName) {
        return managementRealm.equals(realmName);
    }

    /** True for realms whose users can be supported: every realm but master and the management realm. */
    public boolean isTenantRealm(String realmName) {
        return realmName != null && !SupportAccess.MASTER_REALM.equals(realmName) && !isManagementRealm(realmName);
    }

    private static Duration seconds(Config.Scope scope, String key, Duration fallback) {
        return Duration.ofSeconds(Math.max(1, scope.getInt(key, (int) fallback.toSeconds())));
    }
}

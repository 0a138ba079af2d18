package io.supportaccess.keycloak.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.Config;

class SupportAccessConfigTest {

    private static final String PREFIX = "supportaccess-config-test.";
    private static final String[] KEYS = {"management-realm", "expiry-interval-seconds", "audit-max-age-days",
            "audit-retention-interval-seconds", "session-sweep-interval-seconds", "restore-stock-flows", "tenant-suspension-email", "audit-log",
            "audit-retention-load-percent", "notice-retry-seconds"};

    @AfterEach
    void clear() {
        for (String key : KEYS) {
            System.clearProperty(PREFIX + key);
        }
    }

    private static SupportAccessConfig read() {
        return SupportAccessConfig.read(new Config.SystemPropertiesScope(PREFIX));
    }

    @Test
    void withoutOptionsTheDocumentedDefaultsApply() {
        SupportAccessConfig config = read();

        assertThat(config).isEqualTo(SupportAccessConfig.DEFAULTS);
        assertThat(config.managementRealm()).isEqualTo("management");
        assertThat(config.expiryInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.auditMaxAgeDays()).isEqualTo(60);
        assertThat(config.auditRetentionInterval()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(config.sessionSweepInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.restoreStockFlows()).isFalse();
        assertThat(config.tenantSuspensionEmail()).isFalse();
        assertThat(config.auditLog()).isFalse();
        assertThat(config.auditRetentionLoadPercent()).isEqualTo(10);
        assertThat(config.noticeRetryDelay()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void everyOptionIsReadUnderItsDocumentedName() {
        System.setProperty(PREFIX + "management-realm", " platform ");
        System.setProperty(PREFIX + "expiry-interval-seconds", "2");
        System.setProperty(PREFIX + "audit-max-age-days", "7");
        System.setProperty(PREFIX + "audit-retention-interval-seconds", "30");
        System.setProperty(PREFIX + "session-sweep-interval-seconds", "3");
        System.setProperty(PREFIX + "restore-stock-flows", "true");
        System.setProperty(PREFIX + "tenant-suspension-email", "true");
        System.setProperty(PREFIX + "audit-log", "true");
        System.setProperty(PREFIX + "audit-retention-load-percent", "25");
        System.setProperty(PREFIX + "notice-retry-seconds", "9");

        assertThat(read()).isEqualTo(new SupportAccessConfig("platform", Duration.ofSeconds(2), 7, Duration.ofSeconds(30),
                Duration.ofSeconds(3), true, true, true, 25, Duration.ofSeconds(9)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "101", "1000"})
    void aRetentionLoadOutsideOneToHundredPercentIsClamped(String value) {
        System.setProperty(PREFIX + "audit-retention-load-percent", value);

        assertThat(read().auditRetentionLoadPercent()).isEqualTo(Integer.parseInt(value) < 1 ? 1 : 100);
    }

    @Test
    void intervalsAndAgesBelowOneBecomeOne() {
        System.setProperty(PREFIX + "expiry-interval-seconds", "0");
        System.setProperty(PREFIX + "audit-max-age-days", "-5");

        assertThat(read().expiryInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(read().auditMaxAgeDays()).isEqualTo(1);
    }

    @Test
    void aBlankManagementRealmNameKeepsTheDefault() {
        System.setProperty(PREFIX + "management-realm", "  ");

        assertThat(read().managementRealm()).isEqualTo("management");
    }

    @ParameterizedTest
    @ValueSource(strings = {"master", "platform"})
    void masterAndTheManagementRealmAreNoTenants(String realm) {
        System.setProperty(PREFIX + "management-realm", "platform");

        assertThat(read().isTenantRealm(realm)).isFalse();
        assertThat(read().isTenantRealm("acme")).isTrue();
        assertThat(read().isTenantRealm("management")).isTrue();
        assertThat(read().isTenantRealm(null)).isFalse();
    }
}

package io.supportaccess.keycloak.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportaccess.keycloak.inventory.Permission;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ProtocolMapperModel;

class InventoryClaimMapperTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(value = {"NULL, 50", "'', 50", "7, 7", "' 12 ', 12", "0, 1", "9999, 500", "abc, 50", "-3, 50", "12345678901, 50"},
            nullValues = "NULL")
    void theGroupLimitIsBounded(String configured, int expected) {
        ProtocolMapperModel model = new ProtocolMapperModel();
        Map<String, String> config = new HashMap<>();
        if (configured != null) {
            config.put(InventoryClaimMapper.MAX_GROUPS, configured);
        }
        model.setConfig(config);
        assertThat(InventoryClaimMapper.maxGroups(model)).isEqualTo(expected);
    }

    @Test
    void aPermissionIsScopeTypeAndLevel() {
        assertThat(InventoryClaimMapper.compact(Permission.parse("device control", "c8y_Restart", "admin")))
                .isEqualTo("DEVICE_CONTROL:c8y_Restart:ADMIN");
    }
}

package io.supportaccess.keycloak.it;

import static io.supportaccess.keycloak.it.support.Platform.passwordGrant;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportaccess.keycloak.it.support.Browser;
import io.supportaccess.keycloak.it.support.Platform;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmEventsConfigRepresentation;

/** Keycloak's login events of support logins name the support user and "who". */
class LoginEventsIT {

    @Test
    void successAndFailureEventsCarryTheSupportUserAndWho() {
        Platform.setSupportActivated(true);
        String tenant = Platform.createTenant("events");
        String johnId = Platform.createUser(tenant, "john", "john-secret");
        String jill = Platform.unique("jillev");
        Platform.createSupportUser(jill, "jill-secret", "Support");
        RealmEventsConfigRepresentation config = Platform.realm(tenant).getRealmEventsConfig();
        config.setEventsEnabled(true);
        config.setEventsListeners(List.of("jboss-logging", "support-access"));
        Platform.realm(tenant).updateRealmEventsConfig(config);

        assertThat(passwordGrant(tenant, jill + "$john", "jill-secret").status()).isEqualTo(200);
        assertThat(passwordGrant(tenant, jill + "$john", "wrong").status()).isEqualTo(400);
        assertThat(new Browser().login(tenant, jill + "$john", "jill-secret").redirectedToClient()).isTrue();
        assertThat(passwordGrant(tenant, "john", "john-secret").status()).isEqualTo(200);

        List<EventRepresentation> events = Platform.realm(tenant).getEvents(List.of("LOGIN", "LOGIN_ERROR"), null, null, null, null, null, 0, 100);
        List<EventRepresentation> logins = events.stream().filter(e -> "LOGIN".equals(e.getType())).toList();
        List<EventRepresentation> supportLogins = logins.stream().filter(e -> e.getDetails() != null && e.getDetails().containsKey("who")).toList();
        assertThat(supportLogins).hasSize(2);
        for (EventRepresentation login : supportLogins) {
            assertThat(login.getUserId()).isEqualTo(johnId);
            assertThat(login.getDetails()).containsEntry("who", jill + "$john").containsEntry("support_user", jill)
                    .containsEntry("support_realm", Platform.MANAGEMENT);
        }
        assertThat(logins.stream().filter(e -> e.getDetails() == null || !e.getDetails().containsKey("who"))).hasSize(1);

        EventRepresentation failure = events.stream().filter(e -> "LOGIN_ERROR".equals(e.getType())).findFirst().orElseThrow();
        assertThat(failure.getError()).isEqualTo("invalid_user_credentials");
        assertThat(failure.getDetails()).containsEntry("who", jill + "$john").containsEntry("support_user", jill);
        assertThat(Set.of(failure.getUserId() == null ? "" : failure.getUserId())).doesNotContain(johnId);
    }
}

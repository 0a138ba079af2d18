package io.supportaccess.keycloak.consent.listener;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SetUpAccountListenerTest {

    @Test
    void adminPathsThatDecideWhoCanLogInAsAUserOrClient() {
        assertThat(SetUpAccountListener.target("users/u1")).isEqualTo(new SetUpAccountListener.Target(true, "u1", ""));
        assertThat(SetUpAccountListener.target("users/u1/reset-password")).isEqualTo(new SetUpAccountListener.Target(true, "u1", "reset-password"));
        assertThat(SetUpAccountListener.target("users/u1/credentials/c1/userLabel")).isEqualTo(new SetUpAccountListener.Target(true, "u1", "credentials"));
        assertThat(SetUpAccountListener.target("users/u1/federated-identity/github")).isEqualTo(new SetUpAccountListener.Target(true, "u1", "federated-identity"));
        assertThat(SetUpAccountListener.target("users/u1/execute-actions-email"))
                .isEqualTo(new SetUpAccountListener.Target(true, "u1", "execute-actions-email"));
        assertThat(SetUpAccountListener.target("clients/c1")).isEqualTo(new SetUpAccountListener.Target(false, "c1", ""));
        assertThat(SetUpAccountListener.target("clients/c1/client-secret")).isEqualTo(new SetUpAccountListener.Target(false, "c1", "client-secret"));
        assertThat(SetUpAccountListener.target("clients/c1/certificates/jwt.credential/upload"))
                .isEqualTo(new SetUpAccountListener.Target(false, "c1", "certificates"));
    }

    @Test
    void rolesGroupsSessionsAndOtherObjectsAreNotLogins() {
        assertThat(SetUpAccountListener.target("users/u1/role-mappings/realm")).isNull();
        assertThat(SetUpAccountListener.target("users/u1/groups/g1")).isNull();
        assertThat(SetUpAccountListener.target("users/u1/logout")).isNull();
        assertThat(SetUpAccountListener.target("users/u1/impersonation")).isNull();
        assertThat(SetUpAccountListener.target("clients/c1/roles/r1")).isNull();
        assertThat(SetUpAccountListener.target("clients/c1/protocol-mappers/models/m1")).isNull();
        assertThat(SetUpAccountListener.target("groups/g1")).isNull();
        assertThat(SetUpAccountListener.target("users")).isNull();
        assertThat(SetUpAccountListener.target("")).isNull();
    }
}

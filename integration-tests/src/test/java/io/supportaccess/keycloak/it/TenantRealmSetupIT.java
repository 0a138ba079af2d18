package io.supportaccess.keycloak.it;

import static io.supportaccess.keycloak.it.support.Platform.passwordGrant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** Every tenant realm accepts support logins without anyone editing flows; a realm can opt out. */
class TenantRealmSetupIT {

    static String jill;

    @BeforeEach
    void open() {
        Platform.setSupportActivated(true);
        if (jill == null) {
            jill = Platform.unique("jillsetup");
            Platform.createSupportUser(jill, "jill-secret", "Support");
        }
    }

    @Test
    void realmCreatedThroughTheRestApiAcceptsSupportLoginsAndShowsTheStepsInItsFlows() {
        String realm = Platform.createTenant("rest");
        Platform.createUser(realm, "john", "john-secret");
        assertThat(passwordGrant(realm, jill + "$john", "jill-secret").status()).isEqualTo(200);

        List<String> browser = Platform.realm(realm).flows().getExecutions("browser").stream()
                .map(AuthenticationExecutionInfoRepresentation::getProviderId).toList();
        assertThat(browser).contains("support-access-login-form", "support-access-not-support-login").doesNotContain("auth-username-password-form");
        List<String> grant = Platform.realm(realm).flows().getExecutions("direct grant").stream()
                .map(AuthenticationExecutionInfoRepresentation::getProviderId).toList();
        assertThat(grant).contains("support-access-grant-username", "support-access-grant-password", "support-access-not-support-login");

        // every client that gets tokens carries the act claim's scope, as Keycloak's cache answers right after the set-up
        List<ClientRepresentation> clients = Platform.realm(realm).clients().findAll();
        assertThat(clients).extracting(ClientRepresentation::getClientId).contains("account", "admin-cli", "realm-management");
        for (ClientRepresentation client : clients) {
            List<String> scopes = Platform.realm(realm).clients().get(client.getId()).getDefaultClientScopes().stream()
                    .map(ClientScopeRepresentation::getName).toList();
            if (Boolean.TRUE.equals(client.isBearerOnly())) {
                assertThat(scopes).as(client.getClientId()).doesNotContain("support-access");
            } else {
                assertThat(scopes).as(client.getClientId()).contains("support-access");
            }
        }
    }

    @Test
    void realmImportedWithUsersAndClientsAcceptsSupportLogins() {
        String name = Platform.unique("imported");
        RealmRepresentation rep = new RealmRepresentation();
        rep.setRealm(name);
        rep.setEnabled(true);
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(Platform.CLIENT);
        client.setPublicClient(true);
        client.setDirectAccessGrantsEnabled(true);
        client.setDefaultClientScopes(List.of("profile", "email"));
        rep.setClients(List.of(client));
        UserRepresentation john = new UserRepresentation();
        john.setUsername("john");
        john.setEnabled(true);
        john.setEmail("john@imported.example");
        john.setFirstName("John");
        john.setLastName("Doe");
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType("password");
        password.setValue("john-secret");
        john.setCredentials(List.of(password));
        rep.setUsers(List.of(john));
        Platform.admin().realms().create(rep);

        Http.Reply reply = passwordGrant(name, jill + "$john", "jill-secret");
        assertThat(Platform.accessToken(reply).get("act").get("username").asText()).isEqualTo(jill);
    }

    @Test
    void flowsStayEditableAndACopiedFlowKeepsSupportLogins() {
        String realm = Platform.createTenant("copy");
        Platform.createUser(realm, "john", "john-secret");
        Platform.realm(realm).flows().copy("direct grant", Map.of("newName", "my direct grant")).close();
        RealmRepresentation rep = Platform.realm(realm).toRepresentation();
        rep.setDirectGrantFlow("my direct grant");
        Platform.realm(realm).update(rep);
        assertThat(passwordGrant(realm, jill + "$john", "jill-secret").status()).isEqualTo(200);
        assertThat(passwordGrant(realm, "john", "john-secret").status()).isEqualTo(200);
    }

    @Test
    void usernamesWithTheSeparatorCannotBeCreatedInTenantRealms() {
        String realm = Platform.createTenant("dollar");
        UserRepresentation user = new UserRepresentation();
        user.setUsername("evil$john");
        user.setEnabled(true);
        try (Response response = Platform.realm(realm).users().create(user)) {
            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(response.readEntity(String.class)).contains("supportAccessUsernameSeparatorMessage");
        }
        assertThat(Platform.realm(realm).users().searchByUsername("evil$john", true)).isEmpty();

        // renaming an existing user to such a name is refused as well
        String id = Platform.createUser(realm, "plain", "pw");
        UserRepresentation plain = Platform.realm(realm).users().get(id).toRepresentation();
        plain.setUsername("jill$plain");
        assertThatThrownBy(() -> Platform.realm(realm).users().get(id).update(plain))
                .isInstanceOfSatisfying(jakarta.ws.rs.BadRequestException.class, e -> assertThat(e.getResponse().getStatus()).isEqualTo(400));
        assertThat(Platform.realm(realm).users().get(id).toRepresentation().getUsername()).isEqualTo("plain");
    }
}

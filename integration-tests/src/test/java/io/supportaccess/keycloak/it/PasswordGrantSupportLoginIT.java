package io.supportaccess.keycloak.it;

import static io.supportaccess.keycloak.it.support.Platform.MANAGEMENT;
import static io.supportaccess.keycloak.it.support.Platform.accessToken;
import static io.supportaccess.keycloak.it.support.Platform.passwordGrant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.it.support.Http;
import io.supportaccess.keycloak.it.support.Platform;
import io.supportaccess.keycloak.it.support.TenantWithSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** Support logins through the password grant: who gets in, as whom, and what the tokens say. */
class PasswordGrantSupportLoginIT {

    static String tenant;
    static String johnId;
    static String jill;
    static String jillId;
    static String bob;

    @BeforeAll
    static void platform() {
        TenantWithSupport scene = TenantWithSupport.create("acme");
        tenant = scene.tenant();
        johnId = scene.johnId();
        jill = scene.jill();
        jillId = scene.jillId();
        bob = Platform.unique("bob");
        Platform.createSupportUser(bob, "bob-secret");
    }

    @BeforeEach
    void openPlatform() {
        Platform.setSupportActivated(true);
    }

    @Test
    void supportLoginYieldsTheTargetsTokensWithTheSupportUserAsActor() {
        Http.Reply reply = passwordGrant(tenant, jill + "$john", "jill-secret");
        JsonNode access = accessToken(reply);
        assertThat(access.get("sub").asText()).isEqualTo(johnId);
        assertThat(access.get("preferred_username").asText()).isEqualTo("john");
        assertThat(access.get("act").get("sub").asText()).isEqualTo(jillId);
        assertThat(access.get("act").get("username").asText()).isEqualTo(jill);
        assertThat(access.get("act").get("realm").asText()).isEqualTo(MANAGEMENT);

        JsonNode id = Http.jwtPayload(reply.json().get("id_token").asText());
        assertThat(id.get("preferred_username").asText()).isEqualTo("john");
        assertThat(id.get("act").get("username").asText()).isEqualTo(jill);
    }

    @Test
    void plainLoginHasNoActClaim() {
        JsonNode access = accessToken(passwordGrant(tenant, "john", "john-secret"));
        assertThat(access.get("preferred_username").asText()).isEqualTo("john");
        assertThat(access.has("act")).isFalse();
    }

    @Test
    void impersonatorSessionNotesReachTheStockImpersonatorMappers() {
        String realm = Platform.createTenant("mappers");
        Platform.createUser(realm, "john", "john-secret");
        ClientRepresentation client = Platform.realm(realm).clients().findByClientId(Platform.CLIENT).get(0);
        var mapper = new org.keycloak.representations.idm.ProtocolMapperRepresentation();
        mapper.setName("impersonator username");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("oidc-usersessionmodel-note-mapper");
        mapper.setConfig(Map.of("user.session.note", "IMPERSONATOR_USERNAME", "claim.name", "impersonator_username",
                "jsonType.label", "String", "access.token.claim", "true", "id.token.claim", "true"));
        Platform.realm(realm).clients().get(client.getId()).getProtocolMappers().createMapper(mapper).close();

        JsonNode access = accessToken(passwordGrant(realm, jill + "$john", "jill-secret"));
        assertThat(access.get("impersonator_username").asText()).isEqualTo(jill);
    }

    @Test
    void onlyTheSupportUsersPasswordIsChecked() {
        Http.Reply stock = passwordGrant(tenant, "no-such-user", "whatever");
        assertThat(stock.status()).isEqualTo(400);
        assertThat(passwordGrant(tenant, jill + "$john", "john-secret").body()).isEqualTo(stock.body());
        assertThat(passwordGrant(tenant, jill + "$john", "").body()).isEqualTo(stock.body());
        // A target without any password can still be supported: its credentials are never consulted.
        Platform.createUser(tenant, "nopassword", null);
        assertThat(accessToken(passwordGrant(tenant, jill + "$nopassword", "jill-secret"))
                .get("preferred_username").asText()).isEqualTo("nopassword");
    }

    @Test
    void tenantPrefixMustNameThisTenant() {
        assertThat(accessToken(passwordGrant(tenant, tenant + "/" + jill + "$john", "jill-secret"))
                .get("preferred_username").asText()).isEqualTo("john");
        Http.Reply wrong = passwordGrant(tenant, "other-tenant/" + jill + "$john", "jill-secret");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void emptyTargetLogsInAsTheFirstCreatedAdministrator() {
        String realm = Platform.createTenant("admins");
        Platform.createUser(realm, "plain", "pw-plain");
        String firstAdmin = Platform.createUser(realm, "zz-first-admin", "pw-1");
        String secondAdmin = Platform.createUser(realm, "aa-second-admin", "pw-2");
        var realmAdmin = Platform.realm(realm).clients().findByClientId("realm-management").get(0);
        var role = Platform.realm(realm).clients().get(realmAdmin.getId()).roles().get("realm-admin").toRepresentation();
        Platform.realm(realm).users().get(secondAdmin).roles().clientLevel(realmAdmin.getId()).add(List.of(role));
        Platform.realm(realm).users().get(firstAdmin).roles().clientLevel(realmAdmin.getId()).add(List.of(role));

        assertThat(accessToken(passwordGrant(realm, jill + "$", "jill-secret")).get("sub").asText()).isEqualTo(firstAdmin);

        Platform.realm(realm).users().get(firstAdmin).update(disabled(Platform.realm(realm).users().get(firstAdmin).toRepresentation()));
        assertThat(accessToken(passwordGrant(realm, jill + "$", "jill-secret")).get("sub").asText()).isEqualTo(secondAdmin);
    }

    @Test
    void emptyTargetWithoutAnyAdministratorIsRefused() {
        String realm = Platform.createTenant("noadmin");
        Platform.createUser(realm, "plain", "pw");
        Http.Reply reply = passwordGrant(realm, jill + "$", "jill-secret");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error_description").asText()).contains("does not exist");
    }

    @Test
    void supportPermissionIsBothLevelsDirectlyThroughCompositesOrGroups() {
        String readOnly = Platform.unique("readonly");
        Platform.createSupportUser(readOnly, "pw-ro", "ROLE_SUPPORT_READ");
        assertThat(passwordGrant(tenant, readOnly + "$john", "pw-ro").json().get("error_description").asText())
                .isEqualTo("Support user is not permitted to support this tenant");

        String both = Platform.unique("both");
        Platform.createSupportUser(both, "pw-both", "ROLE_SUPPORT_READ", "ROLE_SUPPORT_ADMIN");
        assertThat(passwordGrant(tenant, both + "$john", "pw-both").status()).isEqualTo(200);

        String viaGroup = Platform.unique("viagroup");
        String viaGroupId = Platform.createSupportUser(viaGroup, "pw-group");
        GroupRepresentation group = new GroupRepresentation();
        group.setName(Platform.unique("support-team"));
        String groupId;
        try (var response = Platform.realm(MANAGEMENT).groups().add(group)) {
            String path = response.getLocation().getPath();
            groupId = path.substring(path.lastIndexOf('/') + 1);
        }
        Platform.realm(MANAGEMENT).groups().group(groupId).roles().realmLevel()
                .add(List.of(Platform.realm(MANAGEMENT).roles().get("Support").toRepresentation()));
        assertThat(passwordGrant(tenant, viaGroup + "$john", "pw-group").status()).isEqualTo(400);
        Platform.realm(MANAGEMENT).users().get(viaGroupId).joinGroup(groupId);
        assertThat(passwordGrant(tenant, viaGroup + "$john", "pw-group").status()).isEqualTo(200);
    }

    @Test
    void closedTenantIsRefusedAndTheListOpensOnlyListedTenants() {
        Platform.setSupportActivated(false);
        Http.Reply closed = passwordGrant(tenant, jill + "$john", "jill-secret");
        assertThat(closed.status()).isEqualTo(400);
        assertThat(closed.json().get("error_description").asText()).isEqualTo("Tenant is not open to support access");

        Platform.setSupportActivated(List.of("some-other-tenant"));
        assertThat(passwordGrant(tenant, jill + "$john", "jill-secret").status()).isEqualTo(400);

        Platform.setSupportActivated(List.of("some-other-tenant", tenant));
        assertThat(passwordGrant(tenant, jill + "$john", "jill-secret").status()).isEqualTo(200);
    }

    @Test
    void refusedForDisabledSupportUserAndUnknownSupportUserAlike() {
        String gone = Platform.unique("leaver");
        String goneId = Platform.createSupportUser(gone, "pw-leaver", "Support");
        assertThat(passwordGrant(tenant, gone + "$john", "pw-leaver").status()).isEqualTo(200);
        Platform.realm(MANAGEMENT).users().get(goneId).update(disabled(Platform.realm(MANAGEMENT).users().get(goneId).toRepresentation()));

        Http.Reply disabledReply = passwordGrant(tenant, gone + "$john", "pw-leaver");
        Http.Reply unknownReply = passwordGrant(tenant, "nobody-" + gone + "$john", "pw-leaver");
        assertThat(disabledReply.status()).isEqualTo(400);
        assertThat(disabledReply.json().get("error_description").asText()).isEqualTo("Invalid user credentials");
        assertThat(disabledReply.body()).isEqualTo(unknownReply.body());
    }

    @Test
    void unauthorizedCallerCannotTellWhetherTheTargetExists() {
        Http.Reply existing = passwordGrant(tenant, bob + "$john", "bob-secret");
        Http.Reply missing = passwordGrant(tenant, bob + "$no-such-user", "bob-secret");
        assertThat(existing.status()).isEqualTo(missing.status());
        assertThat(existing.body()).isEqualTo(missing.body());

        Http.Reply wrongPasswordExisting = passwordGrant(tenant, jill + "$john", "wrong");
        Http.Reply wrongPasswordMissing = passwordGrant(tenant, jill + "$no-such-user", "wrong");
        assertThat(wrongPasswordExisting.body()).isEqualTo(wrongPasswordMissing.body());

        Platform.setSupportActivated(false);
        Http.Reply closedExisting = passwordGrant(tenant, jill + "$john", "jill-secret");
        Http.Reply closedMissing = passwordGrant(tenant, jill + "$no-such-user", "jill-secret");
        assertThat(closedExisting.body()).isEqualTo(closedMissing.body());
    }

    @Test
    void refusedForMissingDisabledAndServiceAccountTargets() {
        String realm = Platform.createTenant("targets");
        Platform.createUser(realm, "disabled-user", "pw", u -> u.setEnabled(false));
        ClientRepresentation service = new ClientRepresentation();
        service.setClientId("backend");
        service.setPublicClient(false);
        service.setServiceAccountsEnabled(true);
        service.setSecret("backend-secret");
        Platform.realm(realm).clients().create(service).close();

        for (String target : List.of("missing-user", "disabled-user", "service-account-backend")) {
            Http.Reply reply = passwordGrant(realm, jill + "$" + target, "jill-secret");
            assertThat(reply.status()).as(target).isEqualTo(400);
            assertThat(reply.json().get("error_description").asText()).as(target)
                    .isEqualTo("The user to support does not exist, is disabled or cannot be supported");
        }
    }

    @Test
    void managementAndMasterRealmsAreNeverTargets() {
        String managementUser = Platform.unique("mgmt-user");
        Platform.createUser(MANAGEMENT, managementUser, "pw-mgmt");
        // The management realm: a support user logging into their own realm.
        Platform.realm(MANAGEMENT).clients().create(publicClient()).close();
        Http.Reply own = passwordGrant(MANAGEMENT, jill + "$" + managementUser, "jill-secret");
        assertThat(own.status()).isEqualTo(400);
        assertThat(own.body()).doesNotContain("access_token");

        Http.Reply master = Http.postForm(Platform.url() + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", jill + "$admin", "password", "jill-secret"));
        assertThat(master.status()).isEqualTo(400);
        assertThat(master.body()).doesNotContain("access_token");
    }

    @Test
    void disabledTenantRealmRefusesSupportLogins() {
        String realm = Platform.createTenant("disabled-tenant");
        Platform.createUser(realm, "john", "john-secret");
        assertThat(passwordGrant(realm, jill + "$john", "jill-secret").status()).isEqualTo(200);
        RealmRepresentation rep = Platform.realm(realm).toRepresentation();
        rep.setEnabled(false);
        Platform.realm(realm).update(rep);
        Http.Reply reply = passwordGrant(realm, jill + "$john", "jill-secret");
        assertThat(reply.status()).isBetween(400, 499);
        assertThat(reply.body()).doesNotContain("access_token");
    }

    @Test
    void targetsPendingRequiredActionsAreNeitherRunNorConsumed() {
        String realm = Platform.createTenant("actions");
        String mustUpdate = Platform.createUser(realm, "must-update", "pw", u -> u.setRequiredActions(List.of("UPDATE_PASSWORD")));
        Http.Reply reply = passwordGrant(realm, jill + "$must-update", "jill-secret");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error_description").asText()).isEqualTo("The user to support has pending account actions");
        assertThat(Platform.realm(realm).users().get(mustUpdate).toRepresentation().getRequiredActions()).containsExactly("UPDATE_PASSWORD");
    }

    @Test
    void targetsOwnOtpIsNeverAskedFor() {
        String realm = Platform.createTenant("target-otp");
        Platform.createUserWithOtp(realm, "otp-user", "otp-user-secret", "target-totp-secret-0123456789");
        // The user's own login needs the OTP code...
        assertThat(passwordGrant(realm, "otp-user", "otp-user-secret").body()).doesNotContain("access_token");
        // ...a support login does not, and leaves the user's OTP untouched.
        assertThat(accessToken(passwordGrant(realm, jill + "$otp-user", "jill-secret"))
                .get("preferred_username").asText()).isEqualTo("otp-user");
        String otpId = Platform.realm(realm).users().searchByUsername("otp-user", true).get(0).getId();
        assertThat(Platform.realm(realm).users().get(otpId).credentials()).extracting(c -> c.getType()).contains("otp", "password");
    }

    @Test
    void hostileUsernamesGetTheOrdinaryInvalidCredentialsAnswer() {
        List<String> names = List.of("$", "$john", jill + "$$john", jill + "$jo$hn", "a/b/" + jill + "$john", "/" + jill + "$john",
                " $ ", jill + "$" + "x".repeat(10_000), "x".repeat(10_000) + "$john", jill + "$jo\u0000hn", jill + "\n$john",
                jill + "$\u0007", "j\u0456ll$john", jill + "$j\u043ehn", "\u202e" + jill + "$john", "%00$%00", "${jndi:ldap://x}$john");
        for (String name : names) {
            Http.Reply reply = passwordGrant(tenant, name, "jill-secret");
            assertThat(reply.status()).as(printable(name)).isLessThan(500).isNotEqualTo(200);
            assertThat(reply.body()).as(printable(name)).doesNotContain("access_token").doesNotContainIgnoringCase("exception");
        }
    }

    @Test
    void tenantUsersOwnLoginIsUnchanged() {
        assertThat(passwordGrant(tenant, "john", "john-secret").status()).isEqualTo(200);
        assertThat(passwordGrant(tenant, "john", "jill-secret").status()).isEqualTo(400);
        assertThat(passwordGrant(tenant, "john", "wrong").json().get("error_description").asText()).isEqualTo("Invalid user credentials");
    }

    static UserRepresentation disabled(UserRepresentation user) {
        user.setEnabled(false);
        return user;
    }

    static ClientRepresentation publicClient() {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(Platform.CLIENT);
        client.setPublicClient(true);
        client.setDirectAccessGrantsEnabled(true);
        return client;
    }

    static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}

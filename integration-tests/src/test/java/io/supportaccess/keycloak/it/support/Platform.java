package io.supportaccess.keycloak.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The platform the tests run against: the one Keycloak server, its management realm, and helpers
 * to create tenants and users (each test uses its own names, so tests do not step on each other).
 */
public final class Platform {

    public static final String MANAGEMENT = "management";
    public static final String CLIENT = "app";
    public static final String REDIRECT_URI = "http://127.0.0.1:9/callback";

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Keycloak admin;
    private static JsonNode initialSettings;

    private Platform() {
    }

    public static String url() {
        return KeycloakServer.get().baseUrl();
    }

    public static synchronized Keycloak admin() {
        if (admin == null) {
            admin = Keycloak.getInstance(url(), "master", KeycloakServer.ADMIN, KeycloakServer.ADMIN_PASSWORD, "admin-cli");
            // before any test changes them: what a fresh installation starts with
            initialSettings = Http.get(settingsUrl(), admin.tokenManager().getAccessTokenString()).json();
            // Brute-force protection stays on in the management realm, but the tests' quick
            // successive failures must not trip Keycloak's "quick login" lockout.
            RealmRepresentation management = admin.realm(MANAGEMENT).toRepresentation();
            management.setBruteForceProtected(true);
            management.setQuickLoginCheckMilliSeconds(1L);
            admin.realm(MANAGEMENT).update(management);
        }
        return admin;
    }

    /** The platform settings as the server had them before the first test changed anything. */
    public static synchronized JsonNode initialSettings() {
        admin();
        return initialSettings;
    }

    public static RealmResource realm(String name) {
        return admin().realm(name);
    }

    public static String unique(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100000, 36);
    }

    /** A new tenant realm with a public client {@value #CLIENT} that allows the password grant and the code flow. */
    public static String createTenant(String prefix) {
        String name = unique(prefix);
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(name);
        realm.setEnabled(true);
        admin().realms().create(realm);
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(CLIENT);
        client.setPublicClient(true);
        client.setDirectAccessGrantsEnabled(true);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of(REDIRECT_URI));
        try (Response response = realm(name).clients().create(client)) {
            check(response, "create client");
        }
        return name;
    }

    public static String createUser(String realm, String username, String password) {
        return createUser(realm, username, password, u -> { });
    }

    public static String createUser(String realm, String username, String password, Consumer<UserRepresentation> customize) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setFirstName(username);
        user.setLastName("Test");
        user.setEmail(username.replaceAll("[^A-Za-z0-9._-]", "x") + "@" + realm + ".example");
        user.setEmailVerified(true);
        if (password != null) {
            CredentialRepresentation credential = new CredentialRepresentation();
            credential.setType(CredentialRepresentation.PASSWORD);
            credential.setValue(password);
            credential.setTemporary(false);
            user.setCredentials(List.of(credential));
        }
        customize.accept(user);
        try (Response response = realm(realm).users().create(user)) {
            check(response, "create user " + username);
            String location = response.getLocation().getPath();
            return location.substring(location.lastIndexOf('/') + 1);
        }
    }

    /** A management realm user holding the given realm roles (e.g. "Support"). */
    public static String createSupportUser(String username, String password, String... realmRoles) {
        String id = createUser(MANAGEMENT, username, password);
        grantRealmRoles(MANAGEMENT, id, realmRoles);
        return id;
    }

    public static void grantRealmRoles(String realm, String userId, String... roles) {
        if (roles.length == 0) {
            return;
        }
        List<RoleRepresentation> reps = java.util.Arrays.stream(roles)
                .map(r -> realm(realm).roles().get(r).toRepresentation()).toList();
        realm(realm).users().get(userId).roles().realmLevel().add(reps);
    }

    /**
     * A user with a password and an OTP credential of known secret, created through partial import
     * (the admin API cannot create OTP credentials). Returns the user's id.
     */
    public static String createUserWithOtp(String realm, String username, String password, String secret, String... realmRoles) {
        ObjectNode body = Http.JSON.createObjectNode();
        body.put("ifResourceExists", "FAIL");
        ObjectNode user = body.putArray("users").addObject();
        user.put("username", username);
        user.put("enabled", true);
        user.put("email", username + "@" + realm + ".example");
        user.put("emailVerified", true);
        user.put("firstName", username);
        user.put("lastName", "Test");
        var roles = user.putArray("realmRoles");
        for (String role : realmRoles) {
            roles.add(role);
        }
        var credentials = user.putArray("credentials");
        ObjectNode pwd = credentials.addObject();
        pwd.put("type", "password");
        pwd.put("value", password);
        pwd.put("temporary", false);
        ObjectNode otp = credentials.addObject();
        otp.put("type", "otp");
        otp.put("userLabel", "test authenticator");
        otp.put("secretData", "{\"value\":\"" + secret + "\"}");
        otp.put("credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        Http.Reply reply = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url() + "/admin/realms/" + realm + "/partialImport"))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())).build());
        if (reply.status() != 200) {
            throw new IllegalStateException("partial import failed: " + reply.status() + " " + reply.body());
        }
        return realm(realm).users().searchByUsername(username, true).get(0).getId();
    }

    public static void setPassword(String realm, String userId, String password) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        realm(realm).users().get(userId).resetPassword(credential);
    }

    public static String adminToken() {
        return admin().tokenManager().getAccessTokenString();
    }

    /** Sets the platform setting "support access activated": true, false or a list of tenant IDs. */
    public static void setSupportActivated(Object value) {
        String json;
        try {
            json = Http.JSON.writeValueAsString(Map.of("supportAccessActivated", value));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Http.Reply reply = Http.put(settingsUrl(), adminToken(), "application/json", json);
        if (reply.status() != 200) {
            throw new IllegalStateException("settings update failed: " + reply.status() + " " + reply.body());
        }
    }

    public static void setSupportUserOtpRequired(boolean required) {
        Http.Reply reply = Http.put(settingsUrl(), adminToken(), "application/json",
                "{\"supportUserOtpRequired\":" + required + "}");
        if (reply.status() != 200) {
            throw new IllegalStateException("settings update failed: " + reply.status() + " " + reply.body());
        }
    }

    /** Changes platform settings (any subset of the fields); fails unless the server answers 200. */
    public static Http.Reply putSettings(String json) {
        Http.Reply reply = Http.put(settingsUrl(), adminToken(), "application/json", json);
        if (reply.status() != 200) {
            throw new IllegalStateException("settings update failed: " + reply.status() + " " + reply.body());
        }
        return reply;
    }

    public static String settingsUrl() {
        return url() + "/admin/realms/" + MANAGEMENT + "/support-access/settings";
    }

    public static Http.Reply passwordGrant(String realm, String username, String password) {
        return passwordGrant(realm, username, password, Map.of());
    }

    public static Http.Reply passwordGrant(String realm, String username, String password, Map<String, String> extra) {
        Map<String, String> form = new HashMap<>(extra);
        form.put("grant_type", "password");
        form.put("client_id", CLIENT);
        form.put("username", username);
        form.put("password", password);
        form.putIfAbsent("scope", "openid");
        return Http.postForm(tokenUrl(realm), form);
    }

    public static String tokenUrl(String realm) {
        return url() + "/realms/" + realm + "/protocol/openid-connect/token";
    }

    public static JsonNode accessToken(Http.Reply tokenReply) {
        if (tokenReply.status() != 200) {
            throw new AssertionError("expected tokens, got " + tokenReply.status() + " " + tokenReply.body());
        }
        return Http.jwtPayload(tokenReply.json().get("access_token").asText());
    }

    /** A refresh of the tenant client's tokens. */
    public static Http.Reply refresh(String realm, String refreshToken) {
        return Http.postForm(tokenUrl(realm), Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", CLIENT));
    }

    /** Grants a role of the realm's realm-management client (e.g. realm-admin, manage-users) to a user. */
    public static void grantRealmManagementRole(String realm, String username, String role) {
        var user = realm(realm).users().searchByUsername(username, true).get(0);
        var client = realm(realm).clients().findByClientId("realm-management").get(0);
        var rep = realm(realm).clients().get(client.getId()).roles().get(role).toRepresentation();
        realm(realm).users().get(user.getId()).roles().clientLevel(client.getId()).add(List.of(rep));
    }

    /** An access token of the tenant's client {@value #CLIENT} for a user's own password grant; fails the test unless granted. */
    public static String token(String realm, String username, String password) {
        return accessTokenString(passwordGrant(realm, username, password));
    }

    /** An access token of admin-cli for a management realm user (for the admin REST API). */
    public static String managementToken(String username, String password) {
        return accessTokenString(Http.postForm(tokenUrl(MANAGEMENT),
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", username, "password", password)));
    }

    private static String accessTokenString(Http.Reply tokenReply) {
        if (tokenReply.status() != 200) {
            throw new AssertionError("expected tokens, got " + tokenReply.status() + " " + tokenReply.body());
        }
        return tokenReply.json().get("access_token").asText();
    }

    private static void check(Response response, String what) {
        if (response.getStatus() >= 300) {
            throw new IllegalStateException(what + " failed: " + response.getStatus() + " " + response.readEntity(String.class));
        }
    }
}

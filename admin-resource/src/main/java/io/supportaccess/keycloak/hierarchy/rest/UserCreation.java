package io.supportaccess.keycloak.hierarchy.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.rest.ApiException;
import io.supportaccess.keycloak.rest.JsonBody;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

/** Creates a user through the realm's user profile, as Keycloak's admin API does: the same validations (and the reserved-name rules). */
final class UserCreation {

    private final KeycloakSession session;
    private final RealmModel realm;

    UserCreation(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    UserModel create(JsonNode json) {
        String username = JsonBody.text(json, "username", true);
        if (session.users().getUserByUsername(realm, username) != null) {
            throw ApiException.conflict("A user named " + InvalidInput.shorten(username) + " exists in realm " + realm.getName());
        }
        String email = JsonBody.text(json, "email", false);
        if (email != null && !realm.isDuplicateEmailsAllowed() && session.users().getUserByEmail(realm, email) != null) {
            throw ApiException.conflict("A user with that e-mail exists in realm " + realm.getName());
        }
        Map<String, List<String>> attributes = new HashMap<>();
        attributes.put(UserModel.USERNAME, List.of(username));
        putIfPresent(attributes, UserModel.EMAIL, email);
        putIfPresent(attributes, UserModel.FIRST_NAME, JsonBody.text(json, "firstName", false));
        putIfPresent(attributes, UserModel.LAST_NAME, JsonBody.text(json, "lastName", false));
        boolean enabled = !json.has("enabled") || JsonBody.bool(json, "enabled");
        UserProfile profile = session.getProvider(UserProfileProvider.class).create(UserProfileContext.USER_API, attributes);
        UserModel user;
        try {
            user = profile.create();
        } catch (ValidationException e) {
            throw new InvalidInput("The user is not valid: " + e.getErrors().stream()
                    .map(error -> error.getAttribute() + " " + error.getMessage()).distinct().collect(Collectors.joining("; ")));
        }
        user.setEnabled(enabled);
        return user;
    }

    private static void putIfPresent(Map<String, List<String>> attributes, String name, String value) {
        if (value != null) {
            attributes.put(name, List.of(value));
        }
    }
}

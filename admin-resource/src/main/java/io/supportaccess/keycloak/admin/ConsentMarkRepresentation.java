package io.supportaccess.keycloak.admin;

import io.supportaccess.keycloak.consent.ConsentMark;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** A consent mark (on the login configuration, or on an account with its current username) as the consent-marks resource answers it. */
final class ConsentMarkRepresentation {

    private ConsentMarkRepresentation() {
    }

    static Map<String, Object> of(KeycloakSession session, RealmModel tenant, ConsentMark mark) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (!mark.isLoginConfiguration()) {
            UserModel user = session.users().getUserById(tenant, mark.userId());
            json.put("userId", mark.userId());
            json.put("username", user == null ? null : user.getUsername());
        }
        json.put("markedAt", Instant.ofEpochMilli(mark.markedAt()).toString());
        json.put("markedBy", mark.markedBy());
        json.put("cause", mark.cause());
        return json;
    }
}

package io.supportaccess.keycloak.audit.listener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * What an admin update of a user really changed. Keycloak's admin event carries the representation
 * that was sent (the admin console sends every field), not the change. The listener runs inside the
 * update's transaction, so this session sees the user after the change, while a session of its own
 * still reads the last committed state: the user before it. The two snapshots are compared.
 */
final class UserChanges {

    private static final Logger LOG = Logger.getLogger(UserChanges.class);
    private static final Pattern USER_PATH = Pattern.compile("users/([^/]+)");
    private static final Set<String> PROFILE_ROOT = Set.of(UserModel.USERNAME, UserModel.EMAIL, UserModel.FIRST_NAME, UserModel.LAST_NAME);

    private UserChanges() {
    }

    /** The names of the user's fields and attributes that the update changed, or null when the event is not a user update. */
    static List<String> of(KeycloakSession session, RealmModel realm, AdminEvent event) {
        if (event.getOperationType() != OperationType.UPDATE || event.getError() != null
                || !"USER".equals(event.getResourceTypeAsString()) || event.getResourcePath() == null) {
            return null;
        }
        Matcher path = USER_PATH.matcher(event.getResourcePath());
        if (!path.matches()) {
            return null;
        }
        String userId = path.group(1);
        UserModel after = session.users().getUserById(realm, userId);
        if (after == null) {
            return null;
        }
        try {
            Map<String, Object> before = committedSnapshot(session, realm.getId(), userId);
            return before == null ? null : changed(before, snapshot(after));
        } catch (RuntimeException e) {
            // the record must be written even so; it then lists the fields sent
            LOG.warnf(e, "Could not compare user %s before and after an admin update", userId);
            return null;
        }
    }

    private static Map<String, Object> committedSnapshot(KeycloakSession session, String realmId, String userId) {
        return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), own -> {
            RealmModel committedRealm = own.realms().getRealm(realmId);
            if (committedRealm == null) {
                return null;
            }
            own.getContext().setRealm(committedRealm);
            UserModel committed = own.users().getUserById(committedRealm, userId);
            return committed == null ? null : snapshot(committed);
        });
    }

    static Map<String, Object> snapshot(UserModel user) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("username", user.getUsername());
        fields.put("email", user.getEmail());
        fields.put("firstName", user.getFirstName());
        fields.put("lastName", user.getLastName());
        fields.put("enabled", user.isEnabled());
        fields.put("emailVerified", user.isEmailVerified());
        fields.put("requiredActions", new TreeSet<>(user.getRequiredActionsStream().toList()));
        fields.put("federationLink", user.getFederationLink());
        fields.put("credentials", user.credentialManager().getStoredCredentialsStream()
                .map(c -> c.getId() + "@" + c.getCreatedDate() + "/" + c.getUserLabel()).sorted().toList());
        Map<String, List<String>> attributes = new TreeMap<>(user.getAttributes());
        PROFILE_ROOT.forEach(attributes::remove);
        attributes.forEach((name, values) -> fields.put("attributes." + name, values == null ? List.of() : List.copyOf(values)));
        return fields;
    }

    /** Field names whose values differ; an attribute is named by its own name. */
    static List<String> changed(Map<String, Object> before, Map<String, Object> after) {
        Set<String> names = new java.util.LinkedHashSet<>(before.keySet());
        names.addAll(after.keySet());
        List<String> changes = new ArrayList<>();
        for (String name : names) {
            Object was = before.containsKey(name) ? before.get(name) : (name.startsWith("attributes.") ? List.of() : null);
            Object is = after.containsKey(name) ? after.get(name) : (name.startsWith("attributes.") ? List.of() : null);
            if (!Objects.equals(was, is)) {
                changes.add(name.startsWith("attributes.") ? name.substring("attributes.".length()) : name);
            }
        }
        return changes;
    }
}

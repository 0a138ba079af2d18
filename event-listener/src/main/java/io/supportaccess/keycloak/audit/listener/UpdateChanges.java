package io.supportaccess.keycloak.audit.listener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.ModelToRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * What an admin update really changed. Keycloak's admin event carries the representation that was
 * sent (the admin console sends every field), not the change. The listener runs inside the update's
 * transaction, so this session sees the object after the change, while a session of its own still
 * reads the last committed state: the object before it. The two snapshots are compared.
 */
final class UpdateChanges {

    private static final Logger LOG = Logger.getLogger(UpdateChanges.class);
    private static final Pattern ONE_OBJECT = Pattern.compile("(users|groups|roles-by-id|clients)/([^/]+)");
    private static final Set<String> PROFILE_ROOT = Set.of(UserModel.USERNAME, UserModel.EMAIL, UserModel.FIRST_NAME, UserModel.LAST_NAME);
    private static final String ATTRIBUTE = "attributes.";
    private static final Set<String> DERIVED = Set.of("path", "subGroupCount", "subGroups", "access");

    /** The state of one object as field name to value; null when the object does not exist. */
    @FunctionalInterface
    interface Snapshot {
        Map<String, Object> take(KeycloakSession session, RealmModel realm);
    }

    private UpdateChanges() {
    }

    /** The names of the fields and attributes an update changed, or null when that cannot be told for this event. */
    static List<String> of(KeycloakSession session, RealmModel realm, AdminEvent event) {
        if (event.getOperationType() != OperationType.UPDATE || event.getError() != null) {
            return null;
        }
        Snapshot snapshot = snapshotOf(event.getResourceTypeAsString(), event.getResourcePath());
        if (snapshot == null) {
            return null;
        }
        try {
            Map<String, Object> after = snapshot.take(session, realm);
            Map<String, Object> before = after == null ? null : committed(session, realm.getId(), snapshot);
            return before == null ? null : changed(before, after);
        } catch (RuntimeException e) {
            // the record must be written even so; it then lists the fields sent
            LOG.warnf(e, "Could not compare %s before and after an admin update", event.getResourcePath());
            return null;
        }
    }

    static Snapshot snapshotOf(String resourceType, String resourcePath) {
        String path = resourcePath == null ? "" : resourcePath;
        if ("REALM".equals(resourceType) && path.isEmpty()) {
            return (s, r) -> withoutDuplicateAttributes(fields(ModelToRepresentation.toRepresentation(s, r, false)));
        }
        Matcher matcher = ONE_OBJECT.matcher(path);
        if (!matcher.matches()) {
            return null;
        }
        String id = matcher.group(2);
        return switch (resourceType + " " + matcher.group(1)) {
            case "USER users" -> (s, r) -> {
                UserModel user = s.users().getUserById(r, id);
                return user == null ? null : user(user);
            };
            case "GROUP groups" -> (s, r) -> {
                GroupModel group = s.groups().getGroupById(r, id);
                return group == null ? null : withoutDerived(fields(ModelToRepresentation.toRepresentation(group, false)));
            };
            case "REALM_ROLE roles-by-id", "CLIENT_ROLE roles-by-id" -> (s, r) -> {
                RoleModel role = s.roles().getRoleById(r, id);
                return role == null ? null : fields(ModelToRepresentation.toRepresentation(role));
            };
            case "CLIENT clients" -> (s, r) -> {
                ClientModel client = s.clients().getClientById(r, id);
                return client == null ? null : fields(ModelToRepresentation.toRepresentation(client, s));
            };
            default -> null;
        };
    }

    private static Map<String, Object> committed(KeycloakSession session, String realmId, Snapshot snapshot) {
        return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), own -> {
            RealmModel realm = own.realms().getRealm(realmId);
            if (realm == null) {
                return null;
            }
            own.getContext().setRealm(realm);
            return snapshot.take(own, realm);
        });
    }

    static Map<String, Object> user(UserModel user) {
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
        attributes.forEach((name, values) -> fields.put(ATTRIBUTE + name, values == null ? List.of() : List.copyOf(values)));
        return fields;
    }

    /** A representation's top-level fields, its attributes one by one. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fields(Object representation) {
        Map<String, Object> fields = new LinkedHashMap<>(JsonSerialization.mapper.convertValue(representation, Map.class));
        Object attributes = fields.remove("attributes");
        if (attributes instanceof Map<?, ?> map) {
            new TreeMap<>((Map<String, Object>) map).forEach((name, value) -> fields.put(ATTRIBUTE + name, value));
        }
        return fields;
    }

    /** A realm keeps many settings as attributes that its representation also shows as fields: compared once, as fields. */
    private static Map<String, Object> withoutDuplicateAttributes(Map<String, Object> fields) {
        List<String> duplicates = fields.keySet().stream()
                .filter(name -> name.startsWith(ATTRIBUTE) && fields.containsKey(name.substring(ATTRIBUTE.length()))).toList();
        duplicates.forEach(fields::remove);
        return fields;
    }

    /** Leaves out what follows from other fields (a group's path from its name) or from other objects. */
    private static Map<String, Object> withoutDerived(Map<String, Object> fields) {
        DERIVED.forEach(fields::remove);
        return fields;
    }

    /** Field names whose values differ; an attribute is named by its own name. */
    static List<String> changed(Map<String, Object> before, Map<String, Object> after) {
        Set<String> names = new LinkedHashSet<>(before.keySet());
        names.addAll(after.keySet());
        List<String> changes = new ArrayList<>();
        for (String name : names) {
            if (!Objects.equals(valueOf(before, name), valueOf(after, name))) {
                changes.add(name.startsWith(ATTRIBUTE) ? name.substring(ATTRIBUTE.length()) : name);
            }
        }
        return changes;
    }

    /**
     * A field's value, unset and the type's default taken as one: Keycloak stores many settings only
     * once they are sent (realm and client settings as string attributes), so an unset timeout
     * becoming 0 or an unset flag becoming false is no change.
     */
    private static Object valueOf(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        boolean isDefault = value == null || Boolean.FALSE.equals(value)
                || (value instanceof Number number && number.doubleValue() == 0)
                || (value instanceof String text && (text.isEmpty() || "0".equals(text) || "false".equals(text)))
                || (value instanceof java.util.Collection<?> collection && collection.isEmpty())
                || (value instanceof Map<?, ?> map && map.isEmpty());
        return isDefault ? null : value;
    }
}

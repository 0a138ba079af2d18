package io.supportaccess.keycloak.configcode;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.inventory.Permission;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;

/**
 * A realm's extension configuration with every reference by name: what the document carries and
 * what a realm holds, in one shape so that the two can be compared. Managed objects are known by
 * their key (their name, made unique with {@code #2}, {@code #3}... where names repeat), roles by
 * name, users by username.
 */
public record RealmConfiguration(String realm,
                                 Map<String, ObjectSpec> objects,
                                 Map<String, RoleSpec> roles,
                                 Map<AssignmentKey, SortedSet<String>> assignments,
                                 Map<String, HierarchySpec> hierarchy,
                                 Map<String, Object> settings) {

    /** A managed object; {@code properties} is a JSON object or null, {@code children} the keys of a group's members. */
    public record ObjectSpec(String name, String type, boolean group, JsonNode properties, SortedSet<String> children) {

        boolean sameApartFromChildren(ObjectSpec other) {
            return name.equals(other.name) && type.equals(other.type) && group == other.group
                    && java.util.Objects.equals(properties, other.properties);
        }
    }

    public record RoleSpec(String description, Set<Permission> permissions) {
    }

    /** The inventory roles {@code user} holds on the group with key {@code group}. */
    public record AssignmentKey(String user, String group) implements Comparable<AssignmentKey> {

        @Override
        public int compareTo(AssignmentKey o) {
            int byUser = user.compareTo(o.user);
            return byUser != 0 ? byUser : group.compareTo(o.group);
        }
    }

    /** A user's owner and the user who delegated their hierarchy to them, each null when none. */
    public record HierarchySpec(String owner, String delegatedBy) {
    }

    static RealmConfiguration empty(String realm) {
        return new RealmConfiguration(realm, new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), null);
    }
}

package io.supportaccess.keycloak.hierarchy.rest;

import io.supportaccess.keycloak.hierarchy.GlobalRoles;
import io.supportaccess.keycloak.hierarchy.UserHierarchy;
import io.supportaccess.keycloak.hierarchy.UserHierarchyEntity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/** The JSON rows of users in the hierarchy API, built for a page at once (one query for owners, one for counts). */
final class UserRows {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserHierarchy hierarchy;
    private final HierarchyCaller caller;

    UserRows(KeycloakSession session, RealmModel realm, UserHierarchy hierarchy, HierarchyCaller caller) {
        this.session = session;
        this.realm = realm;
        this.hierarchy = hierarchy;
        this.caller = caller;
    }

    Map<String, Object> row(UserModel user) {
        return rows(List.of(user)).get(0);
    }

    List<Map<String, Object>> rows(List<UserModel> users) {
        List<String> ids = users.stream().map(UserModel::getId).toList();
        Map<String, UserHierarchyEntity> places = hierarchy.rows(realm, ids);
        Map<String, Long> counts = hierarchy.subUserCounts(realm, ids);
        Map<String, Map<String, Object>> refs = new HashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (UserModel user : users) {
            UserHierarchyEntity place = places.get(user.getId());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", user.getId());
            row.put("username", user.getUsername());
            row.put("email", user.getEmail());
            row.put("firstName", user.getFirstName());
            row.put("lastName", user.getLastName());
            row.put("enabled", user.isEnabled());
            row.put("owner", place == null ? null : ref(refs, place.getOwnerId()));
            row.put("delegatedBy", place == null ? null : ref(refs, place.getDelegatedBy()));
            row.put("subUsers", counts.getOrDefault(user.getId(), 0L));
            row.put("roles", GlobalRoles.direct(realm, user).stream().map(RoleModel::getName).sorted().toList());
            row.put("manageable", caller.managerOf(user).isPresent());
            rows.add(row);
        }
        return rows;
    }

    static Map<String, Object> ref(UserModel user) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("id", user.getId());
        ref.put("username", user.getUsername());
        return ref;
    }

    private Map<String, Object> ref(Map<String, Map<String, Object>> refs, String userId) {
        if (userId == null) {
            return null;
        }
        return refs.computeIfAbsent(userId, id -> {
            UserModel user = session.users().getUserById(realm, id);
            return user == null ? null : ref(user);
        });
    }
}

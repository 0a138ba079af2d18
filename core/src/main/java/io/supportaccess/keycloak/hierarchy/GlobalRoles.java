package io.supportaccess.keycloak.hierarchy;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * A user's global roles in the sense of the hierarchy rules: realm roles mapped to the user or to
 * one of their groups (or those groups' parents). What a composite role includes is not a role the
 * user holds here: an owner with "admins" cannot give a sub-user the smaller role "Global Reader"
 * (seed: "It needs to be the same role, not only less permissions"). The realm's default role is
 * everybody's and never counts.
 */
public final class GlobalRoles {

    private GlobalRoles() {
    }

    /** Realm roles mapped to the user directly, the default role left out. */
    public static Set<RoleModel> direct(RealmModel realm, UserModel user) {
        Set<RoleModel> roles = new LinkedHashSet<>();
        user.getRealmRoleMappingsStream().filter(role -> isGlobalRole(realm, role)).forEach(roles::add);
        return roles;
    }

    /** Realm roles mapped to the user directly or through their groups, the default role left out. */
    public static Set<RoleModel> held(RealmModel realm, UserModel user) {
        Set<RoleModel> roles = direct(realm, user);
        user.getGroupsStream().flatMap(GlobalRoles::withParents).flatMap(GroupModel::getRealmRoleMappingsStream)
                .filter(role -> isGlobalRole(realm, role)).forEach(roles::add);
        return roles;
    }

    /** The names (sorted) of those of {@code roles} that {@code holder} does not hold. */
    public static List<String> notHeldBy(RealmModel realm, UserModel holder, Collection<RoleModel> roles) {
        Set<RoleModel> held = held(realm, holder);
        return roles.stream().filter(role -> !held.contains(role)).map(RoleModel::getName).sorted().toList();
    }

    public static boolean isGlobalRole(RealmModel realm, RoleModel role) {
        RoleModel defaultRole = realm.getDefaultRole();
        return !role.isClientRole() && (defaultRole == null || !defaultRole.getId().equals(role.getId()));
    }

    private static Stream<GroupModel> withParents(GroupModel group) {
        Stream.Builder<GroupModel> chain = Stream.builder();
        for (GroupModel current = group; current != null; current = current.getParent()) {
            chain.add(current);
        }
        return chain.build();
    }
}

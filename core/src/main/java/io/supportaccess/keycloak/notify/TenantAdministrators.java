package io.supportaccess.keycloak.notify;

import io.supportaccess.keycloak.permission.SupportAccessAuth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * The recipients of tenant notices: enabled users of the tenant holding Tenant management ADMIN or
 * User management ADMIN (directly, through composite roles such as the global role {@code admins},
 * or through groups), with a verified e-mail address.
 */
final class TenantAdministrators {

    /** More administrators than this are not all told (a tenant should not be able to make one login send thousands of e-mails). */
    static final int MAX_RECIPIENTS = 50;

    private TenantAdministrators() {
    }

    static List<UserModel> withVerifiedEmail(KeycloakSession session, RealmModel realm) {
        return withVerifiedEmail(session, realm, List.of(SupportAccessAuth.ROLE_TENANT_MANAGEMENT_ADMIN, SupportAccessAuth.ROLE_USER_MANAGEMENT_ADMIN));
    }

    /** The enabled holders of any of these realm roles with a verified e-mail address (at most {@value #MAX_RECIPIENTS}). */
    static List<UserModel> withVerifiedEmail(KeycloakSession session, RealmModel realm, List<String> roleNames) {
        List<RoleModel> adminRoles = roleNames.stream().map(realm::getRole).filter(Objects::nonNull).toList();
        if (adminRoles.isEmpty()) {
            return List.of();
        }
        // every role that grants one of them: the roles themselves and the composites (realm or client) that contain them
        List<RoleModel> granting = Stream.concat(realm.getRolesStream(), realm.getClientsStream().flatMap(ClientModel::getRolesStream))
                .filter(role -> adminRoles.stream().anyMatch(role::hasRole)).toList();
        Map<String, UserModel> candidates = new LinkedHashMap<>();
        for (RoleModel role : granting) {
            session.users().getRoleMembersStream(realm, role).forEach(user -> candidates.putIfAbsent(user.getId(), user));
        }
        // a group's members hold its roles and those of its parents (hasRole looks up the tree)
        realm.getGroupsStream().filter(group -> adminRoles.stream().anyMatch(group::hasRole))
                .flatMap(group -> session.users().getGroupMembersStream(realm, group))
                .forEach(user -> candidates.putIfAbsent(user.getId(), user));
        List<UserModel> recipients = new ArrayList<>();
        for (UserModel user : candidates.values()) {
            if (recipients.size() == MAX_RECIPIENTS) {
                break;
            }
            if (user.isEnabled() && user.isEmailVerified() && user.getEmail() != null && !user.getEmail().isBlank()
                    && user.getServiceAccountClientLink() == null && adminRoles.stream().anyMatch(user::hasRole)) {
                recipients.add(user);
            }
        }
        return recipients;
    }
}

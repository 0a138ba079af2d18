package io.supportaccess.keycloak.token;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.keycloak.models.AccountRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.representations.AccessToken;

/**
 * The roles a token of a read-only support session keeps: a resource server that enforces the
 * permission catalogue sees a reader. Out go the catalogue's write levels ({@code ROLE_*_ADMIN},
 * {@code _CREATE}, {@code _UPDATE}) and every realm role that includes one (e.g. {@code admins}),
 * the account console's roles that change the account (Keycloak's account REST API checks them in
 * the token), and every realm-management role but those that only view or query.
 */
final class ReadOnlyTokens {

    private static final Pattern WRITE_PERMISSION = Pattern.compile("^ROLE_.+_(ADMIN|CREATE|UPDATE)$");
    private static final List<String> ACCOUNT_CHANGES = List.of(AccountRoles.MANAGE_ACCOUNT, AccountRoles.MANAGE_ACCOUNT_LINKS,
            AccountRoles.MANAGE_CONSENT, AccountRoles.DELETE_ACCOUNT);

    private ReadOnlyTokens() {
    }

    static void restrict(AccessToken token, RealmModel realm, UserModel user) {
        AccessToken.Access realmAccess = token.getRealmAccess();
        if (realmAccess != null && realmAccess.getRoles() != null) {
            Set<String> kept = new HashSet<>();
            for (String name : realmAccess.getRoles()) {
                if (!writes(realm, name)) {
                    kept.add(name);
                }
            }
            realmAccess.getRoles().retainAll(kept);
        }
        Map<String, AccessToken.Access> clients = token.getResourceAccess();
        if (clients == null) {
            return;
        }
        AccessToken.Access account = clients.get(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID);
        if (account != null && account.getRoles() != null && account.getRoles().removeAll(ACCOUNT_CHANGES)) {
            // manage-account also lets the account console read the profile (the account-console client's scope has
            // no view-profile): the reading half stays, where the user holds it
            ClientModel accountClient = realm.getClientByClientId(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID);
            RoleModel viewProfile = accountClient == null ? null : accountClient.getRole(AccountRoles.VIEW_PROFILE);
            if (viewProfile != null && user.hasRole(viewProfile)) {
                account.addRole(AccountRoles.VIEW_PROFILE);
            }
        }
        AccessToken.Access realmManagement = clients.get(Constants.REALM_MANAGEMENT_CLIENT_ID);
        if (realmManagement != null && realmManagement.getRoles() != null) {
            realmManagement.getRoles().removeIf(name -> !name.startsWith("view-") && !name.startsWith("query-"));
        }
    }

    private static boolean writes(RealmModel realm, String name) {
        if (WRITE_PERMISSION.matcher(name).matches()) {
            return true;
        }
        RoleModel role = realm.getRole(name);
        return role != null && role.isComposite() && RoleUtils.expandCompositeRolesStream(java.util.stream.Stream.of(role))
                .anyMatch(included -> !included.isClientRole() && WRITE_PERMISSION.matcher(included.getName()).matches()
                        || included.isClientRole() && isRealmManagementWrite(included));
    }

    private static boolean isRealmManagementWrite(RoleModel role) {
        return role.getContainer() instanceof ClientModel client
                && Constants.REALM_MANAGEMENT_CLIENT_ID.equals(client.getClientId())
                && !role.getName().startsWith("view-") && !role.getName().startsWith("query-");
    }
}

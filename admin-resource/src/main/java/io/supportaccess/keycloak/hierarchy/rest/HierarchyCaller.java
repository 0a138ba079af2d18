package io.supportaccess.keycloak.hierarchy.rest;

import io.supportaccess.keycloak.hierarchy.UserHierarchy;
import io.supportaccess.keycloak.permission.NotPermitted;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What the caller of the hierarchy API may do in the realm. User management ADMIN (or Keycloak's
 * manage-users) manages everyone; User management CREATE manages the users below the caller; a user
 * to whom someone delegated manages the users below the delegator, within the delegator's roles. No
 * one but a manager of everyone changes their own roles or owner.
 */
final class HierarchyCaller {

    /** Who a change of a user is made for, and whether that user's roles bound what may be given. */
    record Manager(UserModel principal, boolean unbounded) {
    }

    private final RealmModel realm;
    private final UserHierarchy hierarchy;
    private final UserModel user;
    private final boolean managesAll;
    private final boolean readsAll;
    private final boolean createsUsers;
    private final UserModel delegator;

    private HierarchyCaller(RealmModel realm, UserHierarchy hierarchy, UserModel user, boolean managesAll, boolean readsAll,
                            boolean createsUsers, UserModel delegator) {
        this.realm = realm;
        this.hierarchy = hierarchy;
        this.user = user;
        this.managesAll = managesAll;
        this.readsAll = readsAll;
        this.createsUsers = createsUsers;
        this.delegator = delegator;
    }

    /** The caller, refused when they have no part in the realm's user management at all. */
    static HierarchyCaller of(KeycloakSession session, RealmModel realm, SupportAccessAuth auth, UserHierarchy hierarchy) {
        UserModel caller = auth.callerRealm() != null && auth.callerRealm().getId().equals(realm.getId()) ? auth.caller() : null;
        UserModel delegator = caller == null ? null : hierarchy.delegatorOf(realm, caller.getId())
                .map(id -> session.users().getUserById(realm, id))
                .filter(d -> SupportAccessAuth.managesOwnHierarchy(realm, d)).orElse(null);
        HierarchyCaller result = new HierarchyCaller(realm, hierarchy, caller, auth.callerManagesAllUsers(), auth.callerReadsAllUsers(),
                auth.callerCreatesUsers(), delegator);
        if (!result.readsAll && !result.createsUsers && delegator == null) {
            throw new NotPermitted("This needs view-users or User management READ, CREATE or ADMIN on realm " + realm.getName()
                    + ", or a delegated user hierarchy");
        }
        return result;
    }

    /** The caller as a user of the realm; null for an administrator of another realm (e.g. master). */
    UserModel user() {
        return user;
    }

    boolean managesAll() {
        return managesAll;
    }

    boolean readsAll() {
        return readsAll;
    }

    boolean createsUsers() {
        return createsUsers;
    }

    UserModel delegator() {
        return delegator;
    }

    /** Whom the caller manages {@code target} for; empty when they may not manage them. */
    Optional<Manager> managerOf(UserModel target) {
        boolean self = user != null && user.getId().equals(target.getId());
        if (managesAll) {
            return Optional.of(new Manager(user, true));
        }
        if (self) {
            return Optional.empty();
        }
        if (createsUsers && user != null && hierarchy.isBelow(realm, target.getId(), user.getId())) {
            return Optional.of(new Manager(user, false));
        }
        if (delegator != null && !delegator.getId().equals(target.getId()) && hierarchy.isBelow(realm, target.getId(), delegator.getId())) {
            return Optional.of(new Manager(delegator, false));
        }
        return Optional.empty();
    }

    Manager requireManagerOf(UserModel target) {
        return managerOf(target).orElseThrow(() -> new NotPermitted(
                "You may manage only the users below you in the hierarchy (or everyone with User management ADMIN)"));
    }

    boolean mayRead(UserModel target) {
        if (readsAll || (user != null && user.getId().equals(target.getId()))) {
            return true;
        }
        if (delegator != null && (delegator.getId().equals(target.getId()) || hierarchy.isBelow(realm, target.getId(), delegator.getId()))) {
            return true;
        }
        return user != null && hierarchy.isBelow(realm, target.getId(), user.getId());
    }
}

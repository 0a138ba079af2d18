package io.supportaccess.keycloak.inventory.rest;

import io.supportaccess.keycloak.inventory.Inventory;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/support-access/inventory}: managed-object groups, inventory roles,
 * assignments and the effective-permission query of a realm, each a sub-resource. Reading needs
 * Keycloak's view-users permission on the realm (or the realm role ROLE_USER_MANAGEMENT_READ /
 * _CREATE / _ADMIN), checked here once; the sub-resources check the right to change.
 */
public class InventoryAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public InventoryAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @Path("managed-objects")
    public ManagedObjectsResource managedObjects() {
        return new ManagedObjectsResource(request());
    }

    @Path("groups")
    public GroupsResource groups() {
        return new GroupsResource(request());
    }

    @Path("roles")
    public InventoryRolesResource roles() {
        return new InventoryRolesResource(request());
    }

    @Path("users/{userId}")
    public UserAssignmentsResource user(@PathParam("userId") String userId) {
        return new UserAssignmentsResource(request(), userId);
    }

    private InventoryRequest request() {
        InventoryAccess access = new InventoryAccess(realm, auth);
        access.requireView();
        return new InventoryRequest(session, realm, new Inventory(session), access, adminEvent);
    }

    /** Who may read, create and change a realm's inventory. */
    static final class InventoryAccess {

        private final RealmModel realm;
        private final AdminPermissionEvaluator auth;

        InventoryAccess(RealmModel realm, AdminPermissionEvaluator auth) {
            this.realm = realm;
            this.auth = auth;
        }

        /** Keycloak's view-users, or the seed's "User management" READ, CREATE or ADMIN permission role of this realm. */
        void requireView() {
            if (!auth.users().canView() && !holdsOwnRealmRole("ROLE_USER_MANAGEMENT_READ")
                    && !holdsOwnRealmRole("ROLE_USER_MANAGEMENT_CREATE") && !holdsOwnRealmRole("ROLE_USER_MANAGEMENT_ADMIN")) {
                throw new ForbiddenException();
            }
        }

        /**
         * Creating objects (groups, managed objects, roles): manage-users, ROLE_USER_MANAGEMENT_ADMIN, or
         * ROLE_USER_MANAGEMENT_CREATE. Object ownership is not tracked, so CREATE does not extend to
         * changing or removing anything afterwards.
         */
        void requireCreate() {
            if (!auth.users().canManage() && !holdsOwnRealmRole("ROLE_USER_MANAGEMENT_ADMIN")
                    && !holdsOwnRealmRole("ROLE_USER_MANAGEMENT_CREATE")) {
                throw new ForbiddenException();
            }
        }

        /** Keycloak's manage-users, or the seed's "User management" ADMIN permission role of this realm. */
        void requireManage() {
            if (!auth.users().canManage() && !holdsOwnRealmRole("ROLE_USER_MANAGEMENT_ADMIN")) {
                throw new ForbiddenException();
            }
        }

        private boolean holdsOwnRealmRole(String roleName) {
            if (auth.adminAuth() == null || !realm.getId().equals(auth.adminAuth().getRealm().getId())) {
                return false;
            }
            RoleModel role = realm.getRole(roleName);
            return role != null && auth.adminAuth().getUser().hasRole(role);
        }
    }
}

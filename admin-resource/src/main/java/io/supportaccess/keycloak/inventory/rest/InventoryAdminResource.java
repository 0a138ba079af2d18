package io.supportaccess.keycloak.inventory.rest;

import io.supportaccess.keycloak.inventory.Inventory;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/support-access/inventory}: managed-object groups, inventory roles,
 * assignments and the effective-permission query of a realm, each a sub-resource. Reading needs
 * Keycloak's view-users permission on the realm (or the realm role ROLE_USER_MANAGEMENT_READ /
 * _CREATE / _ADMIN), checked here once; the sub-resources check the right to create or change.
 */
public class InventoryAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SupportAccessAuth auth;
    private final AdminEventBuilder adminEvent;

    public InventoryAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = SupportAccessAuth.of(session, realm, auth);
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
        auth.requireInventoryRead();
        return new InventoryRequest(session, realm, new Inventory(session), auth, adminEvent);
    }
}

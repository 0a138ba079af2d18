package io.supportaccess.keycloak.permission;

import io.supportaccess.keycloak.inventory.Permission;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

/**
 * Every permission of the extension, by name: the realm roles it defines or reads, what a user
 * holds through them (support logins, the tenant users' API), and, as an instance bound to the
 * caller of the admin REST API, the checks each admin resource makes ({@code require...} throws
 * {@link NotPermitted}, answered with 403).
 */
public final class SupportAccessAuth {

    /** The Support permission of the management realm, one role per level; a support user needs both. */
    public static final String ROLE_SUPPORT_READ = "ROLE_SUPPORT_READ";
    public static final String ROLE_SUPPORT_ADMIN = "ROLE_SUPPORT_ADMIN";
    /** The global role of the management realm composed of both Support levels. */
    public static final String GLOBAL_ROLE_SUPPORT = "Support";
    /** Audits READ: may read the realm's audit log. */
    public static final String ROLE_AUDIT_READ = "ROLE_AUDIT_READ";
    /** A tenant's approvers of support users' access requests (catalogue category Support approval, given to {@code admins}). */
    public static final String ROLE_SUPPORT_APPROVAL_ADMIN = "ROLE_SUPPORT_APPROVAL_ADMIN";
    public static final String ROLE_SUPPORT_APPROVAL_READ = "ROLE_SUPPORT_APPROVAL_READ";
    /** User management: READ reads the inventory, CREATE also creates in it, ADMIN changes everything. */
    public static final String ROLE_USER_MANAGEMENT_READ = "ROLE_USER_MANAGEMENT_READ";
    public static final String ROLE_USER_MANAGEMENT_CREATE = "ROLE_USER_MANAGEMENT_CREATE";
    public static final String ROLE_USER_MANAGEMENT_ADMIN = "ROLE_USER_MANAGEMENT_ADMIN";
    /**
     * Tenant management of the management realm: READ lists and reads tenants, CREATE creates them,
     * UPDATE edits them, ADMIN does all of that and suspends, activates and removes them.
     */
    public static final String ROLE_TENANT_MANAGEMENT_READ = "ROLE_TENANT_MANAGEMENT_READ";
    public static final String ROLE_TENANT_MANAGEMENT_CREATE = "ROLE_TENANT_MANAGEMENT_CREATE";
    public static final String ROLE_TENANT_MANAGEMENT_UPDATE = "ROLE_TENANT_MANAGEMENT_UPDATE";
    public static final String ROLE_TENANT_MANAGEMENT_ADMIN = "ROLE_TENANT_MANAGEMENT_ADMIN";

    /** Tenant realm roles that, like Keycloak's realm administration roles, make a tenant administrator. */
    private static final List<String> ADMIN_PERMISSION_ROLES = List.of(ROLE_USER_MANAGEMENT_ADMIN, ROLE_TENANT_MANAGEMENT_ADMIN);
    private static final List<String> ADMIN_CLIENT_ROLES = List.of(AdminRoles.REALM_ADMIN, AdminRoles.MANAGE_REALM, AdminRoles.MANAGE_USERS);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    private SupportAccessAuth(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    /** The checks of an admin REST request on {@code realm}, for the caller Keycloak authenticated. */
    public static SupportAccessAuth of(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        return new SupportAccessAuth(session, realm, auth);
    }

    // --- role names

    /** The global role of an inventory permission: {@code ROLE_<SCOPE>_<LEVEL>}, e.g. {@code ROLE_INVENTORY_READ}. */
    public static String globalRoleName(Permission.Scope scope, Permission.Level level) {
        String scopeName = switch (scope) {
            case ALARMS -> "ALARM";
            case AUDITS -> "AUDIT";
            case EVENTS -> "EVENT";
            case MEASUREMENTS -> "MEASUREMENT";
            default -> scope.name();
        };
        return "ROLE_" + scopeName + "_" + level.name();
    }

    /** Keycloak's {@code realm-admin} role of a realm (its realm-management client), if the realm has one. */
    public static RoleModel realmAdminRole(RealmModel realm) {
        return realmManagementRole(realm, AdminRoles.REALM_ADMIN);
    }

    // --- what a user holds

    /** Global Support permission: both levels held, directly, through composites or through groups. */
    public static boolean hasGlobalSupport(RealmModel managementRealm, UserModel supportUser) {
        return holds(managementRealm, supportUser, ROLE_SUPPORT_READ) && holds(managementRealm, supportUser, ROLE_SUPPORT_ADMIN);
    }

    /**
     * The levels of a scope the user holds through global roles, as permissions on every type. They
     * apply to every object and win over inventory roles.
     */
    public static List<Permission> heldThroughGlobalRoles(RealmModel realm, UserModel user, Permission.Scope scope) {
        if (scope == Permission.Scope.FULL_ACCESS) {
            return List.of();
        }
        List<Permission> held = new ArrayList<>();
        for (Permission.Level level : List.of(Permission.Level.READ, Permission.Level.ADMIN)) {
            if (holds(realm, user, globalRoleName(scope, level))) {
                held.add(new Permission(scope, Permission.ANY_TYPE, level));
            }
        }
        return held;
    }

    public static boolean grantsThroughGlobalRoles(RealmModel realm, UserModel user, Permission wanted) {
        return wanted.isGrantedBy(heldThroughGlobalRoles(realm, user, wanted.scope()));
    }

    /** Keycloak's realm-admin, manage-realm or manage-users, or the User or Tenant management ADMIN. */
    public static boolean isTenantAdministrator(RealmModel realm, UserModel user) {
        return ADMIN_CLIENT_ROLES.stream().anyMatch(name -> holds(user, realmManagementRole(realm, name)))
                || ADMIN_PERMISSION_ROLES.stream().anyMatch(name -> holds(realm, user, name));
    }

    /** May learn other users' permissions: User management READ or ADMIN, or Keycloak's view-users of the realm. */
    public static boolean canReadUsersPermissions(RealmModel realm, UserModel user) {
        return holds(realm, user, ROLE_USER_MANAGEMENT_READ) || holds(realm, user, ROLE_USER_MANAGEMENT_ADMIN)
                || holds(user, realmManagementRole(realm, AdminRoles.VIEW_USERS));
    }

    /** May approve or deny support users' access requests to this tenant: {@value #ROLE_SUPPORT_APPROVAL_ADMIN}, directly, through composites or groups. */
    public static boolean canApproveAccess(RealmModel realm, UserModel user) {
        return holds(realm, user, ROLE_SUPPORT_APPROVAL_ADMIN);
    }

    /** May see the tenant's access requests: Support approval READ or ADMIN. */
    public static boolean canSeeAccessRequests(RealmModel realm, UserModel user) {
        return holds(realm, user, ROLE_SUPPORT_APPROVAL_READ) || canApproveAccess(realm, user);
    }

    /** A tenant administrator, {@value #ROLE_AUDIT_READ} or Keycloak's view-events of the realm. */
    public static boolean canReadAudit(RealmModel realm, UserModel user) {
        return isTenantAdministrator(realm, user) || holds(realm, user, ROLE_AUDIT_READ)
                || holds(user, realmManagementRole(realm, AdminRoles.VIEW_EVENTS));
    }

    // --- the caller of the admin REST API

    public void requireViewRealm() {
        require(auth.realm().canViewRealm(), "view-realm");
    }

    public void requireManageRealm() {
        require(auth.realm().canManageRealm(), "manage-realm");
    }

    public void requireViewUsers() {
        require(auth.users().canView(), "view-users");
    }

    public void requireManageUsers() {
        require(auth.users().canManage(), "manage-users");
    }

    /** Keycloak's view-events, or {@value #ROLE_AUDIT_READ} of the realm held by one of its own users. */
    public void requireAuditRead() {
        require(auth.realm().canViewEvents() || callerHoldsOwnRealmRole(ROLE_AUDIT_READ), "view-events or " + ROLE_AUDIT_READ);
    }

    /** Keycloak's view-users, or the User management READ, CREATE or ADMIN of this realm. */
    public void requireInventoryRead() {
        require(auth.users().canView() || callerHoldsOwnRealmRole(ROLE_USER_MANAGEMENT_READ)
                || callerHoldsOwnRealmRole(ROLE_USER_MANAGEMENT_CREATE) || callerHoldsOwnRealmRole(ROLE_USER_MANAGEMENT_ADMIN),
                "view-users or " + ROLE_USER_MANAGEMENT_READ);
    }

    /**
     * Creating groups, managed objects and roles: manage-users, User management ADMIN or CREATE.
     * Object ownership is not tracked, so CREATE does not extend to changing or removing anything afterwards.
     */
    public void requireInventoryCreate() {
        require(auth.users().canManage() || callerHoldsOwnRealmRole(ROLE_USER_MANAGEMENT_ADMIN)
                || callerHoldsOwnRealmRole(ROLE_USER_MANAGEMENT_CREATE), "manage-users or " + ROLE_USER_MANAGEMENT_CREATE);
    }

    /** Changing or removing in the inventory: manage-users or User management ADMIN. */
    public void requireInventoryManage() {
        require(auth.users().canManage() || callerHoldsOwnRealmRole(ROLE_USER_MANAGEMENT_ADMIN),
                "manage-users or " + ROLE_USER_MANAGEMENT_ADMIN);
    }

    /** Reading tenants: view-realm, or Tenant management READ or ADMIN of this realm. */
    public void requireTenantRead() {
        require(auth.realm().canViewRealm() || callerHoldsOwnRealmRole(ROLE_TENANT_MANAGEMENT_READ)
                || callerHoldsOwnRealmRole(ROLE_TENANT_MANAGEMENT_ADMIN), "view-realm or " + ROLE_TENANT_MANAGEMENT_READ);
    }

    /** Creating tenants: manage-realm, or Tenant management CREATE or ADMIN of this realm. */
    public void requireTenantCreate() {
        require(auth.realm().canManageRealm() || callerHoldsOwnRealmRole(ROLE_TENANT_MANAGEMENT_CREATE)
                || callerHoldsOwnRealmRole(ROLE_TENANT_MANAGEMENT_ADMIN), "manage-realm or " + ROLE_TENANT_MANAGEMENT_CREATE);
    }

    /** Editing tenants: manage-realm, or Tenant management UPDATE or ADMIN of this realm. */
    public void requireTenantUpdate() {
        require(auth.realm().canManageRealm() || callerHoldsOwnRealmRole(ROLE_TENANT_MANAGEMENT_UPDATE)
                || callerHoldsOwnRealmRole(ROLE_TENANT_MANAGEMENT_ADMIN), "manage-realm or " + ROLE_TENANT_MANAGEMENT_UPDATE);
    }

    /**
     * Suspending, activating and removing tenants: manage-realm or Tenant management ADMIN of this
     * realm (seed: to keep a user from deleting tenants, grant only CREATE and UPDATE).
     */
    public void requireTenantAdmin() {
        require(auth.realm().canManageRealm() || callerHoldsOwnRealmRole(ROLE_TENANT_MANAGEMENT_ADMIN),
                "manage-realm or " + ROLE_TENANT_MANAGEMENT_ADMIN);
    }

    // --- user hierarchies (the caller's own realm roles count only in their own realm)

    /** Manages every user of the realm: Keycloak's manage-users, or User management ADMIN. */
    public boolean callerManagesAllUsers() {
        return auth.users().canManage() || callerHoldsOwnRealmRole(ROLE_USER_MANAGEMENT_ADMIN);
    }

    /** Reads every user of the realm: Keycloak's view-users, or User management READ or ADMIN. */
    public boolean callerReadsAllUsers() {
        return auth.users().canView() || callerHoldsOwnRealmRole(ROLE_USER_MANAGEMENT_READ) || callerManagesAllUsers();
    }

    /** Creates users: those managing everyone, and User management CREATE (their sub-users). */
    public boolean callerCreatesUsers() {
        return callerManagesAllUsers() || callerHoldsOwnRealmRole(ROLE_USER_MANAGEMENT_CREATE);
    }

    /** A user of the realm who may manage a user hierarchy: User management CREATE or ADMIN. */
    public static boolean managesOwnHierarchy(RealmModel realm, UserModel user) {
        return holds(realm, user, ROLE_USER_MANAGEMENT_CREATE) || holds(realm, user, ROLE_USER_MANAGEMENT_ADMIN);
    }

    /** The user Keycloak authenticated for this request, and its realm. */
    public UserModel caller() {
        return auth.adminAuth().getUser();
    }

    public RealmModel callerRealm() {
        return auth.adminAuth().getRealm();
    }

    /** Whether the caller may view the users of another realm (the management realm's views across tenants). */
    public boolean canViewUsersOf(RealmModel other) {
        return AdminPermissions.evaluator(session, other, auth.adminAuth()).users().canView();
    }

    /** The caller's name, prefixed with its realm when that is not {@code home}. */
    public String callerName(RealmModel home) {
        UserModel user = auth.adminAuth().getUser();
        RealmModel callerRealm = auth.adminAuth().getRealm();
        String name = user == null ? "unknown" : user.getUsername();
        return callerRealm == null || callerRealm.getId().equals(home.getId()) ? name : callerRealm.getName() + "/" + name;
    }

    private void require(boolean granted, String needed) {
        if (!granted) {
            throw new NotPermitted("This needs " + needed + " on realm " + realm.getName());
        }
    }

    /** A realm role counts only for the realm's own users (an administrator of another realm does not hold it here). */
    private boolean callerHoldsOwnRealmRole(String roleName) {
        if (auth.adminAuth() == null || !realm.getId().equals(auth.adminAuth().getRealm().getId())) {
            return false;
        }
        return holds(realm, auth.adminAuth().getUser(), roleName);
    }

    private static boolean holds(RealmModel realm, UserModel user, String realmRole) {
        return holds(user, realm.getRole(realmRole));
    }

    private static boolean holds(UserModel user, RoleModel role) {
        return user != null && role != null && user.hasRole(role);
    }

    private static RoleModel realmManagementRole(RealmModel realm, String name) {
        ClientModel realmManagement = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        return realmManagement == null ? null : realmManagement.getRole(name);
    }
}

package io.supportaccess.keycloak.roles;

import io.supportaccess.keycloak.SupportAccess;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.cache.CacheRealmProvider;
import org.keycloak.models.jpa.entities.RoleEntity;

/**
 * Gives a realm the permission roles of every {@link PermissionCategory} and the {@link GlobalRole}s.
 * Only missing roles are created; an existing role, changed or not, stays as it is (seed: new
 * permissions are not added to existing roles), but for two corrections of the catalogue's own roles,
 * as the catalogue made them, when a realm an older set-up version prepared is prepared again.
 */
public final class PermissionCatalogue {

    private PermissionCatalogue() {
    }

    /** Creates what is missing; returns the names of the roles it created. */
    public static Set<String> ensure(KeycloakSession session, RealmModel realm) {
        RoleBatch batch = new RoleBatch(session, realm);
        for (PermissionCategory category : PermissionCategory.values()) {
            for (PermissionCategory.Level level : category.levels()) {
                String name = category.roleName(level);
                if (!batch.exists(name)) {
                    RoleEntity role = batch.add(name, category.roleDescription(level));
                    category.keycloakRoles(level).forEach(keycloakRole -> batch.includeManagementRole(role, keycloakRole));
                }
            }
        }
        for (GlobalRole global : GlobalRole.catalogue()) {
            if (!batch.exists(global.name())) {
                RoleEntity role = batch.add(global.name(), global.description());
                global.permissionRoles().forEach(permission -> batch.includeRealmRole(role, permission));
                global.keycloakRoles().forEach(keycloakRole -> batch.includeManagementRole(role, keycloakRole));
            }
        }
        giveApprovalToExistingAdmins(realm, batch);
        boolean narrow = batch.existedBefore(GlobalRole.SHARED_USER_MANAGER) && preparedBefore5(realm);
        Set<String> created = batch.write();
        if (narrow) {
            narrowSharedUserManager(session, realm);
        }
        return created;
    }

    /** Whether the realm was last prepared by set-up version 4 or older (its marker is written after the catalogue). */
    private static boolean preparedBefore5(RealmModel realm) {
        String version = realm.getAttribute(SupportAccess.SETUP_VERSION_ATTRIBUTE);
        return version != null && version.matches("[0-4]");
    }

    /**
     * Up to set-up version 4 the catalogue's Shared User Manager also held User management READ, which shows every
     * user of the tenant, and Own user management ADMIN; the seed gives it CREATE only. The catalogue's role, as
     * the catalogue made it (its description, exactly those three roles), loses the two; a role an operator
     * changed stays as it is.
     */
    private static void narrowSharedUserManager(KeycloakSession session, RealmModel realm) {
        RoleModel role = realm.getRole(GlobalRole.SHARED_USER_MANAGER);
        GlobalRole current = GlobalRole.catalogue().stream().filter(g -> g.name().equals(GlobalRole.SHARED_USER_MANAGER)).findFirst()
                .orElseThrow();
        if (role == null || !current.description().equals(role.getDescription())) {
            return;
        }
        List<RoleModel> composites = role.getCompositesStream().toList();
        Set<String> names = composites.stream().filter(r -> !r.isClientRole()).map(RoleModel::getName).collect(Collectors.toSet());
        if (composites.size() != names.size() || !names.equals(GlobalRole.SHARED_USER_MANAGER_BEFORE_5)) {
            return;
        }
        composites.stream().filter(r -> !current.permissionRoles().contains(r.getName())).forEach(role::removeCompositeRole);
        CacheRealmProvider cache = session.getProvider(CacheRealmProvider.class);
        if (cache != null) {
            // the set-up may work on the stored realm, past the cache: the role's cached composites go on every node
            cache.registerRoleInvalidation(role.getId(), role.getName(), realm.getId());
        }
    }

    /**
     * Support approval came after the catalogue: a realm whose {@code admins} role predates it gets the
     * new roles into {@code admins} once, when they are created, so tenant administrators approve by default
     * (only the catalogue's own {@code admins}, recognised by its description).
     */
    private static void giveApprovalToExistingAdmins(RealmModel realm, RoleBatch batch) {
        String admins = GlobalRole.catalogue().get(0).name();
        if (!batch.existedBefore(admins)) {
            return;
        }
        RoleModel existing = realm.getRole(admins);
        if (existing == null || !GlobalRole.catalogue().get(0).description().equals(existing.getDescription())) {
            // an operator's own role called admins is theirs: left as it is
            return;
        }
        for (String name : PermissionCategory.SUPPORT_APPROVAL.allRoleNames()) {
            if (batch.isNew(name)) {
                batch.includeInExistingRole(admins, name);
            }
        }
    }
}

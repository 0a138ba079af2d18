package io.supportaccess.keycloak.username.rest;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.permission.SupportAccessAuth;
import io.supportaccess.keycloak.rest.ApiException;
import io.supportaccess.keycloak.rest.OffsetPage;
import io.supportaccess.keycloak.username.ReservedUsernameUsers;
import io.supportaccess.keycloak.username.ReservedUsernames;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code GET /admin/realms/{tenant}/support-access/suspicious-usernames?max=}: the tenant's users
 * whose names read like a support login (they predate the username rule). Needs view-users of
 * the realm (checked by the locator). Such users are never the target of a support login; rename them (admin console or
 * REST: renaming to a valid name is allowed) or remove them. On the management realm: the same
 * for every tenant whose users the caller may view (view-users of the management realm first).
 */
public class ReservedUsernamesAdminResource {

    private static final int DEFAULT_MAX = 100;
    private static final int MAX = 1000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SupportAccessAuth permissions;

    public ReservedUsernamesAdminResource(KeycloakSession session, RealmModel realm, SupportAccessAuth permissions) {
        this.session = session;
        this.realm = realm;
        this.permissions = permissions;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> list(@QueryParam("max") String maxParam) {
        int max = OffsetPage.of(null, maxParam == null || maxParam.isBlank() ? null : maxParam, DEFAULT_MAX, MAX).max();
        if (SupportAccessConfig.of(session).managementRealm().equals(realm.getName())) {
            return acrossTenants(max);
        }
        if (!SupportAccessConfig.of(session).isTenantRealm(realm.getName())) {
            throw ApiException.notFound("The username rule applies to tenant realms only");
        }
        return ofRealm(realm, max);
    }

    /** On the management realm: every tenant whose users the caller may view, with its suspicious users (tenants without any left out). */
    private Map<String, Object> acrossTenants(int max) {
        List<Map<String, Object>> tenants = new ArrayList<>();
        session.realms().getRealmsStream()
                .filter(tenant -> SupportAccessConfig.of(session).isTenantRealm(tenant.getName()))
                .filter(permissions::canViewUsersOf)
                .sorted(Comparator.comparing(RealmModel::getName))
                .map(tenant -> ofRealm(tenant, max))
                .filter(body -> !((List<?>) body.get("users")).isEmpty())
                .forEach(tenants::add);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenants", tenants);
        return body;
    }

    private Map<String, Object> ofRealm(RealmModel realm, int max) {
        ReservedUsernameUsers.Result result = new ReservedUsernameUsers(
                session.getProvider(JpaConnectionProvider.class).getEntityManager()).find(realm.getId(), max);
        List<Map<String, Object>> users = new ArrayList<>();
        for (ReservedUsernameUsers.Found found : result.users()) {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("id", found.id());
            user.put("username", found.username());
            user.put("reason", found.reason());
            user.put("createdTimestamp", found.createdTimestamp());
            user.put("enabled", found.enabled());
            user.put("serviceAccount", found.serviceAccount());
            users.add(user);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("realm", realm.getName());
        body.put("users", users);
        body.put("truncated", result.truncated());
        body.put("scanned", result.scanned());
        return body;
    }
}

package io.supportaccess.keycloak.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.supportaccess.keycloak.audit.AuditEntry;
import io.supportaccess.keycloak.audit.AuditLog;
import io.supportaccess.keycloak.audit.AuditType;
import io.supportaccess.keycloak.rest.ApiError;
import io.supportaccess.keycloak.username.UsernameStorageGuard;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Test-only: {@code PUT /admin/realms/master/support-access/testing/clock {"offsetSeconds": N}}
 * moves Keycloak's clock (as Keycloak's own test suite does);
 * {@code POST .../testing/audit-records} fills an audit table for the benchmark;
 * {@code POST .../testing/legacy-users} creates a user past the username rule. Exists only when the server option
 * {@code --spi-events-listener--support-access--testing-clock=true} is set; master realm
 * administrators only. Never enable it in production.
 */
public class TestingResource {

    private static final int MAX_FILL = 1_000_000;
    private static final String[] TYPES = {"User login", "Support", "User", "Inventory role", "Global role", "Tenant", "Option"};

    private final KeycloakSession session;
    private final AdminPermissionEvaluator auth;

    TestingResource(KeycloakSession session, AdminPermissionEvaluator auth) {
        this.session = session;
        this.auth = auth;
    }

    /**
     * Fills the audit table of a realm with synthetic records for the audit benchmark:
     * {@code {"realm": "r", "count": N, "users": U, "days": D}} spreads N records over U users
     * ({@code user<i>}, every tenth one in a support session {@code support<i>$user<i>}), the
     * audit types, and the last D days; committed in batches.
     */
    @POST
    @Path("audit-records")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response fillAudit(String body) {
        auth.realm().requireManageRealm();
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(body);
        } catch (java.io.IOException e) {
            return ApiError.badRequest("The request body is not valid JSON");
        }
        if (json == null || !json.path("realm").isTextual() || !json.path("count").isInt()) {
            return ApiError.badRequest("Expected {\"realm\": \"name\", \"count\": N, \"users\": U, \"days\": D}");
        }
        RealmModel realm = session.realms().getRealmByName(json.get("realm").textValue());
        if (realm == null) {
            return ApiError.of(Response.Status.NOT_FOUND, "No such realm");
        }
        int count = json.get("count").intValue();
        if (count < 1 || count > MAX_FILL) {
            return ApiError.badRequest("'count' must be from 1 to " + MAX_FILL + " per call");
        }
        int users = Math.max(1, json.path("users").asInt(1000));
        long span = Math.max(1, json.path("days").asInt(60)) * 86_400_000L;
        long now = Time.currentTimeMillis() - Math.max(0, json.path("olderThanDays").asInt(0)) * 86_400_000L;
        Random random = new Random(count);
        int batch = 10_000;
        for (int done = 0; done < count; done += batch) {
            int size = Math.min(batch, count - done);
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                EntityManager em = s.getProvider(JpaConnectionProvider.class).getEntityManager();
                AuditLog log = new AuditLog(s);
                for (int i = 0; i < size; i++) {
                    int user = random.nextInt(users);
                    boolean support = user % 10 == 0;
                    String type = TYPES[random.nextInt(TYPES.length)];
                    AuditEntry entry = new AuditEntry(AuditType.parse(type).orElseThrow(), "Synthetic " + type,
                            "synthetic record for the benchmark", support ? "support" + user + "$user" + user : "user" + user,
                            support ? "support" + user : null, "user" + user, "bench-client", List.of());
                    log.record(realm.getId(), realm.getName(), entry, now - (long) (random.nextDouble() * span));
                    if (i % 1000 == 999) {
                        em.flush();
                        em.clear();
                    }
                }
            });
        }
        return Response.ok(Map.of("inserted", count)).build();
    }

    /**
     * Creates a user the way one could exist before the username rule (or from a store outside
     * Keycloak's control): {@code {"realm": "acme", "username": "jill$amy", "password": "..."}}.
     */
    @POST
    @Path("legacy-users")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response createLegacyUser(String body) {
        auth.realm().requireManageRealm();
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(body);
        } catch (java.io.IOException e) {
            return ApiError.badRequest("The request body is not valid JSON");
        }
        if (json == null || !json.path("realm").isTextual() || !json.path("username").isTextual() || !json.path("password").isTextual()) {
            return ApiError.badRequest("Expected {\"realm\": \"name\", \"username\": \"...\", \"password\": \"...\"}");
        }
        RealmModel realm = session.realms().getRealmByName(json.get("realm").textValue());
        if (realm == null) {
            return ApiError.of(Response.Status.NOT_FOUND, "No such realm");
        }
        session.setAttribute(UsernameStorageGuard.BYPASS_ATTRIBUTE, Boolean.TRUE);
        UserModel user = session.users().addUser(realm, json.get("username").textValue());
        user.setEnabled(true);
        user.setFirstName("Legacy");
        user.setLastName("User");
        user.setEmail(user.getId() + "@legacy.example");
        user.setEmailVerified(true);
        user.credentialManager().updateCredential(UserCredentialModel.password(json.get("password").textValue(), false));
        return Response.ok(Map.of("id", user.getId())).build();
    }

    @PUT
    @Path("clock")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response setOffset(String body) {
        auth.realm().requireManageRealm();
        try {
            JsonNode json = new ObjectMapper().readTree(body);
            if (json == null || !json.path("offsetSeconds").isInt()) {
                return ApiError.badRequest("Expected {\"offsetSeconds\": <int>}");
            }
            Time.setOffset(json.get("offsetSeconds").intValue());
            return Response.ok(Map.of("offsetSeconds", Time.getOffset())).build();
        } catch (java.io.IOException e) {
            return ApiError.badRequest("The request body is not valid JSON");
        }
    }
}

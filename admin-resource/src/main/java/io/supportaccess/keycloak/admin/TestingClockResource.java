package io.supportaccess.keycloak.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.supportaccess.keycloak.rest.ApiError;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Test-only: {@code PUT /admin/realms/master/support-access/testing/clock {"offsetSeconds": N}}
 * moves Keycloak's clock (as Keycloak's own test suite does). Exists only when the server option
 * {@code --spi-events-listener--support-access--testing-clock=true} is set; master realm
 * administrators only. Never enable it in production.
 */
public class TestingClockResource {

    private static final String[] TYPES = {"User login", "Support", "User", "Inventory role", "Global role", "Tenant", "Option"};

    private final org.keycloak.models.KeycloakSession session;
    private final AdminPermissionEvaluator auth;

    TestingClockResource(org.keycloak.models.KeycloakSession session, AdminPermissionEvaluator auth) {
        this.session = session;
        this.auth = auth;
    }

    /**
     * Fills the audit table of a realm with synthetic records for the audit benchmark:
     * {@code {"realm": "r", "count": N, "users": U, "days": D}} spreads N records over U users
     * ({@code user<i>}, every tenth one in a support session {@code support<i>$user<i>}), the
     * audit types, and the last D days; committed in batches.
     */
    @jakarta.ws.rs.POST
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
        org.keycloak.models.RealmModel realm = session.realms().getRealmByName(json.get("realm").textValue());
        if (realm == null) {
            return ApiError.of(Response.Status.NOT_FOUND, "No such realm");
        }
        int count = json.get("count").intValue();
        int users = Math.max(1, json.path("users").asInt(1000));
        long span = Math.max(1, json.path("days").asInt(60)) * 86_400_000L;
        long now = Time.currentTimeMillis() - Math.max(0, json.path("olderThanDays").asInt(0)) * 86_400_000L;
        java.util.Random random = new java.util.Random(count);
        int batch = 10_000;
        for (int done = 0; done < count; done += batch) {
            int size = Math.min(batch, count - done);
            org.keycloak.models.utils.KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                jakarta.persistence.EntityManager em = s.getProvider(org.keycloak.connections.jpa.JpaConnectionProvider.class).getEntityManager();
                io.supportaccess.keycloak.audit.AuditLog log = new io.supportaccess.keycloak.audit.AuditLog(s);
                for (int i = 0; i < size; i++) {
                    int user = random.nextInt(users);
                    boolean support = user % 10 == 0;
                    String type = TYPES[random.nextInt(TYPES.length)];
                    io.supportaccess.keycloak.audit.AuditEntry entry = new io.supportaccess.keycloak.audit.AuditEntry(
                            io.supportaccess.keycloak.audit.AuditType.parse(type).orElseThrow(), "Synthetic " + type,
                            "synthetic record for the benchmark", support ? "support" + user + "$user" + user : "user" + user,
                            support ? "support" + user : null, "user" + user, "bench-client", java.util.List.of());
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

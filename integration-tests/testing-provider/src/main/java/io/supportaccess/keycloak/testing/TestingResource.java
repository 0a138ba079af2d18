package io.supportaccess.keycloak.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.supportaccess.keycloak.audit.AuditEntry;
import io.supportaccess.keycloak.audit.AuditLog;
import io.supportaccess.keycloak.audit.AuditRetentionTask;
import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.audit.AuditType;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.cache.UserCache;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code PUT .../clock {"offsetSeconds": N}} moves Keycloak's clock (as Keycloak's own test suite
 * does); {@code POST .../audit-records} fills an audit table for the benchmark;
 * {@code POST .../audit-retention} runs the audit retention now;
 * {@code POST .../legacy-users} creates a user past the username rule.
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
     * {@code {"realm": "r", "count": N, "users": U, "days": D, "olderThanDays": O}} spreads N records
     * over U users ({@code user<i>}, every tenth one in a support session {@code support<i>$user<i>}),
     * the audit types, and the D days before O days ago; committed in batches.
     */
    @POST
    @Path("audit-records")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response fillAudit(String body) {
        auth.realm().requireManageRealm();
        JsonNode json = parse(body);
        if (json == null || !json.path("realm").isTextual() || !json.path("count").isInt()) {
            return error(Response.Status.BAD_REQUEST, "Expected {\"realm\": \"name\", \"count\": N, \"users\": U, \"days\": D}");
        }
        RealmModel realm = session.realms().getRealmByName(json.get("realm").textValue());
        if (realm == null) {
            return error(Response.Status.NOT_FOUND, "No such realm");
        }
        int count = json.get("count").intValue();
        if (count < 1 || count > MAX_FILL) {
            return error(Response.Status.BAD_REQUEST, "'count' must be from 1 to " + MAX_FILL + " per call");
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

    /** The retention run the benchmark started: removed records, and its duration once done (-1 while running). */
    private static final java.util.concurrent.atomic.AtomicReference<long[]> RETENTION_RUN = new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * Starts the audit retention now, as its scheduled task does (the configured maximum age and pacing,
     * batches of 10,000 each committed on its own), on a thread of its own: 202; a run still going: 409.
     * Its progress: GET. A run of minutes would outlast this request's own transaction.
     */
    @POST
    @Path("audit-retention")
    @Produces(MediaType.APPLICATION_JSON)
    public Response startAuditRetention() {
        auth.realm().requireManageRealm();
        SupportAccessConfig config = SupportAccessConfig.of(session);
        long cutoff = Time.currentTimeMillis() - config.auditMaxAgeDays() * 86_400_000L;
        long[] run = {0, -1};
        long[] previous = RETENTION_RUN.get();
        if ((previous != null && previous[1] < 0) || !RETENTION_RUN.compareAndSet(previous, run)) {
            return Response.status(Response.Status.CONFLICT).entity(Map.of("error", "a retention run is still going")).build();
        }
        var factory = session.getKeycloakSessionFactory();
        var pacing = new io.supportaccess.keycloak.audit.RetentionPacing(config.auditRetentionLoadPercent());
        Thread thread = new Thread(() -> {
            long started = System.nanoTime();
            try {
                run[0] = AuditRetentionTask.removeOlderThan(factory, cutoff, AuditRetentionTask.BATCH, pacing);
            } finally {
                run[1] = (System.nanoTime() - started) / 1_000_000;
            }
        }, "support-access-testing-retention");
        thread.setDaemon(true);
        thread.start();
        return Response.accepted(Map.of("started", true)).build();
    }

    @jakarta.ws.rs.GET
    @Path("audit-retention")
    @Produces(MediaType.APPLICATION_JSON)
    public Response auditRetentionRun() {
        auth.realm().requireManageRealm();
        long[] run = RETENTION_RUN.get();
        if (run == null) {
            return Response.status(Response.Status.NOT_FOUND).entity(Map.of("error", "no retention run started")).build();
        }
        return Response.ok(Map.of("removed", run[0], "running", run[1] < 0, "millis", run[1])).build();
    }

    /**
     * Creates a user the way one could exist before the username rule (or from a store outside
     * Keycloak's control): {@code {"realm": "acme", "username": "jill$amy", "password": "..."}}. The
     * user is created under a neutral name and renamed in the table directly, past the entity
     * listeners that enforce the rule.
     */
    @POST
    @Path("legacy-users")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response createLegacyUser(String body) {
        auth.realm().requireManageRealm();
        JsonNode json = parse(body);
        if (json == null || !json.path("realm").isTextual() || !json.path("username").isTextual() || !json.path("password").isTextual()) {
            return error(Response.Status.BAD_REQUEST, "Expected {\"realm\": \"name\", \"username\": \"...\", \"password\": \"...\"}");
        }
        RealmModel realm = session.realms().getRealmByName(json.get("realm").textValue());
        if (realm == null) {
            return error(Response.Status.NOT_FOUND, "No such realm");
        }
        UserModel user = session.users().addUser(realm, "legacy-" + KeycloakModelUtils.generateId());
        user.setEnabled(true);
        user.setFirstName("Legacy");
        user.setLastName("User");
        user.setEmail(user.getId() + "@legacy.example");
        user.setEmailVerified(true);
        user.credentialManager().updateCredential(UserCredentialModel.password(json.get("password").textValue(), false));
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        em.flush();
        em.createNativeQuery("update USER_ENTITY set USERNAME = ?1 where ID = ?2")
                .setParameter(1, json.get("username").textValue().toLowerCase())
                .setParameter(2, user.getId())
                .executeUpdate();
        em.clear();
        UserCache cache = session.getProvider(UserCache.class);
        if (cache != null) {
            cache.evict(realm, user);
        }
        return Response.ok(Map.of("id", user.getId())).build();
    }

    @PUT
    @Path("clock")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response setOffset(String body) {
        auth.realm().requireManageRealm();
        JsonNode json = parse(body);
        if (json == null || !json.path("offsetSeconds").isInt()) {
            return error(Response.Status.BAD_REQUEST, "Expected {\"offsetSeconds\": <int>}");
        }
        Time.setOffset(json.get("offsetSeconds").intValue());
        return Response.ok(Map.of("offsetSeconds", Time.getOffset())).build();
    }

    private static JsonNode parse(String body) {
        try {
            return body == null ? null : new ObjectMapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}

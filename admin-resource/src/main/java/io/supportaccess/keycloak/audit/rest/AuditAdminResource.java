package io.supportaccess.keycloak.audit.rest;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.audit.AuditLog;
import io.supportaccess.keycloak.audit.AuditQuery;
import io.supportaccess.keycloak.audit.AuditRecordEntity;
import io.supportaccess.keycloak.audit.AuditSetup;
import io.supportaccess.keycloak.audit.AuditType;
import io.supportaccess.keycloak.rest.ApiError;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code GET /admin/realms/{realm}/support-access/audit}: the realm's audit log, newest first.
 * Filters (exact): {@code type}, {@code user} (the "who", e.g. {@code jill$john}),
 * {@code supportUser}, {@code activity}, {@code source}; {@code from}/{@code to} (epoch
 * milliseconds or ISO-8601 instants); {@code pageSize} (default 100, at most 1000);
 * {@code after} = the {@code next} of the previous page ("Load more"). On the management realm it
 * also lists the support accesses of every tenant ({@code tenant} narrows it to one).
 * Readable with Keycloak's view-events or the realm role {@code ROLE_AUDIT_READ}.
 */
public class AuditAdminResource {

    /** Server time, always with milliseconds ({@code Instant.toString()} drops ".000"), so that times sort as text. */
    static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(java.time.ZoneOffset.UTC);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public AuditAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("type") String type, @QueryParam("user") String who,
                         @QueryParam("supportUser") String supportUser, @QueryParam("activity") String activity,
                         @QueryParam("source") String source, @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("pageSize") String pageSize, @QueryParam("after") String after,
                         @QueryParam("tenant") String tenant) {
        requireAuditRead();
        AuditQuery query;
        try {
            AuditType auditType = null;
            if (type != null) {
                auditType = AuditType.parse(type).orElseThrow(() -> new IllegalArgumentException("'type' must be one of "
                        + Arrays.stream(AuditType.values()).map(AuditType::displayName).toList()));
            }
            query = new AuditQuery(auditType, blankToNull(who), blankToNull(supportUser), blankToNull(activity),
                    blankToNull(source), time("from", from), time("to", to),
                    AuditQuery.Cursor.parse(after).orElse(null), pageSize(pageSize));
        } catch (IllegalArgumentException e) {
            return ApiError.badRequest(e.getMessage());
        }
        AuditLog log = new AuditLog(session);
        List<AuditRecordEntity> records;
        if (SupportAccessConfig.of(session).managementRealm().equals(realm.getName())) {
            String tenantId = null;
            if (tenant != null) {
                RealmModel tenantRealm = session.realms().getRealmByName(tenant);
                if (tenantRealm == null || !SupportAccessConfig.of(session).isTenantRealm(tenantRealm.getName())) {
                    return ApiError.of(Response.Status.NOT_FOUND, "No tenant '" + ApiError.shorten(tenant) + "'");
                }
                tenantId = tenantRealm.getId();
            }
            records = log.queryAcrossTenants(realm.getId(), tenantId, query);
        } else {
            if (tenant != null) {
                return ApiError.badRequest("'tenant' is a filter of the management realm's log only");
            }
            records = log.query(realm.getId(), query);
        }
        boolean more = records.size() > query.pageSize();
        List<AuditRecordEntity> page = more ? records.subList(0, query.pageSize()) : records;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("records", page.stream().map(AuditAdminResource::json).toList());
        AuditRecordEntity last = page.isEmpty() ? null : page.get(page.size() - 1);
        body.put("next", more ? new AuditQuery.Cursor(last.getTime(), last.getId()).toString() : null);
        return Response.ok(body).build();
    }

    private void requireAuditRead() {
        if (auth.realm().canViewEvents()) {
            return;
        }
        UserModel caller = auth.adminAuth().getUser();
        RoleModel role = realm.getRole(AuditSetup.ROLE_AUDIT_READ);
        if (caller != null && role != null && auth.adminAuth().getRealm().getId().equals(realm.getId()) && caller.hasRole(role)) {
            return;
        }
        throw new ForbiddenException("Reading the audit log needs view-events or " + AuditSetup.ROLE_AUDIT_READ);
    }

    public static Map<String, Object> json(AuditRecordEntity record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", record.getId());
        json.put("time", TIME.format(Instant.ofEpochMilli(record.getTime())));
        json.put("realm", record.getRealmName());
        json.put("type", record.getType());
        json.put("activity", record.getActivity());
        json.put("text", record.getText());
        json.put("who", record.getWho());
        json.put("supportUser", record.getSupportUser());
        // a support record is one that names its support user; never judged by the shape of "who"
        json.put("support", record.getSupportUser() != null);
        json.put("source", record.getSource());
        json.put("application", record.getApplication());
        json.put("changes", record.getChanges() == null ? List.of() : Arrays.asList(record.getChanges().split(",")));
        return json;
    }

    private static int pageSize(String value) {
        if (value == null) {
            return AuditQuery.DEFAULT_PAGE_SIZE;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pageSize must be from 1 to " + AuditQuery.MAX_PAGE_SIZE);
        }
    }

    static Long time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        try {
            return trimmed.chars().allMatch(Character::isDigit) && trimmed.length() <= 18
                    ? Long.parseLong(trimmed) : Instant.parse(trimmed).toEpochMilli();
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + name + "' must be epoch milliseconds or an ISO-8601 instant such as 2026-11-23T10:15:30Z");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}

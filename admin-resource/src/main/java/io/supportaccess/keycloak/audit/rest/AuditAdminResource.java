package io.supportaccess.keycloak.audit.rest;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.audit.AuditLog;
import io.supportaccess.keycloak.audit.AuditQuery;
import io.supportaccess.keycloak.audit.AuditRecord;
import io.supportaccess.keycloak.audit.AuditRecordEntity;
import io.supportaccess.keycloak.audit.AuditType;
import io.supportaccess.keycloak.rest.CursorPage;
import io.supportaccess.keycloak.rest.TenantRealms;
import io.supportaccess.keycloak.SupportAccess;
import io.supportaccess.keycloak.audit.AuditEntry;
import io.supportaccess.keycloak.audit.export.AuditExport;
import io.supportaccess.keycloak.audit.export.ExportFormat;
import io.supportaccess.keycloak.auth.BearerSessions;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code GET /admin/realms/{realm}/support-access/audit}: the realm's audit log, newest first.
 * Filters (exact): {@code type}, {@code user} (the "who", e.g. {@code jill$john}),
 * {@code supportUser}, {@code activity}, {@code source}; {@code from}/{@code to} (epoch
 * milliseconds or ISO-8601 instants); a {@link CursorPage} ({@code pageSize} default 100, at most
 * 1000). On the management realm it also lists the support accesses of every tenant
 * ({@code tenant} narrows it to one). The locator checks
 * {@code SupportAccessAuth.requireAuditRead()}, for the list and the export alike.
 */
public class AuditAdminResource {

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
    public Map<String, Object> list(@QueryParam("type") String type, @QueryParam("user") String who,
                                    @QueryParam("supportUser") String supportUser, @QueryParam("activity") String activity,
                                    @QueryParam("source") String source, @QueryParam("from") String from, @QueryParam("to") String to,
                                    @QueryParam("pageSize") String pageSize, @QueryParam("after") String after,
                                    @QueryParam("tenant") String tenant) {
        AuditQuery query = new AuditQuery(type(type), blankToNull(who), blankToNull(supportUser), blankToNull(activity),
                blankToNull(source), time("from", from), time("to", to), AuditQuery.Cursor.parse(after).orElse(null),
                CursorPage.pageSize(pageSize, AuditQuery.DEFAULT_PAGE_SIZE, AuditQuery.MAX_PAGE_SIZE));
        return page(reader(tenant).read(new AuditLog(session), query), query);
    }

    /**
     * {@code GET .../audit/export?format=ndjson|csv} with the filters of the list (no paging): every
     * selected record, newest first, streamed ({@link AuditExport}); recorded as "Audit exported".
     */
    @GET
    @Path("export")
    public Response export(@QueryParam("format") String format, @QueryParam("type") String type, @QueryParam("user") String who,
                           @QueryParam("supportUser") String supportUser, @QueryParam("activity") String activity,
                           @QueryParam("source") String source, @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("tenant") String tenant) {
        ExportFormat exportFormat = ExportFormat.parse(format);
        AuditQuery query = new AuditQuery(type(type), blankToNull(who), blankToNull(supportUser), blankToNull(activity),
                blankToNull(source), time("from", from), time("to", to), null, AuditQuery.MAX_PAGE_SIZE);
        AuditExport.Reader reader = reader(tenant);
        AuditRecordEntity exported = recordExport(exportFormat, query, tenant);
        // the download holds the records before the export's own record (whose transaction may commit while it streams)
        AuditQuery before = new AuditQuery(query.type(), query.who(), query.supportUser(), query.activity(), query.source(),
                query.from(), query.to(), new AuditQuery.Cursor(exported.getTime(), exported.getId()), AuditQuery.MAX_PAGE_SIZE);
        String file = "audit-" + realm.getName().replaceAll("[^A-Za-z0-9._-]", "_") + "." + exportFormat.extension();
        return Response.ok(new AuditExport(session.getKeycloakSessionFactory(), before, reader, exportFormat), exportFormat.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    /** What this realm's log shows: its own records, or on the management realm also the tenants' support accesses. */
    private AuditExport.Reader reader(String tenant) {
        String realmId = realm.getId();
        if (SupportAccessConfig.of(session).managementRealm().equals(realm.getName())) {
            String tenantId = tenant == null ? null : TenantRealms.require(session, tenant).getId();
            return (log, query) -> log.queryAcrossTenants(realmId, tenantId, query);
        }
        if (tenant != null) {
            throw new InvalidInput("'tenant' is a filter of the management realm's log only");
        }
        return (log, query) -> log.query(realmId, query);
    }

    private AuditRecordEntity recordExport(ExportFormat format, AuditQuery query, String tenant) {
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("type", query.type() == null ? null : query.type().displayName());
        filters.put("user", query.who());
        filters.put("supportUser", query.supportUser());
        filters.put("activity", query.activity());
        filters.put("source", query.source());
        filters.put("from", query.from() == null ? null : Instant.ofEpochMilli(query.from()).toString());
        filters.put("to", query.to() == null ? null : Instant.ofEpochMilli(query.to()).toString());
        filters.put("tenant", tenant);
        String described = filters.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        AdminAuth admin = auth.adminAuth();
        UserSessionModel userSession = BearerSessions.of(session, admin.getRealm());
        String supportWho = userSession == null ? null : userSession.getNote(SupportAccess.SESSION_WHO);
        String actor = supportWho != null ? supportWho
                : admin.getRealm().getId().equals(realm.getId()) ? admin.getUser().getUsername()
                : admin.getRealm().getName() + "/" + admin.getUser().getUsername();
        ClientModel client = admin.getClient();
        return new AuditLog(session).record(realm.getId(), realm.getName(), new AuditEntry(AuditType.AUDIT, "Audit exported",
                "Audit exported as " + format.extension() + (described.isEmpty() ? " (all records)" : "; filters: " + described),
                actor, supportWho == null ? null : userSession.getNote(SupportAccess.SESSION_SUPPORT_USERNAME), "audit",
                client == null ? null : client.getClientId(), List.of(),
                supportWho == null ? null : userSession.getNote(SupportAccess.SESSION_SUPPORT_REASON)),
                Time.currentTimeMillis(), userSession == null ? null : userSession.getId());
    }

    /** The answer for records read with one more than the page size. */
    public static Map<String, Object> page(List<AuditRecord> records, AuditQuery query) {
        return CursorPage.of(records, query.pageSize(), AuditRecordRepresentation::of,
                last -> new AuditQuery.Cursor(last.time(), last.id()).toString());
    }

    private static AuditType type(String type) {
        if (type == null) {
            return null;
        }
        return AuditType.parse(type).orElseThrow(() -> new InvalidInput("'type' must be one of "
                + Arrays.stream(AuditType.values()).map(AuditType::displayName).toList()));
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
            throw new InvalidInput("'" + name + "' must be epoch milliseconds or an ISO-8601 instant such as 2026-11-23T10:15:30Z");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}

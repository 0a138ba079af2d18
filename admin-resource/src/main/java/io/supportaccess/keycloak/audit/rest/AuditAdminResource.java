package io.supportaccess.keycloak.audit.rest;

import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.audit.AuditLog;
import io.supportaccess.keycloak.audit.AuditQuery;
import io.supportaccess.keycloak.audit.AuditRecord;
import io.supportaccess.keycloak.audit.AuditType;
import io.supportaccess.keycloak.rest.CursorPage;
import io.supportaccess.keycloak.rest.TenantRealms;
import jakarta.ws.rs.GET;
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
 * {@code SupportAccessAuth.requireAuditRead()}.
 */
public class AuditAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;

    public AuditAdminResource(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
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
        AuditLog log = new AuditLog(session);
        List<AuditRecord> records;
        if (SupportAccessConfig.of(session).managementRealm().equals(realm.getName())) {
            records = log.queryAcrossTenants(realm.getId(), tenant == null ? null : TenantRealms.require(session, tenant).getId(), query);
        } else if (tenant != null) {
            throw new InvalidInput("'tenant' is a filter of the management realm's log only");
        } else {
            records = log.query(realm.getId(), query);
        }
        return page(records, query);
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

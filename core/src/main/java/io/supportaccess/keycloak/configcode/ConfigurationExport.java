package io.supportaccess.keycloak.configcode;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.supportaccess.keycloak.audit.AuditLog;
import io.supportaccess.keycloak.audit.AuditQuery;
import io.supportaccess.keycloak.audit.AuditRecord;
import io.supportaccess.keycloak.config.SupportAccessConfig;
import io.supportaccess.keycloak.requests.SupportRequestEvent;
import io.supportaccess.keycloak.requests.SupportRequests;
import io.supportaccess.keycloak.settings.PlatformSettings;
import io.supportaccess.keycloak.settings.PlatformSettingsJson;
import java.time.Instant;
import java.util.List;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** A realm's extension data as one document of schema {@value ConfigurationDocument#SCHEMA}. */
public final class ConfigurationExport {

    /** Newest records of each history list in one document; older ones are left out and the list says so. */
    public static final int MAX_HISTORY = 10_000;

    private final KeycloakSession session;

    public ConfigurationExport(KeycloakSession session) {
        this.session = session;
    }

    /** The configuration; with {@code history}, the support request history and the audit log too (never imported). */
    public ObjectNode export(RealmModel realm, boolean history) {
        RealmConfiguration current = CurrentConfiguration.read(session, realm).configuration;
        boolean management = SupportAccessConfig.of(session).managementRealm().equals(realm.getName());
        RealmConfiguration withSettings = new RealmConfiguration(current.realm(), current.objects(), current.roles(), current.assignments(),
                current.hierarchy(), management ? PlatformSettingsJson.of(PlatformSettings.read(realm)) : null);
        ObjectNode document = ConfigurationDocument.write(withSettings);
        document.put("exportedAt", Instant.ofEpochMilli(Time.currentTimeMillis()).toString());
        if (history) {
            ObjectNode section = document.putObject(ConfigurationDocument.HISTORY);
            writeRequests(section.putArray("supportRequests"), realm, section);
            writeAudit(section.putArray("audit"), realm, section);
        }
        return document;
    }

    private void writeRequests(ArrayNode into, RealmModel realm, ObjectNode section) {
        List<SupportRequestEvent> events = new SupportRequests(session).events(realm.getId(), 0, MAX_HISTORY + 1);
        events.stream().limit(MAX_HISTORY).forEach(e -> {
            ObjectNode row = into.addObject().put("type", e.type().name()).put("who", e.who()).put("time", Instant.ofEpochMilli(e.time()).toString())
                    .put("request", e.requestId());
            if (e.tenantExpiresAt() != null) {
                row.put("tenantExpiresAt", Instant.ofEpochMilli(e.tenantExpiresAt()).toString());
            }
        });
        section.put("supportRequestsTruncated", events.size() > MAX_HISTORY);
    }

    private void writeAudit(ArrayNode into, RealmModel realm, ObjectNode section) {
        AuditLog log = new AuditLog(session);
        AuditQuery.Cursor after = null;
        int written = 0;
        while (written < MAX_HISTORY) {
            List<AuditRecord> page = log.query(realm.getId(), new AuditQuery(null, null, null, null, null, null, null, after, AuditQuery.MAX_PAGE_SIZE));
            for (AuditRecord r : page) {
                if (written++ >= MAX_HISTORY) {
                    break;
                }
                ObjectNode row = into.addObject().put("time", Instant.ofEpochMilli(r.time()).toString()).put("type", r.type())
                        .put("activity", r.activity()).put("text", r.text()).put("who", r.who());
                putIfSet(row, "supportUser", r.supportUser());
                putIfSet(row, "source", r.source());
                putIfSet(row, "application", r.application());
                putIfSet(row, "supportReason", r.supportReason());
                if (!r.changes().isEmpty()) {
                    r.changes().forEach(row.putArray("changes")::add);
                }
            }
            if (page.size() < AuditQuery.MAX_PAGE_SIZE) {
                section.put("auditTruncated", false);
                return;
            }
            AuditRecord last = page.get(page.size() - 1);
            after = new AuditQuery.Cursor(last.time(), last.id());
        }
        section.put("auditTruncated", true);
    }

    private static void putIfSet(ObjectNode row, String field, String value) {
        if (value != null) {
            row.put(field, value);
        }
    }
}

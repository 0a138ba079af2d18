package io.supportaccess.keycloak.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransactionManager;

/**
 * An audit record as one JSON line on the log category {@value #CATEGORY} (server option
 * {@code audit-log}), for log shippers that collect it without a database connection. The line is
 * logged when the record's transaction commits, so a rolled-back action leaves no line.
 * Field names are stable (README "Audit log for a SIEM"); absent values are {@code null}.
 */
public final class AuditJsonLine {

    public static final String CATEGORY = "io.supportaccess.audit";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    /** Writes null values too (Keycloak's own mapper leaves them out): every line has every field. */
    private static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private AuditJsonLine() {
    }

    /** Logs the record's line after the session's transaction commits (at once if none is active). */
    static void afterCommit(KeycloakSession session, AuditRecordEntity record) {
        String line = of(record);
        KeycloakTransactionManager transactions = session.getTransactionManager();
        if (!transactions.isActive()) {
            LOG.info(line);
            return;
        }
        transactions.enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                LOG.info(line);
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    public static String of(AuditRecordEntity record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("auditId", record.getId());
        json.put("time", TIME.format(Instant.ofEpochMilli(record.getTime())));
        json.put("timeMillis", record.getTime());
        json.put("realm", record.getRealmName());
        json.put("realmId", record.getRealmId());
        json.put("type", record.getType());
        json.put("activity", record.getActivity());
        json.put("text", record.getText());
        json.put("who", record.getWho());
        json.put("supportUser", record.getSupportUser());
        json.put("support", record.getSupportUser() != null);
        json.put("supportReason", record.getSupportReason());
        json.put("source", record.getSource());
        json.put("application", record.getApplication());
        json.put("changes", record.getChanges() == null ? List.of() : Arrays.asList(record.getChanges().split(",")));
        json.put("sessionId", record.getSessionId());
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

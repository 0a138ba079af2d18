package io.supportaccess.keycloak.audit.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.audit.AuditRecord;
import io.supportaccess.keycloak.audit.rest.AuditRecordRepresentation;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/** How the export writes records: NDJSON (the query API's record, one per line) or CSV (the audit log's columns). */
public enum ExportFormat {

    NDJSON("application/x-ndjson", "ndjson") {
        @Override
        void header(Writer writer) {
        }

        @Override
        void write(Writer writer, AuditRecord record) throws IOException {
            writer.write(Json.MAPPER.writeValueAsString(AuditRecordRepresentation.of(record)));
            writer.write('\n');
        }
    },

    CSV("text/csv; charset=utf-8", "csv") {
        /** The seed's columns (server time, event, who, description) first, then the rest of the record. */
        private static final List<String> COLUMNS = List.of("Server time", "Event", "Who", "Description", "Type", "Support user",
                "Support reason", "Tenant", "Source", "Application", "Changes", "Id");

        @Override
        void header(Writer writer) throws IOException {
            Csv.row(writer, COLUMNS);
        }

        @Override
        void write(Writer writer, AuditRecord record) throws IOException {
            Map<String, Object> json = AuditRecordRepresentation.of(record);
            Csv.row(writer, List.of(text(json.get("time")), text(record.activity()), text(record.who()), text(record.text()),
                    text(record.type()), text(record.supportUser()), text(record.supportReason()), text(record.realmName()),
                    text(record.source()), text(record.application()), String.join(",", record.changes()), record.id()));
        }
    };

    /** Writes null values too: every line has every field. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    abstract void header(Writer writer) throws IOException;

    abstract void write(Writer writer, AuditRecord record) throws IOException;

    /** {@code ndjson} (also when absent) or {@code csv}. */
    public static ExportFormat parse(String value) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("ndjson")) {
            return NDJSON;
        }
        if (value.trim().equalsIgnoreCase("csv")) {
            return CSV;
        }
        throw new InvalidInput("'format' must be ndjson or csv");
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}

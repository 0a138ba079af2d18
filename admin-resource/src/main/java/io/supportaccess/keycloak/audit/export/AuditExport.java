package io.supportaccess.keycloak.audit.export;

import io.supportaccess.keycloak.audit.AuditLog;
import io.supportaccess.keycloak.audit.AuditQuery;
import io.supportaccess.keycloak.audit.AuditRecord;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The records a query selects (older than its cursor, if it has one), written newest first in chunks of {@value #CHUNK}: each chunk is read
 * by cursor in a session and transaction of its own and written out before the next is read, so
 * the server holds one chunk whatever the size of the export, and no transaction stays open for
 * the length of the download.
 */
public final class AuditExport implements StreamingOutput {

    static final int CHUNK = AuditQuery.MAX_PAGE_SIZE;

    /** Reads one chunk: the records the query selects (at most its page size plus one). */
    public interface Reader {
        List<AuditRecord> read(AuditLog log, AuditQuery query);
    }

    private final KeycloakSessionFactory factory;
    private final AuditQuery query;
    private final Reader reader;
    private final ExportFormat format;

    public AuditExport(KeycloakSessionFactory factory, AuditQuery query, Reader reader, ExportFormat format) {
        this.factory = factory;
        this.query = query;
        this.reader = reader;
        this.format = format;
    }

    @Override
    public void write(OutputStream output) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
        format.header(writer);
        AuditQuery.Cursor after = query.after();
        while (true) {
            AuditQuery chunk = new AuditQuery(query.type(), query.who(), query.supportUser(), query.activity(), query.source(),
                    query.from(), query.to(), after, CHUNK);
            List<AuditRecord> records = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    session -> reader.read(new AuditLog(session), chunk));
            List<AuditRecord> page = records.size() > CHUNK ? records.subList(0, CHUNK) : records;
            for (AuditRecord record : page) {
                format.write(writer, record);
            }
            writer.flush();
            if (records.size() <= CHUNK) {
                return;
            }
            AuditRecord last = page.get(page.size() - 1);
            after = new AuditQuery.Cursor(last.time(), last.id());
        }
    }
}

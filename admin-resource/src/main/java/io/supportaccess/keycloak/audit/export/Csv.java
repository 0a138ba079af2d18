package io.supportaccess.keycloak.audit.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * CSV rows as RFC 4180 writes them (CRLF line ends; a field with a comma, quote, CR or LF in
 * quotes, quotes doubled). A field that a spreadsheet would run as a formula (starting with
 * {@code = + - @}, tab or CR) gets a leading apostrophe: reasons and names are typed by users,
 * and an auditor opening the export must not run what they typed.
 */
final class Csv {

    private Csv() {
    }

    static void row(Writer writer, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(field(fields.get(i)));
        }
        writer.write("\r\n");
    }

    static String field(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
            return safe;
        }
        return '"' + safe.replace("\"", "\"\"") + '"';
    }
}

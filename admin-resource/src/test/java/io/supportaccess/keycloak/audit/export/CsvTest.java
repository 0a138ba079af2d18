package io.supportaccess.keycloak.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void plainFieldsAreWrittenAsTheyAre() {
        assertThat(Csv.field("jill$john")).isEqualTo("jill$john");
        assertThat(Csv.field("")).isEqualTo("");
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedWithQuotesDoubled() {
        assertThat(Csv.field("ticket 42, urgent")).isEqualTo("\"ticket 42, urgent\"");
        assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.field("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(Csv.field("cr\rhere")).isEqualTo("\"cr\rhere\"");
    }

    @Test
    void whatASpreadsheetWouldRunAsAFormulaStartsWithAnApostrophe() {
        assertThat(Csv.field("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(Csv.field("+1")).isEqualTo("'+1");
        assertThat(Csv.field("-1")).isEqualTo("'-1");
        assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    }

    @Test
    void aRowEndsWithCrLf() throws IOException {
        StringWriter out = new StringWriter();
        Csv.row(out, List.of("a", "b,c", ""));
        assertThat(out.toString()).isEqualTo("a,\"b,c\",\r\n");
    }
}

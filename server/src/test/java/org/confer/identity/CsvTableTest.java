package org.confer.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV reader of the people import: RFC 4180 fields and the line each record starts on. */
class CsvTableTest {

    @Test
    void quoted_fields_hold_commas_doubled_quotes_and_line_breaks_and_rows_keep_their_first_line() throws Exception {
        List<CsvTable.Row> rows = CsvTable.parse("\uFEFFemail,displayName\r\n"
                + "a@x.nhs.uk,\"Obi, Ada\"\r\n"
                + "\r\n"
                + "b@x.nhs.uk,\"Ward 7, \"\"East\"\"\nsecond line\"\n"
                + "c@x.nhs.uk,");

        assertThat(rows).extracting(CsvTable.Row::line).containsExactly(1, 2, 4, 6);
        assertThat(rows.get(0).fields()).containsExactly("email", "displayName");
        assertThat(rows.get(1).fields()).containsExactly("a@x.nhs.uk", "Obi, Ada");
        assertThat(rows.get(2).fields()).containsExactly("b@x.nhs.uk", "Ward 7, \"East\"\nsecond line");
        assertThat(rows.get(3).fields()).containsExactly("c@x.nhs.uk", "");
    }

    @Test
    void an_unclosed_quote_or_text_after_a_closing_quote_names_its_line() {
        assertThatThrownBy(() -> CsvTable.parse("email\n\"open,\nnever closed\n")).isInstanceOfSatisfying(CsvTable.Malformed.class,
                e -> assertThat(e.line()).isEqualTo(2));
        assertThatThrownBy(() -> CsvTable.parse("email\na,b\n\"x\"y,z\n")).isInstanceOfSatisfying(CsvTable.Malformed.class,
                e -> assertThat(e.line()).isEqualTo(3));
    }
}

package org.confer.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The CSV's text fields: RFC 4180 quoting, and never a formula when opened in a spreadsheet. */
class UsageCsvTest {
    @Test
    void aFieldWithACommaQuoteOrLineBreakIsQuotedWithQuotesDoubled() {
        assertThat(UsageCsv.text("Leeds, York and \"Hull\"")).isEqualTo("\"Leeds, York and \"\"Hull\"\"\"");
        assertThat(UsageCsv.text("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(UsageCsv.text("Royal Devon")).isEqualTo("Royal Devon");
    }

    @Test
    void aFieldThatAFormulaWouldStartGetsALeadingApostrophe() {
        assertThat(UsageCsv.text("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(UsageCsv.text("+44")).isEqualTo("'+44");
        assertThat(UsageCsv.text("-1")).isEqualTo("'-1");
        assertThat(UsageCsv.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(UsageCsv.text("\tx")).isEqualTo("'\tx");
    }
}

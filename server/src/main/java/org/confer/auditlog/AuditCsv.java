package org.confer.auditlog;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * CSV as RFC 4180 writes it (comma, CRLF, fields with a comma, quote or line break quoted and
 * quotes doubled), made safe to open in a spreadsheet: a cell that starts with = + - @ (or a tab
 * or carriage return) gets a leading apostrophe, so it is shown as text and never run as a formula
 * (OWASP "CSV injection").
 */
final class AuditCsv {
    static final List<String> HEADER = List.of("seq", "at", "organisation_id", "actor_id", "actor_name", "action", "subject_type",
            "subject_id", "detail", "retained_text", "hash");

    private AuditCsv() {}

    static void row(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}

package org.confer.identity;

import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file as RFC 4180 reads it: fields separated by commas, records by CRLF or LF, a field
 * in double quotes may hold commas, line breaks and doubled quotes. Each record keeps the line
 * it starts on, so an error can name the line a person sees in their spreadsheet export.
 * Pure: no I/O, tested without a server.
 */
public final class CsvTable {

    /** One record: its first line (1-based) and its fields as written. */
    public record Row(int line, List<String> fields) {
        boolean blank() {
            return fields.size() == 1 && fields.getFirst().isBlank();
        }
    }

    /** A quote that does not end, or text after a closing quote: the file cannot be read past it. */
    public static final class Malformed extends Exception {
        private final int line;

        Malformed(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private CsvTable() {}

    /** Every non-blank record of {@code text}, the header included; a leading byte-order mark is ignored. */
    public static List<Row> parse(String text) throws Malformed {
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int rowLine = 1;
        int i = 0;
        boolean quoted = false;
        boolean afterQuote = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    afterQuote = true;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                add(rows, new Row(rowLine, List.copyOf(fields)));
                fields.clear();
                field.setLength(0);
                afterQuote = false;
                line++;
                rowLine = line;
            } else if (afterQuote) {
                throw new Malformed(line, "Text after a closing quote; put the whole field in quotes");
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new Malformed(rowLine, "A quoted field is not closed");
        }
        if (!field.isEmpty() || !fields.isEmpty()) {
            fields.add(field.toString());
            add(rows, new Row(rowLine, List.copyOf(fields)));
        }
        return rows;
    }

    private static void add(List<Row> rows, Row row) {
        if (!row.blank()) {
            rows.add(row);
        }
    }
}

package org.confer.clinical;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.util.Terser;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading typed values out of parsed HL7 v2 segments: text, times, identifiers, clinicians. */
final class Hl7Fields {

    /** Times without an offset are UK local time: every feed Confer takes is a UK lab. */
    static final ZoneId LOCAL_TIME = ZoneId.of("Europe/London");

    /** The NHS number's OID (NHS Data Dictionary), sent in CX-4.2 by some engines. */
    static final String NHS_NUMBER_OID = "2.16.840.1.113883.2.1.4.1";

    private static final Pattern DTM = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:\\.(\\d{1,4}))?)?)?)?([+-]\\d{4})?");
    private static final Set<String> PROFESSIONAL_SYSTEMS = Set.of("GMC", "NMC", "HCPC");

    private Hl7Fields() {}

    /** One primitive as plain text (the parser has undone the escapes), trimmed; "" when absent. */
    static String text(Segment segment, int field, int rep, int component, int subcomponent) throws HL7Exception {
        if (rep >= segment.getField(field).length) {
            return "";
        }
        String value = Terser.get(segment, field, rep, component, subcomponent);
        return value == null ? "" : clean(value).strip();
    }

    static String text(Segment segment, int field, int component) throws HL7Exception {
        return text(segment, field, 0, component, 1);
    }

    static int reps(Segment segment, int field) throws HL7Exception {
        return segment.getField(field).length;
    }

    /** The first non-empty of the given values, or "". */
    static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    static String orNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * An HL7 DTM/TS as an instant: to the minute at least (a day alone is midnight UK time), with
     * its offset or else UK local time. Null when absent or unreadable: a bad time is not a
     * reason to lose a result.
     */
    static OffsetDateTime time(String dtm) {
        Matcher m = DTM.matcher(dtm == null ? "" : dtm.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.of(num(m.group(1)), num(m.group(2)), num(m.group(3)));
            LocalDateTime local = date.atTime(num(m.group(4)), num(m.group(5)), num(m.group(6)),
                    m.group(7) == null ? 0 : num((m.group(7) + "000").substring(0, 4)) * 100_000);
            if (m.group(8) != null) {
                return local.atOffset(ZoneOffset.of(m.group(8).substring(0, 3) + ":" + m.group(8).substring(3)));
            }
            return local.atZone(LOCAL_TIME).toOffsetDateTime();
        } catch (RuntimeException e) {
            return null; // 20261341, +2500: a date that does not exist
        }
    }

    private static int num(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }

    /**
     * Clinicians of a repeating XCN field (OBR-16, ORC-12): XCN-1 id, XCN-2 family, XCN-3 given,
     * XCN-6 prefix, XCN-9 assigning authority, XCN-13 identifier type. An entry without an id
     * cannot be routed and is skipped.
     */
    static List<ResultReport.Clinician> clinicians(Segment segment, int field) throws HL7Exception {
        List<ResultReport.Clinician> out = new ArrayList<>();
        for (int rep = 0; rep < reps(segment, field); rep++) {
            String id = text(segment, field, rep, 1, 1);
            if (id.isEmpty()) {
                continue;
            }
            String authority = first(text(segment, field, rep, 9, 1), text(segment, field, rep, 13, 1))
                    .toUpperCase(Locale.ROOT);
            String system = PROFESSIONAL_SYSTEMS.contains(authority) ? authority : "LOCAL";
            String name = String.join(" ", nonEmpty(
                    text(segment, field, rep, 6, 1), text(segment, field, rep, 3, 1), text(segment, field, rep, 2, 1)));
            out.add(new ResultReport.Clinician(system, id, orNull(name)));
        }
        return out;
    }

    /** True when a CX (PID-3 repetition) is an NHS number by its authority, type or system. */
    static boolean isNhsNumber(String authority, String universalId, String typeCode) {
        String a = authority.toUpperCase(Locale.ROOT);
        String t = typeCode.toUpperCase(Locale.ROOT);
        return a.equals("NHS") || a.equals(NhsNumber.SYSTEM.toUpperCase(Locale.ROOT))
                || universalId.equals(NHS_NUMBER_OID) || universalId.equals(NhsNumber.SYSTEM)
                || t.equals("NH") || t.equals("NHS");
    }

    /** A patient name (XPN) as the NHS patient banner shows it: "FAMILY, Given". */
    static String patientName(Segment pid) throws HL7Exception {
        String family = text(pid, 5, 0, 1, 1).toUpperCase(Locale.ROOT);
        String given = String.join(" ", nonEmpty(text(pid, 5, 0, 2, 1), text(pid, 5, 0, 3, 1)));
        if (family.isEmpty()) {
            return orNull(given);
        }
        return given.isEmpty() ? family : family + ", " + given;
    }

    static List<String> nonEmpty(String... values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (!v.isEmpty()) {
                out.add(v);
            }
        }
        return out;
    }

    /** Abnormal flags (OBX-8, repeating) as upper-case table-0078 codes, without blanks or repeats. */
    static List<String> flags(Segment obx) throws HL7Exception {
        Set<String> out = new LinkedHashSet<>();
        for (int rep = 0; rep < reps(obx, 8); rep++) {
            String flag = text(obx, 8, rep, 1, 1).toUpperCase(Locale.ROOT);
            if (!flag.isEmpty()) {
                out.add(flag);
            }
        }
        return List.copyOf(out);
    }

    /**
     * OBX-5 as text by its type (OBX-2): coded values by their text (else code), structured
     * numbers (SN) joined ("<0.5", "1:128"), anything else by its first component; repetitions
     * on separate lines, formatting escapes made plain ({@link #formatting}).
     */
    static String value(Segment obx, char escape) throws HL7Exception {
        String type = text(obx, 2, 1).toUpperCase(Locale.ROOT);
        List<String> lines = new ArrayList<>();
        for (int rep = 0; rep < reps(obx, 5); rep++) {
            String v = switch (type) {
                case "CE", "CWE", "CNE" -> first(text(obx, 5, rep, 2, 1), text(obx, 5, rep, 1, 1));
                case "SN" -> text(obx, 5, rep, 1, 1) + text(obx, 5, rep, 2, 1)
                        + text(obx, 5, rep, 3, 1) + text(obx, 5, rep, 4, 1);
                default -> text(obx, 5, rep, 1, 1);
            };
            lines.add(formatting(v, escape));
        }
        while (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return String.join("\n", lines);
    }

    /**
     * The escapes HAPI leaves in text, made plain: line breaks ({@code \.br\}, {@code \.sp\},
     * hex {@code \X0D\} or {@code \X0D0A\}) become LF; other hex bytes become their Latin-1
     * letters; highlighting ({@code \H\ \N\}), layout ({@code \.in\ \.ti\ \.sk\ \.ce\
     * \.fi\ \.nf\}) and charset switches ({@code \C..\ \M..\ \Z..\}) are dropped.
     */
    static String formatting(String text, char escape) {
        if (text.indexOf(escape) < 0) {
            return text;
        }
        String e = Pattern.quote(String.valueOf(escape));
        Matcher m = Pattern.compile(e + "(\\.br|\\.sp(?: ?[+-]?\\d+)?|X[0-9A-Fa-f]{2,}|H|N|\\.(?:in|ti|sk) ?[+-]?\\d+"
                + "|\\.(?:ce|fi|nf)|C[0-9A-Fa-f]{4}|M[0-9A-Fa-f]{4,6}|Z[0-9A-Za-z]*)" + e)
                .matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String code = m.group(1);
            String plain;
            if (code.startsWith(".br") || code.startsWith(".sp")) {
                plain = "\n";
            } else if (code.startsWith("X")) {
                plain = hex(code.substring(1));
            } else {
                plain = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(plain));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String hex(String digits) {
        StringBuilder out = new StringBuilder();
        boolean newline = false;
        for (int i = 0; i + 1 < digits.length(); i += 2) {
            char c = (char) Integer.parseInt(digits.substring(i, i + 2), 16);
            if (c == '\r' || c == '\n') {
                if (!newline) {
                    out.append('\n'); // CR, LF and CRLF are one line break
                }
                newline = true;
                continue;
            }
            newline = false;
            if (c >= 0x20 && c != 0x7F || c == '\t') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Strips control characters a lab should never send (NUL, ESC …), keeping tabs and line breaks. */
    static String clean(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean bad = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
            if (bad && out == null) {
                out = new StringBuilder(value.substring(0, i));
            } else if (!bad && out != null) {
                out.append(c);
            }
        }
        return out == null ? value : out.toString();
    }
}

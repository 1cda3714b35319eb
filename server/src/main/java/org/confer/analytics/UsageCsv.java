package org.confer.analytics;

import org.confer.analytics.UsageViews.Point;
import org.confer.analytics.UsageViews.Report;

/**
 * The CSV export (docs/analytics.md, "CSV"): RFC 4180 — a header row, CRLF line ends, a field
 * quoted when it holds a comma, a quote or a line break, quotes doubled — and safe to open in a
 * spreadsheet: a text field starting with = + - @ or a tab or carriage return gets a leading
 * apostrophe, so it is never read as a formula (OWASP "CSV injection").
 */
final class UsageCsv {
    static final String HEADER = "period,start,end,organisation,messages,meetings,participant_minutes,virtual_visits,"
            + "results_delivered,active_users";

    private UsageCsv() {}

    static String write(Report r) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        String org = r.organisationId() == null ? "All organisations"
                : r.organisationName() != null ? r.organisationName() : r.organisationId().toString();
        for (Point p : r.series()) {
            var f = p.figures();
            out.append(p.period()).append(',').append(p.start()).append(',').append(p.end()).append(',').append(text(org))
                    .append(',').append(f.messages()).append(',').append(f.meetings()).append(',').append(f.participantMinutes())
                    .append(',').append(f.virtualVisits()).append(',').append(f.resultsDelivered()).append(',').append(f.activeUsers())
                    .append("\r\n");
        }
        return out.toString();
    }

    /** One text field, neutralised and quoted as needed. */
    static String text(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}

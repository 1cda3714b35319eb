package org.confer.results;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.confer.clinical.ResultReport;
import org.confer.events.MessageCard;

/**
 * The Results bot's message for an alert: a card (plain text fields, never HTML) and the markdown
 * fallback text for notifications and old clients. Pure: no I/O.
 */
final class ResultCards {
    static final String ACK_PREFIX = "results.ack";
    /** Card fields are capped by MessageCard.MAX_FIELDS; keep room for the fixed ones. */
    private static final int MAX_OBSERVATION_FIELDS = 12;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private ResultCards() {}

    /** Why the message is sent, shown as its first line. */
    static String headline(StoredResult r, Alert a, String fromName, long minutes) {
        String patient = patient(r.report());
        return switch (a.reason()) {
            case Alert.DEPUTY, Alert.ON_CALL -> "Critical result for " + patient + " not acknowledged by " + fromName
                    + " after " + minutes + " min";
            case Alert.INBOX -> "Unmatched result for " + patient + " — " + unmatchedWhy(r.report());
            case Alert.WATCHER -> (r.critical() ? "Critical result" : "Result") + " for " + patient + " (you are watching this patient)";
            default -> (r.critical() ? "Critical result" : "Result") + " for " + patient;
        };
    }

    static String unmatchedWhy(ResultReport report) {
        if (report.orderers() == null || report.orderers().isEmpty()) {
            return "no ordering clinician named";
        }
        return "no clinician found for " + report.orderers().stream().map(c -> c.system() + " " + c.value())
                .collect(Collectors.joining(", "));
    }

    static MessageCard card(StoredResult r, String headline, String acknowledgedLine) {
        ResultReport p = r.report();
        List<MessageCard.Field> fields = new ArrayList<>();
        fields.add(new MessageCard.Field("Patient", patient(p)));
        fields.add(new MessageCard.Field("Test", nonEmpty(p.testName(), p.testCode())));
        int shown = 0;
        for (ResultReport.Observation o : p.observations()) {
            if (shown++ == MAX_OBSERVATION_FIELDS) {
                fields.add(new MessageCard.Field("More", (p.observations().size() - MAX_OBSERVATION_FIELDS) + " more observations: View"));
                break;
            }
            fields.add(new MessageCard.Field(nonEmpty(o.name(), o.code()), observationLine(o)));
        }
        fields.add(new MessageCard.Field("Specimen", nonEmpty(p.specimen(), "—")));
        fields.add(new MessageCard.Field("Reported", p.reportedAt() == null ? "—" : time(p.reportedAt())));
        fields.add(new MessageCard.Field("Lab", nonEmpty(p.lab(), "—")));
        List<MessageCard.Action> actions = new ArrayList<>();
        if (r.critical() && acknowledgedLine == null) {
            actions.add(new MessageCard.Action(ACK_PREFIX + ":" + r.id(), "Acknowledge", "danger"));
        }
        String severity = acknowledgedLine != null ? "success"
                : r.critical() ? "critical" : p.observations().stream().anyMatch(ResultCards::abnormal) ? "warning" : "info";
        return new MessageCard(clip(headline, 200), severity, fields, actions, acknowledgedLine, "#/results/" + r.id());
    }

    /** The markdown fallback: headline and each observation on a line. */
    static String text(StoredResult r, String headline) {
        StringBuilder b = new StringBuilder(headline.length() + 200);
        b.append(r.critical() ? "**" : "").append(escape(headline)).append(r.critical() ? "**" : "");
        for (ResultReport.Observation o : r.report().observations()) {
            b.append("\n- ").append(escape(nonEmpty(o.name(), o.code()))).append(": ").append(escape(observationLine(o)));
        }
        return clip(b.toString(), 3900);
    }

    static String acknowledgedLine(String name, OffsetDateTime at) {
        return "Acknowledged by " + name + " at " + at.withOffsetSameInstant(ZoneOffset.UTC).format(HH_MM) + " UTC";
    }

    static String observationLine(ResultReport.Observation o) {
        StringBuilder b = new StringBuilder();
        b.append(nonEmpty(o.value(), "—"));
        if (o.units() != null && !o.units().isBlank()) {
            b.append(' ').append(o.units());
        }
        if (o.referenceRange() != null && !o.referenceRange().isBlank()) {
            b.append(" (range ").append(o.referenceRange()).append(')');
        }
        if (abnormal(o)) {
            b.append(o.critical() ? " CRITICAL " : " ABNORMAL ").append(String.join(",", o.abnormalFlags()));
        }
        return clip(b.toString(), 500);
    }

    static boolean abnormal(ResultReport.Observation o) {
        return o.critical() || (o.abnormalFlags() != null && o.abnormalFlags().stream().anyMatch(f -> !f.isBlank() && !"N".equals(f)));
    }

    static String patient(ResultReport p) {
        String name = nonEmpty(p.patientName(), "unnamed patient");
        return p.nhsNumber() == null ? name : name + ", NHS " + formatNhs(p.nhsNumber());
    }

    /** NHS numbers are written 3-3-4 ("943 476 5919"), as on NHS letters. */
    static String formatNhs(String n) {
        return n.length() == 10 ? n.substring(0, 3) + " " + n.substring(3, 6) + " " + n.substring(6) : n;
    }

    private static String time(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC).format(TIME);
    }

    private static String nonEmpty(String a, String b) {
        return a != null && !a.isBlank() ? a : b == null ? "" : b;
    }

    /** Markdown control characters in lab text are shown, not interpreted. */
    private static String escape(String s) {
        return s.replaceAll("([\\\\`*_\\[\\]<>#|~])", "\\\\$1");
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}

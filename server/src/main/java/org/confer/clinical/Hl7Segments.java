package org.confer.clinical;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.confer.clinical.Hl7Ack.Code;
import org.confer.clinical.Hl7Ack.Condition;
import org.confer.clinical.Hl7Results.Rejected;

/**
 * The checks made on a message's text before HAPI sees it. A field cannot hold a segment break:
 * a CR inside a lab's comment starts a new "segment" made of the comment's tail. HAPI would keep
 * such a line as an unknown segment and go on; here any line that is not a segment of ORU^R01
 * (or a local Z segment, which is ignored) refuses the whole message, so stray text can never
 * become, or hide, a result.
 */
final class Hl7Segments {

    /** Every segment ORU^R01 may hold in 2.3 – 2.5.1; Z segments are local and allowed too. */
    private static final Set<String> ORU_R01 = Set.of(
            "MSH", "SFT", "PID", "PD1", "NTE", "NK1", "PV1", "PV2", "ORC", "OBR", "TQ1", "TQ2",
            "CTD", "OBX", "FT1", "CTI", "SPM", "DSC");

    private final List<String> segments;
    private final Map<String, Integer> counts;
    private final Rejected problem;

    private Hl7Segments(List<String> segments, Map<String, Integer> counts, Rejected problem) {
        this.segments = segments;
        this.counts = counts;
        this.problem = problem;
    }

    /** The header's own refusals: not MSH, no control id, not ORU^R01, not 2.3–2.5.1, not production. */
    static Rejected checkHeader(Hl7Header h, String text) {
        if (h == Hl7Header.UNREADABLE || !text.startsWith("MSH")) {
            return new Rejected(Code.AR, Condition.SEGMENT_SEQUENCE_ERROR, "unparsable: no readable MSH segment", h);
        }
        if (!h.messageType().equals("ORU")) {
            return new Rejected(Code.AR, Condition.UNSUPPORTED_MESSAGE_TYPE,
                    "unsupported message type " + type(h) + " (only ORU^R01)", h);
        }
        if (!h.triggerEvent().equals("R01")) {
            return new Rejected(Code.AR, Condition.UNSUPPORTED_EVENT_CODE,
                    "unsupported message type " + type(h) + " (only ORU^R01)", h);
        }
        if (!Hl7Results.VERSIONS.contains(h.version())) {
            return new Rejected(Code.AR, Condition.UNSUPPORTED_VERSION_ID,
                    "unsupported HL7 version '" + h.version() + "' (2.3, 2.3.1, 2.4, 2.5, 2.5.1)", h);
        }
        // Training (T) and debugging (D) messages must never alert a clinician about a real patient.
        if (!h.processingId().isEmpty() && !h.processingId().equals("P")) {
            return new Rejected(Code.AR, Condition.UNSUPPORTED_PROCESSING_ID,
                    "processing id " + h.processingId() + " refused: only production (P) results are taken", h);
        }
        if (h.controlId().isEmpty()) {
            return new Rejected(Code.AR, Condition.REQUIRED_FIELD_MISSING, "no message control id (MSH-10)", h);
        }
        return null;
    }

    private static String type(Hl7Header h) {
        return h.triggerEvent().isEmpty() ? h.messageType() : h.messageType() + "^" + h.triggerEvent();
    }

    /** Splits on CR (the caller has turned LF and CRLF into CR) and checks each segment's id. */
    static Hl7Segments split(String text, Hl7Header h) {
        List<String> segments = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        String[] lines = text.split("\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue; // trailing CRs, blank lines between segments
            }
            String id = line.length() >= 3 ? line.substring(0, 3) : line;
            boolean wellFormed = id.matches("[A-Z][A-Z0-9]{2}")
                    && (line.length() == 3 || line.charAt(3) == h.fieldSeparator());
            if (!wellFormed) {
                return new Hl7Segments(segments, counts, new Rejected(Code.AR, Condition.SEGMENT_SEQUENCE_ERROR,
                        "malformed segment on line " + (i + 1) + " (a line break inside a field?)", h));
            }
            if (id.equals("MSH") && i > 0) {
                return new Hl7Segments(segments, counts, new Rejected(Code.AR, Condition.SEGMENT_SEQUENCE_ERROR,
                        "a second MSH on line " + (i + 1) + ": one message per frame", h));
            }
            if (!ORU_R01.contains(id) && id.charAt(0) != 'Z') {
                return new Hl7Segments(segments, counts, new Rejected(Code.AR, Condition.SEGMENT_SEQUENCE_ERROR,
                        "unexpected segment " + id + " on line " + (i + 1), h));
            }
            segments.add(line);
            counts.merge(id, 1, Integer::sum);
        }
        return new Hl7Segments(List.copyOf(segments), Map.copyOf(counts), null);
    }

    Rejected problem() {
        return problem;
    }

    /** The segments joined by CR, as HAPI expects. */
    String joined() {
        return String.join("\r", segments) + "\r";
    }

    int count(String id) {
        return counts.getOrDefault(id, 0);
    }
}

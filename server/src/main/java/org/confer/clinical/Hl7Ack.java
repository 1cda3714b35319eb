package org.confer.clinical;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.UUID;

/**
 * HL7 v2 acknowledgements (original mode): MSH with sender and receiver swapped, MSA with the
 * code and the original MSH-10, and an ERR segment for AE and AR. Built by string, not by HAPI,
 * so that a message that could not be parsed is still answered from whatever its MSH shows
 * ({@link Hl7Header#read(String)}). The ACK uses the original's delimiters and version (2.5.1
 * when unknown), and is pure ASCII: text is escaped, control characters and non-ASCII letters
 * become '?', so it can be written in any charset the sender declared.
 */
public final class Hl7Ack {

    /** MSA-1 (HL7 table 0008, original mode). */
    public enum Code {
        /** Accepted: stored (and its alerts made). */
        AA,
        /** Application error: the message is well formed but cannot be used (no patient id …). */
        AE,
        /** Rejected: wrong message type, version, processing id, sender, or unparsable. */
        AR
    }

    /** HL7 table 0357 (message error condition codes), as ERR-3 (2.5+) or ERR-1.4 (2.3, 2.4). */
    public enum Condition {
        SEGMENT_SEQUENCE_ERROR(100, "Segment sequence error"),
        REQUIRED_FIELD_MISSING(101, "Required field missing"),
        DATA_TYPE_ERROR(102, "Data type error"),
        TABLE_VALUE_NOT_FOUND(103, "Table value not found"),
        UNSUPPORTED_MESSAGE_TYPE(200, "Unsupported message type"),
        UNSUPPORTED_EVENT_CODE(201, "Unsupported event code"),
        UNSUPPORTED_PROCESSING_ID(202, "Unsupported processing id"),
        UNSUPPORTED_VERSION_ID(203, "Unsupported version id"),
        UNKNOWN_KEY_IDENTIFIER(204, "Unknown key identifier"),
        DUPLICATE_KEY_IDENTIFIER(205, "Duplicate key identifier"),
        APPLICATION_RECORD_LOCKED(206, "Application record locked"),
        APPLICATION_INTERNAL_ERROR(207, "Application internal error");

        private final int code;
        private final String text;

        Condition(int code, String text) {
            this.code = code;
            this.text = text;
        }

        public int code() {
            return code;
        }

        public String text() {
            return text;
        }
    }

    private static final Set<String> SUPPORTED = Set.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1");
    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");
    // MSA-3 is ST 80 in HL7 2.3–2.5.1; ERR-8 (2.5+) is TX 250. Longer text is cut, not refused.
    private static final int MSA_TEXT = 80;
    private static final int ERR_TEXT = 250;
    // MSH-10 is ST 20 in 2.3–2.5.1.
    private static final int CONTROL_ID = 20;

    private final Clock clock;

    public Hl7Ack(Clock clock) {
        this.clock = clock;
    }

    /**
     * The ACK for a message with header {@code original}: MSA-1 {@code code}, MSA-2 its MSH-10,
     * MSA-3 {@code text}. For AE and AR an ERR segment carries {@code condition} and the text
     * ({@link Condition#APPLICATION_INTERNAL_ERROR} when null). Segments end with CR.
     */
    public String ack(Hl7Header original, Code code, Condition condition, String text) {
        Hl7Header h = original == null ? Hl7Header.UNREADABLE : original;
        String version = SUPPORTED.contains(h.version()) ? h.version() : "2.5.1";
        char f = h.fieldSeparator();
        char c = h.componentSeparator();
        String safeText = safe(text == null ? "" : text);
        String processingId = h.processingId().isEmpty() ? "P" : h.escape(safe(h.processingId()));
        String event = h.triggerEvent().isEmpty() ? "R01" : h.escape(safe(h.triggerEvent()));
        String type = version.startsWith("2.3") ? "ACK" + c + event : "ACK" + c + event + c + "ACK";
        String controlId = UUID.randomUUID().toString().replace("-", "").substring(0, CONTROL_ID);
        StringBuilder ack = new StringBuilder(256);
        ack.append("MSH").append(h.delimiters()).append(f)
                .append(h.rawReceivingApplication()).append(f)
                .append(h.rawReceivingFacility()).append(f)
                .append(h.rawSendingApplication()).append(f)
                .append(h.rawSendingFacility()).append(f)
                .append(HL7_TIME.format(clock.instant().atOffset(ZoneOffset.UTC))).append(f)
                .append(f)
                .append(type).append(f)
                .append(controlId).append(f)
                .append(processingId).append(f)
                .append(version).append('\r');
        ack.append("MSA").append(f).append(code.name()).append(f).append(h.escape(safe(h.controlId())));
        if (!safeText.isEmpty()) {
            ack.append(f).append(h.escape(cut(safeText, MSA_TEXT)));
        }
        ack.append('\r');
        if (code != Code.AA) {
            Condition why = condition == null ? Condition.APPLICATION_INTERNAL_ERROR : condition;
            ack.append(err(h, version, why, h.escape(cut(safeText, ERR_TEXT)))).append('\r');
        }
        return ack.toString();
    }

    /** The ACK for raw message text, reading its MSH by splitting (works when the message is unparsable). */
    public String ack(String original, Code code, Condition condition, String text) {
        return ack(Hl7Header.read(original), code, condition, text);
    }

    private static String err(Hl7Header h, String version, Condition why, String escapedText) {
        char f = h.fieldSeparator();
        char c = h.componentSeparator();
        if (version.startsWith("2.3") || version.equals("2.4")) {
            // ERR-1 (ELD): segment^sequence^field^code identifying error (CE, as subcomponents).
            char s = h.subcomponentSeparator();
            return "ERR" + f + c + c + c + why.code() + s + h.escape(why.text()) + s + "HL70357";
        }
        // ERR-2 location (empty), ERR-3 HL7 error code, ERR-4 severity E, ERR-8 user message.
        return "ERR" + f + f + f + why.code() + c + h.escape(why.text()) + c + "HL70357" + f + "E"
                + f + f + f + f + escapedText;
    }

    /** Printable ASCII only: a reason may quote sender data, which must not break our segments. */
    static String safe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            out.append(ch >= 0x20 && ch < 0x7F ? ch : (ch == '\r' || ch == '\n' || ch == '\t') ? ' ' : '?');
        }
        return out.toString();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}

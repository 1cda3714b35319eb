package org.confer.clinical;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What can be read from an HL7 v2 message's MSH segment by plain splitting, without a parser:
 * enough to answer a message that could not be parsed and to pick its feed. Application and
 * facility fields are kept in their wire form (with the message's own delimiters) so that an
 * ACK can return them unchanged; the accessors without {@code raw} give plain text.
 *
 * @param delimiters       MSH-1 and MSH-2: field separator then component, repetition, escape and
 *                         subcomponent characters ({@code "|^~\\&"} when unreadable)
 * @param rawSendingApplication MSH-3 as sent
 * @param rawSendingFacility    MSH-4 as sent
 * @param rawReceivingApplication MSH-5 as sent
 * @param rawReceivingFacility    MSH-6 as sent
 * @param messageType      MSH-9.1 (ORU), "" when absent
 * @param triggerEvent     MSH-9.2 (R01), "" when absent
 * @param controlId        MSH-10, "" when absent
 * @param processingId     MSH-11.1 (P, T, D), "" when absent
 * @param version          MSH-12.1 (2.3 … 2.5.1), "" when absent
 * @param characterSet     MSH-18 (first repetition), "" when absent
 */
public record Hl7Header(
        String delimiters,
        String rawSendingApplication,
        String rawSendingFacility,
        String rawReceivingApplication,
        String rawReceivingFacility,
        String messageType,
        String triggerEvent,
        String controlId,
        String processingId,
        String version,
        String characterSet) {

    /** The delimiters HL7 recommends, used when a message's own cannot be read. */
    public static final String STANDARD_DELIMITERS = "|^~\\&";

    // HD and CX fields are at most a few hundred characters (HL7 2.5.1 lengths: HD 227); anything
    // longer in a header is not a real header, and it would be copied back into our ACK.
    private static final int MAX_FIELD = 227;

    /** An empty header: nothing readable. */
    public static final Hl7Header UNREADABLE =
            new Hl7Header(STANDARD_DELIMITERS, "", "", "", "", "", "", "", "", "", "");

    /**
     * Reads MSH from the start of {@code message} by splitting. Never throws: fields that cannot
     * be read are "". Segments may be separated by CR, LF or CRLF.
     */
    public static Hl7Header read(String message) {
        if (message == null || message.length() < 8 || !message.startsWith("MSH")) {
            return UNREADABLE;
        }
        int end = message.length();
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '\r' || c == '\n') {
                end = i;
                break;
            }
        }
        String msh = message.substring(0, end);
        String delimiters = msh.substring(3, Math.min(8, msh.length()));
        if (!saneDelimiters(delimiters)) {
            return UNREADABLE;
        }
        if (delimiters.length() == 5 && delimiters.charAt(4) == delimiters.charAt(0)) {
            delimiters = delimiters.substring(0, 4); // MSH-2 without a subcomponent separator
        }
        char fieldSeparator = delimiters.charAt(0);
        // MSH-1 is the separator itself, so split index i is MSH-(i+1).
        String[] fields = msh.split(java.util.regex.Pattern.quote(String.valueOf(fieldSeparator)), -1);
        // A header holding only the delimiters: its helpers split and unescape the other fields.
        Hl7Header shape = new Hl7Header(delimiters, "", "", "", "", "", "", "", "", "", "");
        return new Hl7Header(
                delimiters,
                clean(field(fields, 3)),
                clean(field(fields, 4)),
                clean(field(fields, 5)),
                clean(field(fields, 6)),
                shape.plain(shape.component(field(fields, 9), 0)).toUpperCase(Locale.ROOT),
                shape.plain(shape.component(field(fields, 9), 1)).toUpperCase(Locale.ROOT),
                shape.plain(field(fields, 10)),
                shape.plain(shape.component(field(fields, 11), 0)).toUpperCase(Locale.ROOT),
                shape.plain(shape.component(field(fields, 12), 0)),
                shape.plain(shape.repetition(field(fields, 18))).toUpperCase(Locale.ROOT));
    }

    /** Reads MSH from the bytes of a message, in the charset the message declares. */
    public static Hl7Header read(byte[] message) {
        return read(new String(message, charsetOf(message)));
    }

    /**
     * The charset of a message's bytes, from MSH-18 (HL7 table 0211): {@code UNICODE UTF-8} is
     * UTF-8, {@code 8859/15} is ISO-8859-15, {@code ASCII}, {@code 8859/1} and anything else are
     * ISO-8859-1 (it decodes every byte, so nothing is lost). Without MSH-18 the bytes are UTF-8
     * when they are valid UTF-8 — pure ASCII is, and modern engines send UTF-8 without saying so
     * — and ISO-8859-1 otherwise (an older LIMS writing "Zoë" in Latin-1 is never valid UTF-8).
     * MSH itself is ASCII, so it is read before the charset is known.
     */
    public static Charset charsetOf(byte[] message) {
        String set = read(new String(message, 0, Math.min(message.length, 2048), StandardCharsets.ISO_8859_1))
                .characterSet();
        return switch (set) {
            case "UNICODE UTF-8", "UTF-8" -> StandardCharsets.UTF_8;
            case "8859/15" -> Charset.forName("ISO-8859-15");
            case "" -> isUtf8(message) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
            default -> StandardCharsets.ISO_8859_1;
        };
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** MSH-4 as plain text: its namespace id, or its universal id when that is all there is. */
    public String sendingFacility() {
        String namespace = plain(component(rawSendingFacility, 0));
        return namespace.isEmpty() ? plain(component(rawSendingFacility, 1)) : namespace;
    }

    /** MSH-3's namespace id as plain text. */
    public String sendingApplication() {
        return plain(component(rawSendingApplication, 0));
    }

    public char fieldSeparator() {
        return delimiters.charAt(0);
    }

    public char componentSeparator() {
        return delimiters.charAt(1);
    }

    public char repetitionSeparator() {
        return delimiters.charAt(2);
    }

    public char escapeCharacter() {
        return delimiters.charAt(3);
    }

    public char subcomponentSeparator() {
        return delimiters.length() > 4 ? delimiters.charAt(4) : '&';
    }

    /** {@code text} escaped with this message's delimiters, so it is one field's plain value. */
    public String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        char esc = escapeCharacter();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == esc) {
                out.append(esc).append('E').append(esc);
            } else if (c == fieldSeparator()) {
                out.append(esc).append('F').append(esc);
            } else if (c == componentSeparator()) {
                out.append(esc).append('S').append(esc);
            } else if (c == repetitionSeparator()) {
                out.append(esc).append('R').append(esc);
            } else if (c == subcomponentSeparator()) {
                out.append(esc).append('T').append(esc);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A field's wire text made plain: the five delimiter escapes undone, other escapes dropped. */
    String plain(String raw) {
        char esc = escapeCharacter();
        if (raw.indexOf(esc) < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            int close = c == esc ? raw.indexOf(esc, i + 1) : -1;
            if (close < 0) {
                out.append(c);
                i++;
                continue;
            }
            switch (raw.substring(i + 1, close)) {
                case "F" -> out.append(fieldSeparator());
                case "S" -> out.append(componentSeparator());
                case "R" -> out.append(repetitionSeparator());
                case "E" -> out.append(esc);
                case "T" -> out.append(subcomponentSeparator());
                default -> { } // formatting (\.br\, \H\) and hex escapes carry no meaning in a header
            }
            i = close + 1;
        }
        return out.toString();
    }

    private String component(String field, int index) {
        String first = repetition(field);
        String[] parts = first.split(java.util.regex.Pattern.quote(String.valueOf(componentSeparator())), -1);
        return index < parts.length ? parts[index] : "";
    }

    private String repetition(String field) {
        int at = field.indexOf(repetitionSeparator());
        return at < 0 ? field : field.substring(0, at);
    }

    private static String field(String[] fields, int number) {
        // MSH-2 is fields[1]; MSH-n (n ≥ 2) is fields[n - 1].
        int index = number - 1;
        return index < fields.length ? fields[index] : "";
    }

    private static String clean(String raw) {
        StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_FIELD));
        for (int i = 0; i < raw.length() && out.length() < MAX_FIELD; i++) {
            char c = raw.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean saneDelimiters(String delimiters) {
        if (delimiters.length() < 4) {
            return false;
        }
        // MSH-2 may be 4 characters (no subcomponents) followed directly by the field separator.
        String chars = delimiters.length() == 5 && delimiters.charAt(4) == delimiters.charAt(0)
                ? delimiters.substring(0, 4) : delimiters;
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (c < 0x21 || c > 0x7E || Character.isLetterOrDigit(c) || chars.indexOf(c) != i) {
                return false;
            }
        }
        return true;
    }
}

package org.confer.text;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.confer.http.ApiException;

/**
 * The field rules of every request, in one place: each failure is a 400 validation problem that
 * names its field. Names and titles are one line of visible text (no control characters, no
 * invisible formatting that would let one name pass for another); descriptions may have lines.
 */
public final class Fields {
    /** Team, channel and group chat names. */
    public static final int MAX_NAME = 120;

    private static final Pattern EMAIL = Pattern.compile(
            "^[^@\\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$");
    /** ODS codes are 3 (trust), 5 (site) or 6 (GP practice) characters; allow 3-10 upper-case alphanumerics. */
    private static final Pattern ORG_CODE = Pattern.compile("^[A-Z0-9]{3,10}$");

    private Fields() {}

    /** One line of text, stripped; 400 when missing or blank. */
    public static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(field, "'" + field + "' is required");
        }
        return optional(field, value, max);
    }

    /** One line of text, stripped; null when absent or blank. */
    public static String optional(String field, String value, int max) {
        return checked(field, value, max, false);
    }

    /** Text that may run over several lines (a description), stripped; null when absent or blank. */
    public static String multiline(String field, String value, int max) {
        return checked(field, value, max, true);
    }

    public static String email(String field, String value) {
        String v = required(field, value, 320);
        if (!EMAIL.matcher(v).matches()) {
            throw ApiException.invalid(field, "'" + field + "' must be an email address such as name@trust.nhs.uk");
        }
        return v;
    }

    /** An organisation code, upper-cased. */
    public static String orgCode(String field, String value) {
        String v = required(field, value, 10).toUpperCase(Locale.ROOT);
        if (!ORG_CODE.matcher(v).matches()) {
            throw ApiException.invalid(field, "'" + field + "' must be 3 to 10 letters or digits (an ODS-style code such as RX1)");
        }
        return v;
    }

    /**
     * A message's markdown source, kept exactly as sent: non-blank, at most {@code maxBytes} of
     * UTF-8, no C0 controls but tab, newline and carriage return. Invisible formatting is allowed
     * here (emoji sequences and right-to-left text need it); names are where it would deceive.
     */
    public static String messageText(String text, int maxBytes) {
        if (text == null || text.isBlank()) {
            throw ApiException.invalid("text", "'text' is required");
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw ApiException.invalid("text", "'text' must be at most " + maxBytes + " bytes of UTF-8 (16 KiB)");
        }
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\r')) {
            throw ApiException.invalid("text", "'text' must not contain control characters");
        }
        return text;
    }

    private static String checked(String field, String value, int max, boolean lines) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw ApiException.invalid(field, "'" + field + "' must be at most " + max + " characters");
        }
        if (v.chars().anyMatch(c -> Character.isISOControl(c) && !(lines && c == '\n'))) {
            throw ApiException.invalid(field, "'" + field + "' must not contain control characters");
        }
        FormatCharacters.refuse(field, v);
        return v.isEmpty() ? null : v;
    }
}

package org.confer.chat;

import java.nio.charset.StandardCharsets;
import org.confer.http.ApiException;

/** Field rules for chat requests; each failure names its field. */
final class ChatValidation {
    private ChatValidation() {}

    static String name(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(field, "'" + field + "' is required");
        }
        return optional(field, value, 120);
    }

    static String optional(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw ApiException.invalid(field, "'" + field + "' must be at most " + max + " characters");
        }
        if (v.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw ApiException.invalid(field, "'" + field + "' must not contain control characters");
        }
        // Invisible formatting (bidi overrides, zero-width characters) would let one name pass for another.
        org.confer.text.FormatCharacters.refuse(field, v);
        return v.isEmpty() ? null : v;
    }

    /** Markdown source: non-blank, at most {@code maxBytes} of UTF-8, no NUL or other C0 controls but tab/newline. */
    static String messageText(String text, int maxBytes) {
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
}

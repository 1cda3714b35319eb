package org.confer.identity;

import java.util.Locale;
import java.util.regex.Pattern;
import org.confer.http.ApiException;

/** Field rules shared by the identity operations; each failure names its field. */
final class Validation {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$");
    /** ODS codes are 3 (trust), 5 (site) or 6 (GP practice) characters; allow 3-10 upper-case alphanumerics. */
    private static final Pattern ORG_CODE = Pattern.compile("^[A-Z0-9]{3,10}$");

    private Validation() {}

    static String email(String field, String value) {
        String v = required(field, value, 320);
        if (!EMAIL.matcher(v).matches()) {
            throw ApiException.invalid(field, "'" + field + "' must be an email address such as name@trust.nhs.uk");
        }
        return v;
    }

    static String orgCode(String field, String value) {
        String v = required(field, value, 10).toUpperCase(Locale.ROOT);
        if (!ORG_CODE.matcher(v).matches()) {
            throw ApiException.invalid(field, "'" + field + "' must be 3 to 10 letters or digits (an ODS-style code such as RX1)");
        }
        return v;
    }

    static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(field, "'" + field + "' is required");
        }
        return optional(field, value, max);
    }

    static String optional(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw ApiException.invalid(field, "'" + field + "' must be at most " + max + " characters");
        }
        if (v.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw ApiException.invalid(field, "'" + field + "' must not contain control characters");
        }
        // Invisible formatting (bidi overrides, zero-width characters) would let one name pass for another.
        org.confer.text.FormatCharacters.refuse(field, v);
        return v.isEmpty() ? null : v;
    }
}

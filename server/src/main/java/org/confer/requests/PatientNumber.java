package org.confer.requests;

import org.confer.http.ApiException;

/** Placeholder until clinical.NhsNumber lands on main. */
final class PatientNumber {
    private PatientNumber() {}

    static String optional(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String digits = raw.replaceAll("[\\s-]", "");
        if (!digits.matches("\\d{10}") || !valid(digits)) {
            throw ApiException.invalid(field, "'" + field + "' is not a valid NHS number (10 digits with a correct check digit)");
        }
        return digits;
    }

    private static boolean valid(String d) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (d.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == d.charAt(9) - '0';
    }
}

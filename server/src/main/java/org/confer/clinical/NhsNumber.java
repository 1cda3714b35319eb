package org.confer.clinical;

import java.util.Optional;

/**
 * NHS numbers (England, Wales, Isle of Man): ten digits, the last a modulus-11 check digit.
 * Weights 10 down to 2 are applied to the first nine digits; the check digit is
 * {@code 11 - (sum mod 11)}, where 11 becomes 0 and 10 means the number can never be valid
 * (NHS Data Dictionary, "NHS Number"). People write them with spaces ({@code 943 476 5919}) or
 * dashes; those are accepted and stripped, nothing else is.
 */
public final class NhsNumber {

    /** The FHIR identifier system of the NHS number (NHS England's FHIR "Id" naming system). */
    public static final String SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";

    private NhsNumber() {}

    /** True when {@code text} is an NHS number: ten digits (spaces and dashes ignored) with a valid check digit. */
    public static boolean isValid(String text) {
        return normalise(text).isPresent();
    }

    /**
     * The ten digits of a valid NHS number, with spaces and dashes removed, or empty when the
     * text is not one (wrong length, another character, wrong check digit, check digit 10).
     */
    public static Optional<String> normalise(String text) {
        if (text == null || text.length() > 20) {
            return Optional.empty();
        }
        StringBuilder digits = new StringBuilder(10);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != ' ' && c != '-') {
                return Optional.empty();
            }
        }
        if (digits.length() != 10) {
            return Optional.empty();
        }
        int expected = checkDigit(digits.substring(0, 9));
        return expected == digits.charAt(9) - '0' ? Optional.of(digits.toString()) : Optional.empty();
    }

    /** The valid NHS number formatted for people, {@code "943 476 5919"}, or empty when it is not one. */
    public static Optional<String> format(String text) {
        return normalise(text).map(d -> d.substring(0, 3) + " " + d.substring(3, 6) + " " + d.substring(6));
    }

    /**
     * The check digit for nine leading digits, or -1 when there is none (the remainder gives 10:
     * no NHS number starts with those nine digits).
     */
    static int checkDigit(String nineDigits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nineDigits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            return 0;
        }
        return check == 10 ? -1 : check;
    }
}

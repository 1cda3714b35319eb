package org.confer.visits;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.confer.http.ApiException;
import org.confer.text.Fields;

/**
 * The rules of what a visitor sends (docs/virtual-visits.md, "Sizes"), pure: names ≤ 100, a
 * well-formed email ≤ 254, a mobile ≤ 20 of {@code +0-9 }, answers ≤ 200 to the ward's own
 * fields only, and consent. Each refusal names its field.
 */
final class BookingForm {
    static final int MAX_NAME = 100;
    static final int MAX_EMAIL = 254;
    static final int MAX_MOBILE = 20;
    static final int MAX_ANSWER = 200;
    private static final Pattern MOBILE = Pattern.compile("^[+0-9 ]{1,20}$");

    /** The booking, checked and normalised. */
    record Checked(Instant slotStart, String visitorName, String visitorEmail, String visitorMobile, String patientName,
                   Map<String, String> answers) {}

    private BookingForm() {}

    static Instant slotStart(String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid("slotStart", "'slotStart' is required: the start of a slot from the slot list");
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("slotStart", "'slotStart' must be a time such as 2027-01-12T14:00:00Z");
        }
    }

    static Checked check(BookingRequest b, VisitCalendar c) {
        Instant start = slotStart(b.slotStart());
        String name = Fields.required("visitorName", b.visitorName(), MAX_NAME);
        String email = Fields.email("visitorEmail", b.visitorEmail());
        if (email.length() > MAX_EMAIL) {
            throw ApiException.invalid("visitorEmail", "'visitorEmail' must be at most " + MAX_EMAIL + " characters");
        }
        String mobile = b.visitorMobile() == null || b.visitorMobile().isBlank() ? null : b.visitorMobile().strip();
        if (mobile != null && !MOBILE.matcher(mobile).matches()) {
            throw ApiException.invalid("visitorMobile", "'visitorMobile' must be at most " + MAX_MOBILE + " digits, spaces or '+'");
        }
        String patient = Fields.required("patientName", b.patientName(), MAX_NAME);
        Map<String, String> given = b.answers() == null ? Map.of() : b.answers();
        for (String key : given.keySet()) {
            if (c.fields().stream().noneMatch(f -> f.name().equals(key))) {
                throw ApiException.invalid("answers." + key, "This ward asks no '" + key + "'");
            }
        }
        Map<String, String> answers = new LinkedHashMap<>();
        for (VisitField f : c.fields()) {
            String v = Fields.optional("answers." + f.name(), given.get(f.name()), MAX_ANSWER);
            if (v == null && f.required()) {
                throw ApiException.invalid("answers." + f.name(), "'" + f.label() + "' is required");
            }
            if (v != null) {
                answers.put(f.name(), v);
            }
        }
        if (!Boolean.TRUE.equals(b.consent())) {
            throw ApiException.invalid("consent", "Please agree to the ward using these details to arrange the visit");
        }
        return new Checked(start, name, email, mobile, patient, answers);
    }
}

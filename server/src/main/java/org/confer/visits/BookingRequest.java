package org.confer.visits;

import java.util.Map;

/** POST /api/v1/public/visit-calendars/{slug}/bookings: what the public page sends. */
public record BookingRequest(String slotStart, String visitorName, String visitorEmail, String visitorMobile, String patientName,
                             Map<String, String> answers, Boolean consent, String website, String challenge, String nonce) {}

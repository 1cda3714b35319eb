package org.confer.visits;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings of virtual visits: how often the reminders tick runs, how hard the booking
 * challenge is, and the SMS gateway (off without a URL). Parsed and checked at start-up.
 */
public record VisitSettings(Duration tick, int powBits, Optional<URI> smsUrl, String smsTemplate, Optional<String> smsAuthorization) {
    /** The contract's template when CONFER_SMS_TEMPLATE is not set. */
    public static final String DEFAULT_SMS_TEMPLATE = "{\"to\":\"{{to}}\",\"text\":\"{{text}}\"}";

    public static VisitSettings defaults() {
        return new VisitSettings(Duration.ofSeconds(30), 16, Optional.empty(), DEFAULT_SMS_TEMPLATE, Optional.empty());
    }
}

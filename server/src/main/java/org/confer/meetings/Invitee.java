package org.confer.meetings;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A person invited by name, whether they present, and their answer.
 *
 * @param rsvp needs-action, accepted, declined or tentative (RFC 5545 PARTSTAT, lower case)
 */
public record Invitee(UUID userId, boolean presenter, String rsvp, OffsetDateTime respondedAt) {
    public static final String NEEDS_ACTION = "needs-action";
}

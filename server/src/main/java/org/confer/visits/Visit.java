package org.confer.visits;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** One booking of one place in one slot (docs/virtual-visits.md, "Model"). */
public record Visit(UUID id, UUID calendarId, UUID organisationId, String reference, OffsetDateTime start, OffsetDateTime end,
                    int place, VisitStatus status, String visitorName, String visitorEmail, String visitorMobile, String patientName,
                    Map<String, String> answers, OffsetDateTime bookedAt, OffsetDateTime cancelledAt, String cancelReason,
                    UUID cancelledBy, OffsetDateTime outcomeAt, UUID outcomeBy, int sequence, OffsetDateTime noticePostedAt) {}

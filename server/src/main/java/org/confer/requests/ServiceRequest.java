package org.confer.requests;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** A request filed to a service, as stored. {@code fields} holds the form's answers as text. */
public record ServiceRequest(UUID id, UUID organisationId, UUID serviceId, long number, UUID requesterId, UUID assigneeId,
                             RequestStatus status, Priority priority, String location, String nhsNumber, String details,
                             Map<String, String> fields, String clientRequestId, UUID queueMessageId,
                             OffsetDateTime createdAt, OffsetDateTime dueAt, OffsetDateTime updatedAt,
                             OffsetDateTime overdueNotifiedAt, OffsetDateTime doneAt) {

    /** Overdue once escalated (the timer's decision is what people were told). */
    public boolean overdue() {
        return overdueNotifiedAt != null && !status.finished();
    }
}

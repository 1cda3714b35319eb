package org.confer.requests;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A service a team offers (phlebotomy, porters, imaging), as stored. */
public record ServiceDefinition(UUID id, UUID organisationId, UUID teamId, String slug, String name,
                                UUID queueConversationId, UUID leadId, boolean askNhsNumber, List<FormField> fields,
                                Targets targets, OffsetDateTime createdAt, boolean archived) {

    public ServiceDefinition {
        fields = List.copyOf(fields);
    }
}

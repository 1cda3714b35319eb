package org.confer.chat;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A conversation and the seq of its latest event.
 *
 * @param visibility channels only: "standard" (every team member) or "private"
 */
public record Conversation(UUID id, ConversationKind kind, UUID teamId, String name, String visibility, long lastSeq,
                           UUID createdBy, OffsetDateTime createdAt, OffsetDateTime archivedAt) {

    public boolean archived() {
        return archivedAt != null;
    }
}

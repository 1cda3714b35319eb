package org.confer.retention;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A legal hold on a person ({@link #USER}) or a conversation: while it is active (not released)
 * retention neither deletes nor anonymises anything it covers (docs/retention.md, "Legal hold").
 */
record LegalHold(UUID id, UUID organisationId, String subjectType, UUID subjectId, String reason, UUID placedBy,
                 OffsetDateTime placedAt, UUID releasedBy, OffsetDateTime releasedAt) {
    static final String USER = "user";
    static final String CONVERSATION = "conversation";

    boolean active() {
        return releasedAt == null;
    }
}

package org.confer.calls;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One call as stored: in which conversation, for which meeting occurrence (null for an ad-hoc
 * call), its media and topology (fixed at the start), its SFU room, when it started and ended, and the
 * node that holds its roster ({@code ownerNode}, the bus's node id; null for calls from before V30).
 */
public record Call(UUID id, UUID conversationId, UUID meetingId, OffsetDateTime occurrenceStart, String media, String topology,
                   Long sfuRoom, UUID startedBy, OffsetDateTime startedAt, OffsetDateTime endedAt, String ownerNode) {

    public static final String MESH = "mesh";
    public static final String SFU = "sfu";

    public boolean isMeeting() {
        return meetingId != null;
    }

    public boolean ended() {
        return endedAt != null;
    }
}

package org.confer.meetings;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.confer.calls.LobbyPolicy;

/**
 * A scheduled meeting as stored. {@code conversationId} is its chat: the channel itself when
 * {@code channelId} is set, otherwise a group conversation made with the meeting.
 */
public record Meeting(UUID id, UUID organiserId, UUID organisationId, UUID conversationId, UUID channelId, String title,
                      String description, Schedule schedule, LobbyPolicy lobby, String media, int sequence,
                      OffsetDateTime cancelledAt, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public boolean cancelled() {
        return cancelledAt != null;
    }
}

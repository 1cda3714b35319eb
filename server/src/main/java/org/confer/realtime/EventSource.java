package org.confer.realtime;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What the stream gateway reads from the chat feature: membership and the stored event logs. */
public interface EventSource {

    /** A conversation the user belongs to and the seq of its latest event. */
    record Cursor(UUID conversationId, long lastSeq) {}

    Set<UUID> memberIds(UUID conversationId);

    List<Cursor> conversationsOf(UUID userId);

    /** Stored frames with seq in (after, upTo], ascending, at most limit. */
    List<ConversationFrame> frames(UUID conversationId, long after, long upTo, int limit);

    /** Stored user frames after userSeq, ascending, at most limit. */
    List<UserFrame> userFrames(UUID userId, long afterUserSeq, int limit);

    long lastUserSeq(UUID userId);
}

package org.confer.events;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Who hears a conversation's events: its members. Implemented by the feature that owns
 * membership (chat) and read by the stream's fan-out, which therefore needs no feature's classes.
 */
public interface Audience {

    /** A conversation the person belongs to and the seq of its latest event. */
    record Cursor(UUID conversationId, long lastSeq) {}

    Set<UUID> memberIds(UUID conversationId);

    List<Cursor> conversationsOf(UUID userId);
}

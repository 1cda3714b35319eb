package org.confer.identity;

import java.util.UUID;

/** Told when sessions end, so that what they opened (stream connections) ends with them. */
public interface SessionEndListener {
    /** One session ended. */
    void sessionEnded(UUID userId, UUID sessionId);

    /** Every session of the user ended except {@code kept} (null: all). */
    void sessionsEnded(UUID userId, UUID kept);

    /** The user's role or status changed: whatever was cached of their sessions is stale (on every node). */
    default void userChanged(UUID userId) {}
}

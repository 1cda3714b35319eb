package org.confer.events;

import java.util.UUID;

/**
 * A person's sessions ended, or what they may do changed. Every node hears it: each forgets the
 * sessions it cached for the person and closes the streams that ended with them. Without it a
 * node would serve a signed-out session from its cache for a few seconds, and a stream opened on
 * another node would live on after its session ended.
 *
 * @param sessionId the session that ended ({@link Ended#ONE}) or the one kept ({@link Ended#ALL_BUT}, may be null)
 */
public record SessionChange(UUID userId, Ended ended, UUID sessionId, String reason) {

    /** Which of the person's streams close. */
    public enum Ended { NONE, ONE, ALL_BUT, ALL }

    /** The person's role or status changed: caches are forgotten, streams stay open. */
    public static SessionChange userChanged(UUID userId) {
        return new SessionChange(userId, Ended.NONE, null, null);
    }

    public static SessionChange sessionEnded(UUID userId, UUID sessionId) {
        return new SessionChange(userId, Ended.ONE, sessionId, "session ended");
    }

    /** Every session but {@code kept} ended (null: all of them). */
    public static SessionChange sessionsEnded(UUID userId, UUID kept) {
        return new SessionChange(userId, Ended.ALL_BUT, kept, "session ended");
    }

    /** Every stream of the person closes with this reason (disabled, a visit cancelled). */
    public static SessionChange disconnect(UUID userId, String reason) {
        return new SessionChange(userId, Ended.ALL, null, reason);
    }

    /** Whether a stream of this session ends with this change. */
    public boolean ends(UUID streamSessionId) {
        return switch (ended) {
            case NONE -> false;
            case ONE -> streamSessionId.equals(sessionId);
            case ALL_BUT -> !streamSessionId.equals(sessionId);
            case ALL -> true;
        };
    }
}

package org.confer.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What the realtime stream needs to know of sessions (implemented by SessionService): when each one ends if
 * it is not used again, and that the person behind a stream is active. See docs/protocol.md
 * section 3.7 for which stream frames count as activity.
 */
public interface StreamSessions {
    /** When the session ends unless it is used again; empty when it has ended already. */
    Optional<Instant> liveUntil(UUID sessionId);

    /** The person used the session (at most about once a minute per stream is enough). */
    void used(UUID sessionId);
}

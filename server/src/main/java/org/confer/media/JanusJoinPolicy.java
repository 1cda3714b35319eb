package org.confer.media;

import java.util.UUID;

/**
 * Whether a person may join a VideoRoom now: they hold a live grant for the call that owns the
 * room (calls implements it; docs/calls-and-meetings.md, "Janus"). Asked by {@link JanusRelay}
 * before it forwards any VideoRoom join.
 */
@FunctionalInterface
public interface JanusJoinPolicy {
    boolean mayJoin(UUID userId, long room);
}

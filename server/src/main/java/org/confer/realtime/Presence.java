package org.confer.realtime;

import java.time.Instant;
import java.util.UUID;

/**
 * Someone's presence as others see it now.
 *
 * @param note         their status note, or null
 * @param lastActiveAt their last stream activity on this node, or null when none since it started
 * @param until        when their chosen status and note revert to automatic, or null
 * @param inCall       whether they are a participant of a call now (docs/calls-and-meetings.md)
 */
public record Presence(UUID userId, PresenceStatus status, String note, Instant lastActiveAt, Instant until, boolean inCall) {}

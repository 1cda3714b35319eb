package org.confer.pins;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A pinned message of a conversation: who pinned it and when. */
public record Pin(UUID messageId, UUID pinnedBy, OffsetDateTime pinnedAt, PinnedMessage message) {}

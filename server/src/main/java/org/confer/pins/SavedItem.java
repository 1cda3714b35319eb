package org.confer.pins;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A message one person saved for later, in a conversation they are still a member of. */
public record SavedItem(UUID conversationId, UUID messageId, OffsetDateTime savedAt, PinnedMessage message) {}

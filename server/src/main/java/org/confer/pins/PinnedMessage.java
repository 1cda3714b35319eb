package org.confer.pins;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A message as the pinned and saved lists show it: enough to read it and open it in its
 * conversation (its current text; a deleted message has none and {@code deletedAt} set).
 */
public record PinnedMessage(UUID id, UUID conversationId, long seq, UUID authorId, UUID threadRootId, String text,
                            boolean urgent, OffsetDateTime createdAt, OffsetDateTime editedAt, OffsetDateTime deletedAt) {}

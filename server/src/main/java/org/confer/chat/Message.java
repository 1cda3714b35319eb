package org.confer.chat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.confer.events.MessageCard;

/**
 * A stored message. {@code text} is markdown source (never HTML) and null once deleted;
 * {@code card} is a bot message's structured part, or null (docs/bots-and-results.md, "Cards").
 */
public record Message(UUID id, UUID conversationId, long seq, UUID authorId, String clientMsgId, UUID threadRootId,
                      String text, boolean urgent, List<UUID> mentions, boolean mentionsChannel,
                      OffsetDateTime createdAt, OffsetDateTime editedAt, OffsetDateTime deletedAt, MessageCard card) {}

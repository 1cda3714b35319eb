package org.confer.activity;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One activity as the store reads it, before the service turns it into an item.
 *
 * @param seq     the conversation seq of what happened, when known (the message, or the event
 *                that added me); null for reactions, whose seq is not kept with them
 * @param readSeq my read marker in that conversation
 * @param text    the message's current text; null when deleted or when there is no message
 * @param addedBy for {@link ActivityKind#ADDED}: the member.added event's JSON, to read {@code by} from
 */
record ActivityRow(ActivityKind kind, UUID conversationId, UUID messageId, UUID threadRootId, UUID actorId,
                   OffsetDateTime at, Long seq, long readSeq, String text, boolean edited, boolean deleted,
                   String emoji, boolean everyone, String addedBy) {}

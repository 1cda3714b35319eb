package org.confer.activity;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An entry of the activity feed (docs/api/openapi.json, ActivityItem).
 *
 * @param id       stable across requests and live construction in clients:
 *                 {@code mention:<messageId>}, {@code urgent:<messageId>},
 *                 {@code reaction:<messageId>:<userId>:<emoji>}, {@code added:<conversationId>:<seq>},
 *                 {@code reply:<messageId>}, {@code direct:<messageId>}
 * @param preview  the start of the message's current text (markdown source; clients show it as
 *                 plain text); absent when deleted
 * @param read     the person has seen it: in the conversation (read marker at or past it) or in the feed
 */
public record ActivityItem(String id, String kind, UUID conversationId, UUID messageId, UUID threadRootId, UUID actorId,
                           OffsetDateTime at, Long seq, String preview, Boolean edited, Boolean deleted, String emoji,
                           Boolean everyone, boolean read) {}

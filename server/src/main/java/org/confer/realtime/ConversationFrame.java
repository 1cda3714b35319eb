package org.confer.realtime;

import java.util.UUID;

/**
 * A persisted conversation event ready to send: the whole WebSocket frame, encoded once and
 * shared by every recipient.
 */
public record ConversationFrame(UUID conversationId, long seq, String frame) {}

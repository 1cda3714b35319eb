package org.confer.events;

import java.util.UUID;

/** One row of a conversation's event log: its seq, kind and JSON payload as stored. */
public record StoredEvent(UUID conversationId, long seq, String kind, String payload) {}

package org.confer.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A persisted conversation event ready to send: the whole WebSocket text frame, encoded to UTF-8
 * once. Every recipient's connection writes a read-only view of the same bytes.
 */
public record ConversationFrame(UUID conversationId, long seq, String frame, ByteBuffer utf8) {

    public ConversationFrame(UUID conversationId, long seq, String frame) {
        this(conversationId, seq, frame, ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer());
    }

    /** An independent view (own position) of the shared bytes, for one send. */
    public ByteBuffer bytes() {
        return utf8.duplicate();
    }
}

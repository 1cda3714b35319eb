package org.confer.realtime;

import java.util.UUID;

/**
 * Builds frames around stored JSON payloads by concatenation, so the payload stored at write
 * time is the payload sent — no re-serialisation per recipient or per replay.
 */
public final class Frames {
    private Frames() {}

    public static String event(UUID conversationId, long seq, String payloadJson) {
        return "{\"type\":\"event\",\"conversationId\":\"" + conversationId + "\",\"seq\":" + seq + ",\"event\":" + payloadJson + "}";
    }

    public static String userEvent(long userSeq, String payloadJson) {
        return "{\"type\":\"user-event\",\"userSeq\":" + userSeq + ",\"event\":" + payloadJson + "}";
    }
}

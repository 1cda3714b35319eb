package org.confer.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;

/**
 * The one place stream frames become text (docs/protocol.md section 3). Control and ephemeral
 * frames go through Jackson, so text from a client echoed in an error is always escaped right.
 * Event frames wrap the payload stored at write time by concatenation: what was stored is what
 * is sent, encoded once per event however many receive or replay it (EventCatalogueTest checks
 * that the concatenation equals Jackson's rendering of the same record).
 */
public final class FrameWriter {
    private static final String PONG = "{\"type\":\"pong\"}";

    private final ObjectMapper mapper;

    public FrameWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(ServerFrame frame) {
        return switch (frame) {
            case ServerFrame.Event e -> "{\"type\":\"event\",\"conversationId\":\"" + e.conversationId() + "\",\"seq\":" + e.seq()
                    + ",\"event\":" + e.payloadJson() + "}";
            case ServerFrame.UserEventFrame u -> "{\"type\":\"user-event\",\"userSeq\":" + u.userSeq() + ",\"event\":"
                    + u.payloadJson() + "}";
            case ServerFrame.Pong p -> PONG;
            case ServerFrame.Ready r -> "{\"type\":\"ready\",\"replayed\":" + r.replayed() + "}";
            case ServerFrame.Error e -> json(e);
            case ServerFrame.ResyncRequired r -> json(r);
            case ServerFrame.UserResyncRequired r -> json(r);
            case ServerFrame.NotAMember n -> json(n);
            case ServerFrame.Typing t -> json(t);
            case ServerFrame.Read r -> json(r);
            case ServerFrame.Presence p -> json(p);
            case ServerFrame.CallRing r -> json(r);
            case ServerFrame.CallRingStopped r -> json(r);
            case ServerFrame.CallRoster r -> json(r);
            // signalJson must be a JSON object the sender's frame held, re-serialised by the relay.
            case ServerFrame.CallSignal s -> json(s);
            case ServerFrame.CallLobby l -> json(l);
            case ServerFrame.CallAdmission a -> json(a);
        };
    }

    /** A stored conversation event as the frame every member's connection sends. */
    public ConversationFrame conversationFrame(UUID conversationId, long seq, String payloadJson) {
        return new ConversationFrame(conversationId, seq, write(new ServerFrame.Event(conversationId, seq, payloadJson)));
    }

    /** A stored user event as the frame each of that person's connections sends. */
    public UserFrame userFrame(UUID userId, long userSeq, String payloadJson) {
        return new UserFrame(userId, userSeq, write(new ServerFrame.UserEventFrame(userSeq, payloadJson)));
    }

    private String json(ServerFrame frame) {
        try {
            return mapper.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + frame.getClass().getSimpleName() + " frame", e);
        }
    }
}

package org.confer.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every frame the server sends on the stream (docs/protocol.md section 3), one record each.
 * {@link FrameWriter} turns any of them into the text frame; its switch over this sealed type is
 * exhaustive, so a new frame cannot be sent without being written the one way.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public sealed interface ServerFrame {

    /** The replay is over; {@code replayed} events were sent before it. */
    @JsonTypeName("ready")
    record Ready(long replayed) implements ServerFrame {}

    /** A refused client frame or a problem with the stream; {@code conversationId} when about one conversation. */
    @JsonTypeName("error")
    record Error(String code, String message, UUID conversationId) implements ServerFrame {
        public Error(String code, String message) {
            this(code, message, null);
        }
    }

    /** Events fromSeq..lastSeq of a conversation will not be replayed: fetch them over REST. */
    @JsonTypeName("resync-required")
    record ResyncRequired(UUID conversationId, long fromSeq, long lastSeq) implements ServerFrame {}

    /** The user log cannot be replayed from the client's userSeq: reload lists, then use lastUserSeq. */
    @JsonTypeName("user-resync-required")
    record UserResyncRequired(long fromUserSeq, long lastUserSeq) implements ServerFrame {}

    /** A cursor named a conversation the person is not (or no longer) in. */
    @JsonTypeName("not-a-member")
    record NotAMember(UUID conversationId) implements ServerFrame {}

    @JsonTypeName("pong")
    record Pong() implements ServerFrame {}

    /** Someone else is typing in a conversation (ephemeral). */
    @JsonTypeName("typing")
    record Typing(UUID conversationId, UUID userId) implements ServerFrame {}

    /** Someone else read up to readSeq in a direct or group chat (ephemeral). */
    @JsonTypeName("read")
    record Read(UUID conversationId, UUID userId, long readSeq) implements ServerFrame {}

    /**
     * A person's presence changed; note, lastActiveAt and until (when the chosen status clears
     * itself) are sent even when null so clients can clear them. {@code inCall}: they are a
     * participant of a call now.
     */
    @JsonTypeName("presence")
    record Presence(UUID userId, String status, @JsonInclude(JsonInclude.Include.ALWAYS) String note,
                    @JsonInclude(JsonInclude.Include.ALWAYS) Instant lastActiveAt,
                    @JsonInclude(JsonInclude.Include.ALWAYS) Instant until, boolean inCall) implements ServerFrame {}

    /** A stored conversation event; {@code payloadJson} is the payload exactly as stored, sent as {@code event}. */
    @JsonTypeName("event")
    record Event(UUID conversationId, long seq, @JsonProperty("event") @JsonRawValue String payloadJson) implements ServerFrame {}

    /** A stored user event; {@code payloadJson} is the payload exactly as stored, sent as {@code event}. */
    @JsonTypeName("user-event")
    record UserEventFrame(long userSeq, @JsonProperty("event") @JsonRawValue String payloadJson) implements ServerFrame {}

    // ---- calls (docs/calls-and-meetings.md): ephemeral, never stored or replayed ----

    /** Someone is calling this person: show the incoming-call notice. */
    @JsonTypeName("call.ring")
    record CallRing(UUID callId, UUID conversationId, UUID from, String media) implements ServerFrame {}

    /** Stop ringing: {@code reason} is answered, declined, missed or ended. */
    @JsonTypeName("call.ring-stopped")
    record CallRingStopped(UUID callId, String reason) implements ServerFrame {}

    /** One peer of a call as the roster shows it. */
    record CallPeer(UUID peerId, UUID userId, Instant joinedAt, boolean muted, boolean camera, boolean screen,
                    boolean hand) {}

    /** Who is in a call now, sent to every member of its conversation on every change. */
    @JsonTypeName("call.roster")
    record CallRoster(UUID callId, UUID conversationId, String topology, List<CallPeer> participants, boolean ended)
            implements ServerFrame {}

    /** Signalling for one peer of a mesh call; {@code signalJson} is the sender's object, relayed as it came. */
    @JsonTypeName("call.signal")
    record CallSignal(UUID callId, UUID fromPeer, UUID fromUser, UUID toPeer,
                      @JsonProperty("signal") @JsonRawValue String signalJson) implements ServerFrame {}

    /** One person waiting in a meeting's lobby. */
    record LobbyEntry(UUID userId, Instant since) {}

    /** Who waits in the lobby, for the organiser and presenters. */
    @JsonTypeName("call.lobby")
    record CallLobby(UUID callId, List<LobbyEntry> waiting) implements ServerFrame {}

    /** The lobby's answer to the person waiting (admitted, denied) or to a participant removed. */
    @JsonTypeName("call.admission")
    record CallAdmission(UUID callId, String state) implements ServerFrame {}
}

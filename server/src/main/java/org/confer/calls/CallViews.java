package org.confer.calls;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.confer.media.IceServer;

/** What the calls API answers (docs/calls-and-meetings.md, "HTTP API"): the wire shapes, apart from the domain. */
public final class CallViews {
    private CallViews() {}

    /** One peer in a call and their controls. */
    public record ParticipantView(UUID peerId, UUID userId, Instant joinedAt, boolean muted, boolean camera, boolean screen,
                                  boolean hand) {}

    /** A call and who is in it now; {@code endedAt} is null while it is live. */
    public record CallView(UUID id, UUID conversationId, @JsonInclude(JsonInclude.Include.ALWAYS) UUID meetingId,
                           @JsonInclude(JsonInclude.Include.ALWAYS) OffsetDateTime occurrenceStart, String media, String topology,
                           UUID startedBy, OffsetDateTime startedAt, @JsonInclude(JsonInclude.Include.ALWAYS) OffsetDateTime endedAt,
                           List<ParticipantView> participants) {}

    /** A started call, or the live one that was answered instead. */
    public record Started(CallView call, boolean created) {}

    /** What the browser needs to reach the SFU (null on a mesh). */
    public record JanusGrant(String path, long room, String token, String roomToken, Instant expiresAt) {}

    /** The answer to a join: joined with a grant, or waiting in the lobby (told apart by {@code state}, also between nodes). */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "state", visible = true)
    @JsonSubTypes({@JsonSubTypes.Type(value = JoinGrant.class, name = "joined"), @JsonSubTypes.Type(value = Waiting.class, name = "waiting")})
    public sealed interface JoinResult permits JoinGrant, Waiting {
        String state();

        UUID callId();
    }

    public record JoinGrant(String state, UUID callId, UUID peerId, String topology, String media, List<IceServer> iceServers,
                            String iceTransportPolicy, @JsonInclude(JsonInclude.Include.ALWAYS) JanusGrant janus, CallView call)
            implements JoinResult {}

    public record Waiting(String state, UUID callId) implements JoinResult {
        public Waiting(UUID callId) {
            this("waiting", callId);
        }
    }

    /** One day of one organisation's calls: calls held, distinct people, and participant-minutes. */
    public record UsageDay(String day, UUID organisationId, int calls, int participants, long participantMinutes) {}

    public record Usage(String from, String to, List<UsageDay> items) {}
}

package org.confer.events;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An event in a conversation's log (docs/protocol.md section 4): one record per kind, each
 * naming its kind with {@code @JsonTypeName}. Jackson writes that name first, as {@code kind},
 * so the stored payload is {@code {"kind":"member.added","userId":...,"by":...}}.
 *
 * <p>The records are the wire shape and nothing else: they are kept apart from the REST views
 * (a view may grow a field without changing what is stored in the log). Sealed, so a switch over
 * the kinds is exhaustive; the web client's union in web/src/protocol/events.ts is kept in step by
 * EventCatalogueTest. To add a kind, see docs/contributing.md.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
public sealed interface ConversationEvent {

    /**
     * A message as events carry it: no reactions or reply counts (events carry those changes themselves).
     * {@code files} is null (absent in JSON) when the message carries none (docs/files.md).
     */
    record MessageSnapshot(UUID id, UUID conversationId, long seq, UUID authorId, String clientMsgId, UUID threadRootId,
                           String text, boolean urgent, List<UUID> mentions, boolean mentionsChannel,
                           OffsetDateTime createdAt, OffsetDateTime editedAt, OffsetDateTime deletedAt,
                           MessageCard card, List<FileSnapshot> files) {}

    /** A file a message carries, as the message shows it; {@code status} is scanning, ready or infected. */
    record FileSnapshot(UUID id, String name, String contentType, long size, String status, Integer width, Integer height,
                        boolean thumbnail) {}

    /** A conversation as events carry it; {@code lastSeq} is the seq of the event that carries it. */
    record ConversationSnapshot(UUID id, String kind, UUID teamId, String name, String visibility, long lastSeq,
                                boolean archived, OffsetDateTime createdAt) {}

    @JsonTypeName("conversation.created")
    record ConversationCreated(ConversationSnapshot conversation, List<UUID> memberIds, UUID by) implements ConversationEvent {}

    @JsonTypeName("conversation.renamed")
    record ConversationRenamed(String name, UUID by) implements ConversationEvent {}

    @JsonTypeName("conversation.archived")
    record ConversationArchived(UUID by) implements ConversationEvent {}

    @JsonTypeName("member.added")
    record MemberAdded(UUID userId, UUID by) implements ConversationEvent {}

    @JsonTypeName("member.removed")
    record MemberRemoved(UUID userId, UUID by) implements ConversationEvent {}

    /** Stored at the message's own seq; after an edit or deletion the stored copy carries the current text. */
    @JsonTypeName("message.posted")
    record MessagePosted(MessageSnapshot message) implements ConversationEvent {}

    @JsonTypeName("message.edited")
    record MessageEdited(MessageSnapshot message) implements ConversationEvent {}

    /** A bot changed its message's card (a request was claimed, a result acknowledged); the text is unchanged. */
    @JsonTypeName("message.card-updated")
    record MessageCardUpdated(UUID messageId, MessageCard card, UUID by) implements ConversationEvent {}

    /**
     * The files a message carries changed status (a file held as scanning was scanned: ready or
     * infected); {@code files} is all of the message's files as they are now, in order.
     */
    @JsonTypeName("message.files-updated")
    record MessageFilesUpdated(UUID messageId, List<FileSnapshot> files) implements ConversationEvent {}

    @JsonTypeName("message.deleted")
    record MessageDeleted(UUID messageId, UUID by) implements ConversationEvent {}

    @JsonTypeName("reaction.added")
    record ReactionAdded(UUID messageId, UUID userId, String emoji) implements ConversationEvent {}

    @JsonTypeName("reaction.removed")
    record ReactionRemoved(UUID messageId, UUID userId, String emoji) implements ConversationEvent {}

    @JsonTypeName("message.acknowledged")
    record MessageAcknowledged(UUID messageId, UUID userId, OffsetDateTime acknowledgedAt) implements ConversationEvent {}

    /** A member pinned a message for everyone in the conversation (docs/protocol.md section 4). */
    @JsonTypeName("message.pinned")
    record MessagePinned(UUID messageId, UUID by, OffsetDateTime pinnedAt) implements ConversationEvent {}

    @JsonTypeName("message.unpinned")
    record MessageUnpinned(UUID messageId, UUID by) implements ConversationEvent {}

    /** A call started in the conversation (docs/calls-and-meetings.md); {@code meetingId} is null for an ad-hoc call. */
    @JsonTypeName("call.started")
    record CallStarted(UUID callId, UUID by, String media, String topology, UUID meetingId) implements ConversationEvent {}

    /** The call ended: the last participant left. {@code participants} are everyone who joined. */
    @JsonTypeName("call.ended")
    record CallEnded(UUID callId, OffsetDateTime startedAt, OffsetDateTime endedAt, List<UUID> participants)
            implements ConversationEvent {}

    /** A direct or group call that these people were rung for and never answered. */
    @JsonTypeName("call.missed")
    record CallMissed(UUID callId, UUID caller, List<UUID> missedBy) implements ConversationEvent {}
}

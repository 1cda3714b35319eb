package org.confer.chat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.confer.events.ConversationEvent.FileSnapshot;
import org.confer.events.MessageCard;

/** JSON shapes of the chat REST API (docs/api/openapi.json). Events have their own records in org.confer.events. */
public final class ChatViews {
    private ChatViews() {}

    /**
     * A message. {@code reactions} and {@code replyCount} are filled in history and thread answers
     * and left out of events (events carry reaction changes themselves). {@code files} is absent
     * when the message carries none (the file chip shares the event snapshot's shape).
     */
    public record MessageView(UUID id, UUID conversationId, long seq, UUID authorId, String clientMsgId, UUID threadRootId,
                              String text, boolean urgent, List<UUID> mentions, boolean mentionsChannel,
                              OffsetDateTime createdAt, OffsetDateTime editedAt, OffsetDateTime deletedAt,
                              List<MessageStore.Reaction> reactions, Integer replyCount, MessageCard card, List<FileSnapshot> files) {
        public static MessageView of(Message m) {
            return new MessageView(m.id(), m.conversationId(), m.seq(), m.authorId(), m.clientMsgId(), m.threadRootId(),
                    m.text(), m.urgent(), m.mentions(), m.mentionsChannel(), m.createdAt(), m.editedAt(), m.deletedAt(),
                    null, null, m.deletedAt() == null ? m.card() : null, null);
        }

        public static MessageView of(Message m, List<FileSnapshot> files) {
            return of(m).withFiles(files);
        }

        public MessageView with(List<MessageStore.Reaction> reactions, Integer replyCount) {
            return new MessageView(id, conversationId, seq, authorId, clientMsgId, threadRootId, text, urgent, mentions,
                    mentionsChannel, createdAt, editedAt, deletedAt, reactions, replyCount, card, files);
        }

        public MessageView withFiles(List<FileSnapshot> files) {
            return new MessageView(id, conversationId, seq, authorId, clientMsgId, threadRootId, text, urgent, mentions,
                    mentionsChannel, createdAt, editedAt, deletedAt, reactions, replyCount, card,
                    files == null || files.isEmpty() || deletedAt != null ? null : files);
        }
    }

    public record ConversationView(UUID id, String kind, UUID teamId, String name, String visibility, long lastSeq,
                                   boolean archived, OffsetDateTime createdAt) {
        public static ConversationView of(Conversation c) {
            return new ConversationView(c.id(), c.kind().code(), c.teamId(), c.name(), c.visibility(), c.lastSeq(),
                    c.archived(), c.createdAt());
        }
    }

    /** A conversation in the caller's list, with their read state; {@code createdBy} who started it. */
    public record ConversationSummary(UUID id, String kind, UUID teamId, String name, String visibility, long lastSeq,
                                      long readSeq, int unreadCount, int mentionCount, boolean archived,
                                      List<UUID> memberIds, UUID createdBy) {}

    public record TeamView(UUID id, String name, String description, String myRole, OffsetDateTime createdAt) {}
}

package org.confer.chat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** JSON shapes of the chat API and of stored event payloads (docs/protocol.md). */
public final class ChatViews {
    private ChatViews() {}

    /**
     * A message. {@code reactions} and {@code replyCount} are filled in history and thread answers
     * and left out of events (events carry reaction changes themselves).
     */
    public record MessageView(UUID id, UUID conversationId, long seq, UUID authorId, String clientMsgId, UUID threadRootId,
                              String text, boolean urgent, List<UUID> mentions, boolean mentionsChannel,
                              OffsetDateTime createdAt, OffsetDateTime editedAt, OffsetDateTime deletedAt,
                              List<MessageStore.Reaction> reactions, Integer replyCount) {
        public static MessageView of(Message m) {
            return new MessageView(m.id(), m.conversationId(), m.seq(), m.authorId(), m.clientMsgId(), m.threadRootId(),
                    m.text(), m.urgent(), m.mentions(), m.mentionsChannel(), m.createdAt(), m.editedAt(), m.deletedAt(),
                    null, null);
        }

        public MessageView with(List<MessageStore.Reaction> reactions, Integer replyCount) {
            return new MessageView(id, conversationId, seq, authorId, clientMsgId, threadRootId, text, urgent, mentions,
                    mentionsChannel, createdAt, editedAt, deletedAt, reactions, replyCount);
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

    // ---- event payloads (the "event" member of an event frame) ----

    public record MessagePosted(String kind, MessageView message) {
        public MessagePosted(MessageView message) {
            this("message.posted", message);
        }
    }

    public record ConversationCreated(String kind, ConversationView conversation, List<UUID> memberIds, UUID by) {
        public ConversationCreated(ConversationView conversation, List<UUID> memberIds, UUID by) {
            this("conversation.created", conversation, memberIds, by);
        }
    }

    public record MemberChanged(String kind, UUID userId, UUID by) {}

    public record MessageEdited(String kind, MessageView message) {
        public MessageEdited(MessageView message) {
            this("message.edited", message);
        }
    }

    public record MessageDeleted(String kind, UUID messageId, UUID by) {
        public MessageDeleted(UUID messageId, UUID by) {
            this("message.deleted", messageId, by);
        }
    }

    public record ReactionChanged(String kind, UUID messageId, UUID userId, String emoji) {}

    public record Acknowledged(String kind, UUID messageId, UUID userId, OffsetDateTime acknowledgedAt) {
        public Acknowledged(UUID messageId, UUID userId, OffsetDateTime acknowledgedAt) {
            this("message.acknowledged", messageId, userId, acknowledgedAt);
        }
    }

    public record Renamed(String kind, String name, UUID by) {
        public Renamed(String name, UUID by) {
            this("conversation.renamed", name, by);
        }
    }

    public record Archived(String kind, UUID by) {
        public Archived(UUID by) {
            this("conversation.archived", by);
        }
    }

    // ---- user event payloads ----

    public record ConversationAdded(String kind, ConversationView conversation) {
        public ConversationAdded(ConversationView conversation) {
            this("conversation.added", conversation);
        }
    }

    public record ConversationRemoved(String kind, UUID conversationId) {
        public ConversationRemoved(UUID conversationId) {
            this("conversation.removed", conversationId);
        }
    }

    /** An urgent message for this user: the first notice (attempt 1) and each reminder after it. */
    public record UrgentNotice(String kind, UUID conversationId, UUID messageId, int attempt) {
        public UrgentNotice(UUID conversationId, UUID messageId, int attempt) {
            this("message.urgent", conversationId, messageId, attempt);
        }
    }

    public record ReadMoved(String kind, UUID conversationId, long readSeq) {
        public ReadMoved(UUID conversationId, long readSeq) {
            this("read.moved", conversationId, readSeq);
        }
    }
}

package org.confer.chat;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.db.Database;
import org.confer.identity.Principal;

/**
 * What happens to a message after it is posted: edits (author only, every earlier text kept),
 * deletion (author or team owner; a tombstone stays), reactions, threads, and the
 * acknowledgement of urgent messages.
 */
public final class MessageService {
    public static final int MAX_DISTINCT_REACTIONS = 50;
    /**
     * Edits kept per message. Every earlier text stays for audit (what a clinician was shown
     * matters), so rather than forget old versions, edits past this are refused: storage per
     * message is bounded at about 50 × 16 KiB, and no realistic correction needs more.
     */
    public static final int MAX_EDITS_PER_MESSAGE = 50;

    /** A recipient's acknowledgement state, for the sender's "who has seen this" view. */
    public record Acknowledgement(UUID userId, OffsetDateTime acknowledgedAt, int notifiedCount) {}

    private final Database db;
    private final ChatService chat;
    private final ChatWriter writer;
    private final MessageStore messages;
    private final TeamStore teams;
    private final ConversationStore conversations;
    private final UrgentStore urgent;
    private final WriteBudgets budgets;
    private final Clock clock;

    public MessageService(Database db, ChatService chat, ChatWriter writer, MessageStore messages, TeamStore teams,
                          ConversationStore conversations, UrgentStore urgent, WriteBudgets budgets, Clock clock) {
        this.db = db;
        this.chat = chat;
        this.writer = writer;
        this.messages = messages;
        this.teams = teams;
        this.conversations = conversations;
        this.urgent = urgent;
        this.budgets = budgets;
        this.clock = clock;
    }

    public Message edit(Principal who, UUID conversationId, UUID messageId, String text) {
        String body = ChatValidation.messageText(text, ChatService.MAX_TEXT_BYTES);
        Conversation c = chat.conversation(who, conversationId);
        requireWritable(c);
        budgets.take(who.userId(), WriteBudgets.Kind.CHANGE);
        return writer.inConversation(conversationId, tx -> {
            Message m = find(tx.dsl(), conversationId, messageId);
            if (!m.authorId().equals(who.userId())) {
                throw ApiException.forbidden("Only the author can edit a message");
            }
            if (m.deletedAt() != null) {
                throw new ApiException(ProblemType.GONE, "The message was deleted");
            }
            if (m.text().equals(body)) {
                return m;
            }
            if (messages.versionCount(tx.dsl(), messageId) >= MAX_EDITS_PER_MESSAGE) {
                // Every earlier text is kept for audit, so the number of edits is what is bounded.
                throw new ApiException(ProblemType.CONFLICT, "A message can be edited at most " + MAX_EDITS_PER_MESSAGE
                        + " times; send a new message instead");
            }
            List<UUID> mentions = ChatService.mentionsIn(body, Set.copyOf(conversations.memberIds(tx.dsl(), conversationId)));
            messages.saveVersion(tx.dsl(), messageId, m.text(), who.userId(), tx.now);
            messages.updateText(tx.dsl(), messageId, body, mentions, tx.now);
            Message edited = messages.byId(tx.dsl(), messageId).orElseThrow();
            // Earlier stored events of the message now carry the new text too: members see only the
            // current text, even by replaying the log; earlier texts stay in message_versions for audit.
            tx.redactMessage(edited);
            tx.appendIfWritable(conversationId, "message.edited", new ChatViews.MessageEdited(ChatViews.MessageView.of(edited)));
            return edited;
        });
    }

    public void delete(Principal who, UUID conversationId, UUID messageId) {
        Conversation c = chat.conversation(who, conversationId);
        requireWritable(c);
        budgets.take(who.userId(), WriteBudgets.Kind.CHANGE);
        writer.inConversation(conversationId, tx -> {
            Message m = find(tx.dsl(), conversationId, messageId);
            boolean author = m.authorId().equals(who.userId());
            boolean owner = c.teamId() != null && teams.isOwner(tx.dsl(), c.teamId(), who.userId());
            if (!author && !owner) {
                throw ApiException.forbidden("Only the author or a team owner can delete a message");
            }
            if (m.deletedAt() != null) {
                return null;
            }
            messages.saveVersion(tx.dsl(), messageId, m.text(), who.userId(), tx.now);
            messages.tombstone(tx.dsl(), messageId, tx.now);
            tx.redactMessage(messages.byId(tx.dsl(), messageId).orElseThrow());
            tx.appendIfWritable(conversationId, "message.deleted", new ChatViews.MessageDeleted(messageId, who.userId()));
            return null;
        });
    }

    public void react(Principal who, UUID conversationId, UUID messageId, String emoji) {
        String e = validEmoji(emoji);
        Conversation c = chat.conversation(who, conversationId);
        requireWritable(c);
        budgets.take(who.userId(), WriteBudgets.Kind.CHANGE);
        writer.inConversation(conversationId, tx -> {
            Message m = find(tx.dsl(), conversationId, messageId);
            if (m.deletedAt() != null) {
                throw new ApiException(ProblemType.GONE, "The message was deleted");
            }
            if (messages.distinctReactionCount(tx.dsl(), messageId) >= MAX_DISTINCT_REACTIONS
                    && messages.reactionsOf(tx.dsl(), List.of(messageId)).getOrDefault(messageId, List.of()).stream()
                            .noneMatch(r -> r.emoji().equals(e))) {
                throw new ApiException(ProblemType.CONFLICT, "A message has at most " + MAX_DISTINCT_REACTIONS + " different reactions");
            }
            if (messages.addReaction(tx.dsl(), messageId, who.userId(), e, tx.now)) {
                tx.appendIfWritable(conversationId, "reaction.added", new ChatViews.ReactionChanged("reaction.added", messageId, who.userId(), e));
            }
            return null;
        });
    }

    public void unreact(Principal who, UUID conversationId, UUID messageId, String emoji) {
        String e = validEmoji(emoji);
        Conversation c = chat.conversation(who, conversationId);
        requireWritable(c);
        budgets.take(who.userId(), WriteBudgets.Kind.CHANGE);
        writer.inConversation(conversationId, tx -> {
            find(tx.dsl(), conversationId, messageId);
            if (messages.removeReaction(tx.dsl(), messageId, who.userId(), e)) {
                tx.appendIfWritable(conversationId, "reaction.removed", new ChatViews.ReactionChanged("reaction.removed", messageId, who.userId(), e));
            }
            return null;
        });
    }

    /** The thread's first message and its replies in order. */
    public List<Message> thread(Principal who, UUID conversationId, UUID rootId) {
        chat.conversation(who, conversationId);
        Message root = find(db.dsl(), conversationId, rootId);
        if (root.threadRootId() != null) {
            throw ApiException.invalid("messageId", "This message is a reply; open its thread root " + root.threadRootId());
        }
        List<Message> out = new java.util.ArrayList<>();
        out.add(root);
        out.addAll(messages.replies(db.dsl(), rootId, 1000));
        return out;
    }

    public Map<UUID, List<MessageStore.Reaction>> reactions(List<UUID> messageIds) {
        return messages.reactionsOf(db.dsl(), messageIds);
    }

    public Map<UUID, Integer> replyCounts(List<UUID> messageIds) {
        return messages.replyCounts(db.dsl(), messageIds);
    }

    /** Records that the caller has seen an urgent message; idempotent. Stops their reminders. */
    public OffsetDateTime acknowledge(Principal who, UUID conversationId, UUID messageId) {
        chat.conversation(who, conversationId);
        budgets.take(who.userId(), WriteBudgets.Kind.READ_STATE);
        return writer.inConversation(conversationId, tx -> {
            Message m = find(tx.dsl(), conversationId, messageId);
            if (!m.urgent()) {
                throw new ApiException(ProblemType.CONFLICT, "Only urgent messages are acknowledged");
            }
            if (!urgent.isRecipient(tx.dsl(), messageId, who.userId())) {
                throw new ApiException(ProblemType.CONFLICT, "You are not a recipient of this urgent message");
            }
            if (urgent.acknowledge(tx.dsl(), messageId, who.userId(), tx.now)) {
                // Allowed in an archived conversation too: acknowledging is a safety action, not a change.
                tx.append(conversationId, "message.acknowledged",
                        new ChatViews.Acknowledged(messageId, who.userId(), tx.now));
                return tx.now;
            }
            return urgent.recipients(tx.dsl(), messageId).stream().filter(r -> r.userId().equals(who.userId()))
                    .findFirst().orElseThrow().acknowledgedAt();
        });
    }

    public List<Acknowledgement> acknowledgements(Principal who, UUID conversationId, UUID messageId) {
        chat.conversation(who, conversationId);
        Message m = find(db.dsl(), conversationId, messageId);
        if (!m.urgent()) {
            throw new ApiException(ProblemType.CONFLICT, "Only urgent messages are acknowledged");
        }
        return urgent.recipients(db.dsl(), messageId).stream()
                .map(r -> new Acknowledgement(r.userId(), r.acknowledgedAt(), r.notifiedCount())).toList();
    }

    private Message find(org.jooq.DSLContext dsl, UUID conversationId, UUID messageId) {
        return messages.byId(dsl, messageId).filter(m -> m.conversationId().equals(conversationId))
                .orElseThrow(() -> ApiException.notFound("Message"));
    }

    private static String validEmoji(String emoji) {
        if (!Emoji.isValid(emoji)) {
            throw ApiException.invalid("emoji", "'emoji' must be a single emoji such as 👍");
        }
        return emoji;
    }

    private static void requireWritable(Conversation c) {
        if (c.archived()) {
            throw new ApiException(ProblemType.CONFLICT, "This conversation is archived and read-only");
        }
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}

package org.confer.chat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.db.Database;
import org.confer.events.ConversationEvent.ReactionAdded;
import org.confer.events.ConversationEvent.ReactionRemoved;
import org.confer.events.ConversationWriter;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Principal;

/** Emoji reactions to messages: one of each emoji per person, at most {@value #MAX_DISTINCT_REACTIONS} kinds per message. */
public final class ReactionService {
    public static final int MAX_DISTINCT_REACTIONS = 50;

    private final Database db;
    private final ConversationWriter writer;
    private final ConversationAccess access;
    private final MessageStore messages;
    private final WriteBudgets budgets;

    public ReactionService(Database db, ConversationWriter writer, ConversationAccess access, MessageStore messages,
                           WriteBudgets budgets) {
        this.db = db;
        this.writer = writer;
        this.access = access;
        this.messages = messages;
        this.budgets = budgets;
    }

    public void react(Principal who, UUID conversationId, UUID messageId, String emoji) {
        String e = validEmoji(emoji);
        ConversationAccess.requireWritable(access.requireMember(who, conversationId));
        budgets.take(who.userId(), WriteBudgets.Kind.CHANGE);
        writer.inConversation(conversationId, tx -> {
            Message m = MessageService.find(messages, tx.dsl(), conversationId, messageId);
            if (m.deletedAt() != null) {
                throw new ApiException(ProblemType.GONE, "The message was deleted");
            }
            if (messages.distinctReactionCount(tx.dsl(), messageId) >= MAX_DISTINCT_REACTIONS
                    && messages.reactionsOf(tx.dsl(), List.of(messageId)).getOrDefault(messageId, List.of()).stream()
                            .noneMatch(r -> r.emoji().equals(e))) {
                throw new ApiException(ProblemType.CONFLICT, "A message has at most " + MAX_DISTINCT_REACTIONS + " different reactions");
            }
            if (messages.addReaction(tx.dsl(), messageId, who.userId(), e, tx.now())) {
                tx.appendIfWritable(conversationId, new ReactionAdded(messageId, who.userId(), e));
            }
            return null;
        });
    }

    public void unreact(Principal who, UUID conversationId, UUID messageId, String emoji) {
        String e = validEmoji(emoji);
        ConversationAccess.requireWritable(access.requireMember(who, conversationId));
        budgets.take(who.userId(), WriteBudgets.Kind.CHANGE);
        writer.inConversation(conversationId, tx -> {
            MessageService.find(messages, tx.dsl(), conversationId, messageId);
            if (messages.removeReaction(tx.dsl(), messageId, who.userId(), e)) {
                tx.appendIfWritable(conversationId, new ReactionRemoved(messageId, who.userId(), e));
            }
            return null;
        });
    }

    /** Reactions of messages the caller has already been allowed to read. */
    public Map<UUID, List<MessageStore.Reaction>> reactions(List<UUID> messageIds) {
        return messages.reactionsOf(db.dsl(), messageIds);
    }

    private static String validEmoji(String emoji) {
        if (!Emoji.isValid(emoji)) {
            throw ApiException.invalid("emoji", "'emoji' must be a single emoji such as 👍");
        }
        return emoji;
    }
}

package org.confer.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.chat.ChatViews.ConversationSummary;
import org.confer.db.Database;
import org.confer.events.ConversationWriter;
import org.confer.events.ServerFrame;
import org.confer.events.UserEvent.ReadMoved;
import org.confer.http.ApiException;
import org.confer.identity.Principal;

/**
 * How far each person has read: the conversation list with unread and mention counts, moving
 * the read marker, and "seen by" in direct and group chats.
 */
public final class ReadStateService {
    private final Database db;
    private final ConversationWriter writer;
    private final ConversationAccess access;
    private final ConversationStore conversations;
    private final MessageStore messages;
    private final WriteBudgets budgets;

    public ReadStateService(Database db, ConversationWriter writer, ConversationAccess access, ConversationStore conversations,
                            MessageStore messages, WriteBudgets budgets) {
        this.db = db;
        this.writer = writer;
        this.access = access;
        this.conversations = conversations;
        this.messages = messages;
        this.budgets = budgets;
    }

    public List<ConversationSummary> myConversations(Principal who) {
        List<ConversationSummary> out = new ArrayList<>();
        for (ConversationStore.MemberView mv : conversations.forUser(db.dsl(), who.userId())) {
            Conversation c = mv.conversation();
            int unread = c.lastSeq() > mv.readSeq() ? messages.unreadCount(db.dsl(), c.id(), who.userId(), mv.readSeq()) : 0;
            int mentions = unread > 0 ? messages.mentionCount(db.dsl(), c.id(), who.userId(), mv.readSeq()) : 0;
            List<UUID> memberIds = c.kind() == ConversationKind.CHANNEL ? List.of() : conversations.memberIds(db.dsl(), c.id());
            out.add(new ConversationSummary(c.id(), c.kind().code(), c.teamId(), c.name(), c.visibility(), c.lastSeq(),
                    mv.readSeq(), unread, mentions, c.archived(), memberIds, c.createdBy()));
        }
        return out;
    }

    /** Moves the caller's read marker forward (never back); other devices hear of it through userSeq. */
    public long markRead(Principal who, UUID conversationId, long seq) {
        Conversation c = access.requireMember(who, conversationId);
        if (seq < 0 || seq > c.lastSeq()) {
            throw ApiException.invalid("seq", "'seq' must be from 0 to the conversation's lastSeq (" + c.lastSeq() + ")");
        }
        budgets.take(who.userId(), WriteBudgets.Kind.READ_STATE);
        return writer.write(tx -> {
            if (conversations.advanceRead(tx.dsl(), conversationId, who.userId(), seq)) {
                tx.toUser(who.userId(), new ReadMoved(conversationId, seq));
                if (c.kind() != ConversationKind.CHANNEL) {
                    // "Seen by" in direct and group chats: the others learn it live (GET read-markers after a reconnect).
                    tx.ephemeral(conversationId, who.userId(), new ServerFrame.Read(conversationId, who.userId(), seq));
                }
                return seq;
            }
            return conversations.readSeq(tx.dsl(), conversationId, who.userId()).orElse(seq);
        });
    }

    /**
     * Read markers ("seen by"): everyone's in direct and group chats; in channels only the
     * caller's own, since how far each colleague has read a team channel is not theirs to
     * monitor (docs/decisions.md).
     */
    public Map<UUID, Long> readMarkers(Principal who, UUID conversationId) {
        Conversation c = access.requireMember(who, conversationId);
        Map<UUID, Long> out = new LinkedHashMap<>();
        conversations.readMarkers(db.dsl(), conversationId).forEach(r -> {
            if (c.kind() != ConversationKind.CHANNEL || r.value1().equals(who.userId())) {
                out.put(r.value1(), r.value2());
            }
        });
        return out;
    }
}

package org.confer.chat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.confer.db.Database;
import org.confer.events.Audience;

/** Who hears a conversation's events, for the stream's fan-out. No rules: the stream asks only for its own person. */
public final class ChatAudience implements Audience {
    private final Database db;
    private final ConversationStore conversations;

    public ChatAudience(Database db, ConversationStore conversations) {
        this.db = db;
        this.conversations = conversations;
    }

    @Override
    public Set<UUID> memberIds(UUID conversationId) {
        return new HashSet<>(conversations.memberIds(db.dsl(), conversationId));
    }

    @Override
    public List<Cursor> conversationsOf(UUID userId) {
        return conversations.forUser(db.dsl(), userId).stream()
                .map(mv -> new Cursor(mv.conversation().id(), mv.conversation().lastSeq())).toList();
    }
}

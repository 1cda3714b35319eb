package org.confer.chat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.confer.db.Database;
import org.confer.realtime.ConversationFrame;
import org.confer.realtime.EventSource;
import org.confer.realtime.Frames;
import org.confer.realtime.UserFrame;

/** What the stream gateway reads from chat: membership and the stored logs, as frames. No rules: the gateway asks for its own user. */
public final class ChatEventSource implements EventSource {
    private final Database db;
    private final ConversationStore conversations;
    private final EventStore events;
    private final UserEventStore userEvents;

    public ChatEventSource(Database db, ConversationStore conversations, EventStore events, UserEventStore userEvents) {
        this.db = db;
        this.conversations = conversations;
        this.events = events;
        this.userEvents = userEvents;
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

    @Override
    public List<ConversationFrame> frames(UUID conversationId, long after, long upTo, int limit) {
        return events.range(db.dsl(), conversationId, after, upTo, limit).stream()
                .map(e -> new ConversationFrame(conversationId, e.seq(), Frames.event(conversationId, e.seq(), e.payload())))
                .toList();
    }

    @Override
    public List<UserFrame> userFrames(UUID userId, long afterUserSeq, int limit) {
        return userEvents.after(db.dsl(), userId, afterUserSeq, limit);
    }

    @Override
    public long lastUserSeq(UUID userId) {
        return userEvents.lastSeq(db.dsl(), userId);
    }
}

package org.confer.events;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.confer.db.Database;
import org.confer.http.ApiException;

/**
 * Reads the two event logs: as frames for the stream (replay and gap fill) and as stored events
 * for REST catch-up. It checks the shape of a request, never who may read: the conversation
 * routes check membership first, and a person only ever reads their own user log.
 */
public final class EventLog {
    /** The largest page of events one request returns (docs/protocol.md, REST catch-up). */
    public static final int MAX_PAGE = 1000;

    private final Database db;
    private final EventStore conversations;
    private final UserEventStore users;
    private final FrameWriter frames;

    public EventLog(Database db, EventStore conversations, UserEventStore users, FrameWriter frames) {
        this.db = db;
        this.conversations = conversations;
        this.users = users;
        this.frames = frames;
    }

    /** A conversation's stored events after {@code after}, ascending; the caller has checked membership. */
    public List<StoredEvent> conversationEvents(UUID conversationId, long after, int limit) {
        checkPage(after, limit);
        return conversations.range(db.dsl(), conversationId, after, Long.MAX_VALUE, limit);
    }

    /** The kinds a history page carries beside its messages, shown as system lines ("Hannah removed Dan"). */
    private static final List<String> SYSTEM_KINDS = List.of(EventKinds.of(ConversationEvent.MemberAdded.class),
            EventKinds.of(ConversationEvent.MemberRemoved.class), EventKinds.of(ConversationEvent.ConversationRenamed.class),
            EventKinds.of(ConversationEvent.ConversationArchived.class));

    /**
     * A conversation's membership and name changes with seq in (after, upTo], ascending, at most
     * {@link #MAX_PAGE}: the system lines of a history page. The caller has checked membership.
     */
    public List<StoredEvent> systemEvents(UUID conversationId, long after, long upTo) {
        return conversations.rangeOfKinds(db.dsl(), conversationId, after, upTo, SYSTEM_KINDS, MAX_PAGE);
    }

    /** A person's own user events after {@code after}, ascending: how a client fills a user-event gap without reconnecting. */
    public List<UserEventStore.Stored> userEvents(UUID userId, long after, int limit) {
        checkPage(after, limit);
        return users.storedAfter(db.dsl(), userId, after, limit);
    }

    /** Stored conversation frames with seq in (after, upTo], ascending, at most limit. */
    public List<ConversationFrame> frames(UUID conversationId, long after, long upTo, int limit) {
        return conversations.range(db.dsl(), conversationId, after, upTo, limit).stream()
                .map(e -> frames.conversationFrame(conversationId, e.seq(), e.payload())).toList();
    }

    /** Stored user frames after userSeq, ascending, at most limit. */
    public List<UserFrame> userFrames(UUID userId, long afterUserSeq, int limit) {
        return users.storedAfter(db.dsl(), userId, afterUserSeq, limit).stream()
                .map(e -> frames.userFrame(userId, e.userSeq(), e.payload())).toList();
    }

    /**
     * The conversation's latest frame: handed to a node's connections after the bus may have
     * lost messages, each connection fetches whatever it has not sent before it (gap fill).
     */
    public Optional<ConversationFrame> lastFrame(UUID conversationId) {
        return conversations.last(db.dsl(), conversationId).map(e -> frames.conversationFrame(conversationId, e.seq(), e.payload()));
    }

    /** The person's latest user frame, for the same catch-up. */
    public Optional<UserFrame> lastUserFrame(UUID userId) {
        return users.last(db.dsl(), userId).map(e -> frames.userFrame(userId, e.userSeq(), e.payload()));
    }

    public long lastUserSeq(UUID userId) {
        return users.lastSeq(db.dsl(), userId);
    }

    private static void checkPage(long after, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.invalid("limit", "'limit' must be from 1 to " + MAX_PAGE);
        }
        if (after < 0) {
            throw ApiException.invalid("after", "'after' must be 0 or more");
        }
    }
}

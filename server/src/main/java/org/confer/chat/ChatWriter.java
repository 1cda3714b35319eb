package org.confer.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.confer.db.Database;
import org.confer.realtime.Bus;
import org.confer.realtime.ConversationFrame;
import org.confer.realtime.Frames;
import org.confer.realtime.UserFrame;
import org.jooq.DSLContext;

/**
 * Writes chat changes: runs the work in one transaction, where every event it appends gets the
 * conversation's next seq, and publishes the collected frames to the bus only after the commit.
 * Writes to one conversation also take a node-local lock across commit and publish, so frames
 * of a conversation reach the bus in seq order (a connection still fills any gap itself, which
 * is what keeps order across nodes).
 */
public final class ChatWriter {

    /** The transaction's view: the SQL context plus the events to publish once it commits. */
    public final class Tx {
        private final DSLContext dsl;
        private final List<Runnable> afterCommit = new ArrayList<>();
        final OffsetDateTime now;

        private Tx(DSLContext dsl) {
            this.dsl = dsl;
            // The databases keep microseconds: a finer time would be answered now and differ when read back.
            this.now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        }

        public DSLContext dsl() {
            return dsl;
        }

        /** Appends an event with the conversation's next seq and schedules its frame. */
        public long append(UUID conversationId, String kind, Object payload) {
            long seq = conversations.nextSeq(dsl, conversationId);
            String json = json(payload);
            events.append(dsl, new StoredEvent(conversationId, seq, kind, json), now);
            ConversationFrame frame = new ConversationFrame(conversationId, seq, Frames.event(conversationId, seq, json));
            afterCommit.add(() -> bus.publish(frame));
            return seq;
        }

        /** Appends an event unless the conversation is archived, in which case the whole write fails with 409. */
        public long appendIfWritable(UUID conversationId, String kind, Object payload) {
            long seq = writableSeq(conversationId);
            appendWithSeq(conversationId, seq, kind, payload);
            return seq;
        }

        /** Takes the next seq of a conversation that is not archived; 409 (and a rollback) when it is. */
        public long writableSeq(UUID conversationId) {
            return conversations.nextSeqIfWritable(dsl, conversationId).orElseThrow(() ->
                    new org.confer.app.ApiException(org.confer.app.ProblemType.CONFLICT, "This conversation is archived and read-only"));
        }

        /** Appends an event whose seq the caller already took with {@link ConversationStore#nextSeq}. */
        public void appendWithSeq(UUID conversationId, long seq, String kind, Object payload) {
            String json = json(payload);
            events.append(dsl, new StoredEvent(conversationId, seq, kind, json), now);
            ConversationFrame frame = new ConversationFrame(conversationId, seq, Frames.event(conversationId, seq, json));
            afterCommit.add(() -> bus.publish(frame));
        }

        /**
         * Removes a deleted message's text from the stored events that carried it, replacing their
         * message with {@code tombstone}; nothing is published (the message.deleted event tells clients).
         */
        public void redactMessage(Message tombstone) {
            ChatViews.MessageView view = ChatViews.MessageView.of(tombstone);
            events.redactMessage(dsl, tombstone.conversationId(), tombstone.seq(), tombstone.id(),
                    json(new ChatViews.MessagePosted(view)), json(new ChatViews.MessageEdited(view)));
        }

        /** Appends an event to one user's log (userSeq) and schedules its frame. */
        public void toUser(UUID userId, String kind, Object payload) {
            UserFrame frame = userEvents.append(dsl, userId, kind, json(payload), now);
            afterCommit.add(() -> bus.publish(frame));
        }

        /** An ephemeral frame for the other members, sent after commit and never stored. */
        public void ephemeral(UUID conversationId, UUID exceptUser, String frame) {
            afterCommit.add(() -> bus.ephemeral(conversationId, exceptUser, frame));
        }

        public void membershipChanged(UUID conversationId, UUID userId, boolean added) {
            afterCommit.add(() -> bus.membershipChanged(conversationId, userId, added));
        }
    }

    private final Database db;
    private final ConversationStore conversations;
    private final EventStore events;
    private final UserEventStore userEvents;
    private final Bus bus;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ReentrantLock[] stripes = new ReentrantLock[1024];

    public ChatWriter(Database db, ConversationStore conversations, EventStore events, UserEventStore userEvents, Bus bus,
                      ObjectMapper mapper, Clock clock) {
        this.db = db;
        this.conversations = conversations;
        this.events = events;
        this.userEvents = userEvents;
        this.bus = bus;
        this.mapper = mapper;
        this.clock = clock;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** A write touching one conversation: ordered with the other writes to it on this node. */
    public <T> T inConversation(UUID conversationId, Function<Tx, T> work) {
        ReentrantLock lock = stripes[Math.floorMod(conversationId.hashCode(), stripes.length)];
        lock.lock();
        try {
            return write(work);
        } finally {
            lock.unlock();
        }
    }

    /** A write that may touch several conversations; publish order is repaired by the receivers. */
    public <T> T write(Function<Tx, T> work) {
        List<Runnable> after = new ArrayList<>();
        T result = db.dsl().transactionResult(cfg -> {
            Tx tx = new Tx(cfg.dsl());
            T r = work.apply(tx);
            after.addAll(tx.afterCommit);
            return r;
        });
        for (Runnable r : after) {
            r.run();
        }
        return result;
    }

    public String json(Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + payload.getClass().getSimpleName(), e);
        }
    }
}

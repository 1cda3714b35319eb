package org.confer.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.db.Database;
import org.confer.realtime.Bus;
import org.confer.realtime.ConversationFrame;
import org.confer.realtime.Frames;
import org.confer.realtime.UserFrame;
import org.jooq.DSLContext;

/**
 * Writes chat changes: runs the work in one transaction, where every event it appends gets the
 * conversation's next seq, and publishes the collected frames to the bus only after the commit.
 * Writes to one conversation are also ordered by a node-local lock held across commit and
 * publish, so frames of a conversation reach the bus in seq order (a connection still fills any
 * gap itself, which is what keeps order across nodes); writes queued behind that lock share one
 * commit (see {@link Stripe}).
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
                    new ApiException(ProblemType.CONFLICT, "This conversation is archived and read-only"));
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
    private final DistributionSummary writesPerCommit;
    private final Counter refused;
    /** Enough to amortise a commit; small enough that one transaction stays short. */
    static final int MAX_GROUP_COMMIT = 64;

    /**
     * Writes that may wait for one stripe; more are refused at once with 503 and Retry-After
     * (clients retry with the same clientMsgId) rather than queued for many seconds.
     */
    static final int MAX_WAITING_WRITES = 512;

    /**
     * Writes that may be queued or running across the whole node. A server saturated across
     * many conversations — none of them past its own limit — would otherwise let every request
     * wait until clients or the idle timeout gave up (seen in the rooms benchmark: sends failed
     * after 30 s). About two seconds of this node's measured commit rate: beyond that, an
     * answer now ("try again in a second") is better than one that may never come.
     */
    static final int MAX_WRITES_IN_NODE = 1024;

    /**
     * Conversations share this many stripes (a conversation always maps to the same one). Few
     * on purpose: writes to different conversations that wait for the same stripe are committed
     * together, so under load a node makes a few large commits instead of one per message, and
     * at most this many write transactions compete for the pool's connections (with 1,024
     * stripes, 500 writers queued for 8 connections in the pool, where nothing is shared). See
     * docs/performance.md for the measurement behind the number.
     */
    static final int STRIPES = 16;

    private final Stripe[] stripes = new Stripe[STRIPES];
    private final int maxWaitingWrites;
    private final int maxWritesInNode;
    private final AtomicInteger writesInNode = new AtomicInteger();

    public ChatWriter(Database db, ConversationStore conversations, EventStore events, UserEventStore userEvents, Bus bus,
                      ObjectMapper mapper, Clock clock, MeterRegistry registry) {
        this(db, conversations, events, userEvents, bus, mapper, clock, registry, MAX_WAITING_WRITES, MAX_WRITES_IN_NODE);
    }

    ChatWriter(Database db, ConversationStore conversations, EventStore events, UserEventStore userEvents, Bus bus,
               ObjectMapper mapper, Clock clock, MeterRegistry registry, int maxWaitingWrites, int maxWritesInNode) {
        this.maxWaitingWrites = maxWaitingWrites;
        this.maxWritesInNode = maxWritesInNode;
        this.db = db;
        this.conversations = conversations;
        this.events = events;
        this.userEvents = userEvents;
        this.bus = bus;
        this.mapper = mapper;
        this.clock = clock;
        this.writesPerCommit = DistributionSummary.builder("confer.chat.writes.per.commit")
                .description("Conversation writes committed together in one transaction (group commit)")
                .register(registry);
        this.refused = Counter.builder("confer.chat.writes.refused.busy")
                .description("Conversation writes refused with 503 because too many were already waiting")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder("confer.chat.writes.in.node", writesInNode, AtomicInteger::get)
                .description("Conversation writes queued or running on this node")
                .register(registry);
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Stripe();
        }
    }

    /**
     * A write touching one conversation: ordered with the other writes to it on this node, and
     * committed together with the writes queued behind it (group commit). The caller's answer
     * still comes only after its own work is committed and its frames are on the bus.
     */
    public <T> T inConversation(UUID conversationId, Function<Tx, T> work) {
        return stripes[Math.floorMod(conversationId.hashCode(), stripes.length)].run(work);
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

    /** One queued write: its work, and once run, its result or failure and the frames to publish. */
    private static final class Queued<T> {
        final Function<Tx, T> work;
        T result;
        RuntimeException failure;
        List<Runnable> afterCommit = List.of();
        boolean done;

        Queued(Function<Tx, T> work) {
            this.work = work;
        }
    }

    /**
     * The writes of the conversations that hash to one stripe. A writer queues its work and takes
     * the lock; whoever holds the lock runs everything queued so far in one transaction — each
     * write in its own savepoint, so one failing write (a duplicate, a bad thread root) rolls back
     * only itself — commits once, publishes the frames in order, and hands each writer its own
     * result. Under load, the writers that arrive during a commit share the next one; alone, a
     * write is committed at once, with no waiting for company.
     */
    private final class Stripe {
        private final ReentrantLock lock = new ReentrantLock();
        private final ConcurrentLinkedQueue<Queued<?>> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger waiting = new AtomicInteger();

        <T> T run(Function<Tx, T> work) {
            if (writesInNode.incrementAndGet() > maxWritesInNode) {
                writesInNode.decrementAndGet();
                refused.increment();
                throw new ApiException(ProblemType.UNAVAILABLE,
                        "Confer is busy; try again in a moment", Map.of("retryAfterSeconds", 1));
            }
            if (waiting.incrementAndGet() > maxWaitingWrites) {
                waiting.decrementAndGet();
                writesInNode.decrementAndGet();
                refused.increment();
                throw new ApiException(ProblemType.UNAVAILABLE,
                        "Confer is busy with this conversation; try again in a moment", Map.of("retryAfterSeconds", 1));
            }
            Queued<T> mine = new Queued<>(work);
            queue.add(mine);
            lock.lock();
            try {
                while (!mine.done) {
                    runBatch();
                }
            } finally {
                lock.unlock();
                waiting.decrementAndGet();
                writesInNode.decrementAndGet();
            }
            if (mine.failure != null) {
                throw mine.failure;
            }
            return mine.result;
        }

        private void runBatch() {
            List<Queued<?>> batch = new ArrayList<>();
            for (Queued<?> q; batch.size() < MAX_GROUP_COMMIT && (q = queue.poll()) != null; ) {
                batch.add(q);
            }
            if (batch.isEmpty()) {
                return;
            }
            writesPerCommit.record(batch.size());
            try {
                db.dsl().transaction(cfg -> {
                    if (batch.size() == 1) {
                        runOne(batch.getFirst(), cfg.dsl()); // alone: its failure rolls back the transaction
                    } else {
                        for (Queued<?> q : batch) {
                            try {
                                cfg.dsl().transaction(savepoint -> runOne(q, savepoint.dsl()));
                            } catch (RuntimeException failed) {
                                q.failure = failed;
                                q.afterCommit = List.of();
                            }
                        }
                    }
                });
                for (Queued<?> q : batch) {
                    for (Runnable r : q.afterCommit) {
                        r.run();
                    }
                }
            } catch (RuntimeException | Error failed) {
                // Nothing of the batch was committed (or its frames could not all be published):
                // every writer still waiting gets the failure rather than waiting forever.
                RuntimeException cause = failed instanceof RuntimeException r ? r : new IllegalStateException("write failed", failed);
                for (Queued<?> q : batch) {
                    if (q.failure == null) {
                        q.failure = cause;
                    }
                }
                if (failed instanceof Error error) {
                    throw error;
                }
            } finally {
                for (Queued<?> q : batch) {
                    q.done = true;
                }
            }
        }

        private <T> void runOne(Queued<T> q, DSLContext dsl) {
            Tx tx = new Tx(dsl);
            q.result = q.work.apply(tx);
            q.afterCommit = tx.afterCommit;
        }
    }

    public String json(Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + payload.getClass().getSimpleName(), e);
        }
    }
}

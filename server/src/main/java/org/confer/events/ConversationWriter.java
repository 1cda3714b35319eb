package org.confer.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.jooq.DSLContext;

/**
 * Runs writes that append events: each in one transaction with an {@link Outbox}, whose frames
 * go to the bus only after the commit. Writes to one conversation are also ordered by a
 * node-local lock held across commit and publish, so frames of a conversation reach the bus in
 * seq order (a connection still fills any gap itself, which is what keeps order across nodes);
 * writes queued behind that lock share one commit (see {@link Stripe}). This class is striping
 * and group commit only: what a write may do is the Outbox's business.
 */
public final class ConversationWriter {

    private final Database db;
    private final EventLogs logs;
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

    public ConversationWriter(Database db, EventLogs logs, Clock clock, MeterRegistry registry) {
        this(db, logs, clock, registry, MAX_WAITING_WRITES, MAX_WRITES_IN_NODE);
    }

    /** With smaller admission limits, for tests of what happens when they are reached. */
    public ConversationWriter(Database db, EventLogs logs, Clock clock, MeterRegistry registry, int maxWaitingWrites,
                              int maxWritesInNode) {
        this.maxWaitingWrites = maxWaitingWrites;
        this.maxWritesInNode = maxWritesInNode;
        this.db = db;
        this.logs = logs;
        this.clock = clock;
        this.writesPerCommit = DistributionSummary.builder("confer.chat.writes.per.commit")
                .description("Conversation writes committed together in one transaction (group commit)")
                .register(registry);
        this.refused = Counter.builder("confer.chat.writes.refused.busy")
                .description("Conversation writes refused with 503 because too many were already waiting")
                .register(registry);
        Gauge.builder("confer.chat.writes.in.node", writesInNode, AtomicInteger::get)
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
    public <T> T inConversation(UUID conversationId, Function<Outbox, T> work) {
        return stripes[Math.floorMod(conversationId.hashCode(), stripes.length)].run(conversationId, work);
    }

    /** A write that may touch several conversations; publish order is repaired by the receivers. */
    public <T> T write(Function<Outbox, T> work) {
        for (int attempt = 1; ; attempt++) {
            List<Runnable> after = new ArrayList<>();
            try {
                T result = db.dsl().transactionResult(cfg -> {
                    Outbox tx = new Outbox(cfg.dsl(), clock, logs);
                    T r = work.apply(tx);
                    after.addAll(tx.afterCommit());
                    return r;
                });
                for (Runnable r : after) {
                    r.run();
                }
                return result;
            } catch (RuntimeException e) {
                if (!TransientFailures.retryable(e, attempt)) {
                    throw e;
                }
            }
        }
    }

    /** One queued write: its work, and once run, its result or failure and the frames to publish. */
    private static final class Queued<T> {
        final UUID conversationId;
        final Function<Outbox, T> work;
        T result;
        RuntimeException failure;
        List<Runnable> afterCommit = List.of();
        boolean done;

        Queued(UUID conversationId, Function<Outbox, T> work) {
            this.conversationId = conversationId;
            this.work = work;
        }

        void reset() {
            result = null;
            failure = null;
            afterCommit = List.of();
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

        <T> T run(UUID conversationId, Function<Outbox, T> work) {
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
            Queued<T> mine = new Queued<>(conversationId, work);
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
            // Every node locks a batch's conversations in the same order: two nodes' batches on the
            // same stripe would otherwise deadlock on PostgreSQL (seen with three nodes: 150 a run).
            batch.sort(java.util.Comparator.comparing(q -> q.conversationId));
            try {
                try {
                    commitTogether(batch);
                } catch (RuntimeException failed) {
                    if (!TransientFailures.is(failed)) {
                        throw failed;
                    }
                    // A deadlock or serialisation failure with another node: nothing was committed.
                    // Each write is tried again alone, so one conflict does not fail the others.
                    commitEachAlone(batch);
                }
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

        /** One transaction for the batch, each write in its own savepoint; a transient failure aborts it all. */
        private void commitTogether(List<Queued<?>> batch) {
            db.dsl().transaction(cfg -> {
                if (batch.size() == 1) {
                    runOne(batch.getFirst(), cfg.dsl()); // alone: its failure rolls back the transaction
                    return;
                }
                for (Queued<?> q : batch) {
                    try {
                        cfg.dsl().transaction(savepoint -> runOne(q, savepoint.dsl()));
                    } catch (RuntimeException failed) {
                        if (TransientFailures.is(failed)) {
                            throw failed; // the whole batch is rolled back and tried again, write by write
                        }
                        q.failure = failed;
                        q.afterCommit = List.of();
                    }
                }
            });
        }

        /** After a conflict with another node: each write in a transaction of its own, a few tries each. */
        private void commitEachAlone(List<Queued<?>> batch) {
            for (Queued<?> q : batch) {
                q.reset();
                for (int attempt = 1; ; attempt++) {
                    try {
                        db.dsl().transaction(cfg -> runOne(q, cfg.dsl()));
                        break;
                    } catch (RuntimeException failed) {
                        q.reset();
                        if (!TransientFailures.retryable(failed, attempt)) {
                            q.failure = failed;
                            break;
                        }
                    }
                }
            }
        }

        private <T> void runOne(Queued<T> q, DSLContext dsl) {
            Outbox tx = new Outbox(dsl, clock, logs);
            q.result = q.work.apply(tx);
            q.afterCommit = tx.afterCommit();
        }
    }
}

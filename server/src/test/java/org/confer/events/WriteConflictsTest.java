package org.confer.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.db.schema.Tables.CONVERSATIONS;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.confer.http.Json;
import org.confer.events.ConversationEvent.ConversationRenamed;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' writers on one database (two ConversationWriters here) whose writes lock the same
 * conversations in opposite orders: PostgreSQL breaks each deadlock by failing one side, and the
 * writer tries that write again, so every write commits once and no seq is skipped or repeated.
 */
class WriteConflictsTest extends ServerTest {

    @Test
    void writesThatDeadlockWithAnotherNodeAreTriedAgainAndEachCommitsOnce() throws Exception {
        ChatFixtures fx = new ChatFixtures(server);
        List<Person> people = fx.people("conflicts", 3);
        UUID x = UUID.fromString(fx.group(people));
        UUID y = UUID.fromString(fx.group(people));
        UUID by = UUID.fromString(people.getFirst().id());
        ConversationWriter nodeA = writer();
        ConversationWriter nodeB = writer();
        long xBefore = seqOf(x);
        long yBefore = seqOf(y);
        int rounds = 8;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < rounds; round++) {
                // Each holds its first conversation when both have one: then each asks for the other's.
                CyclicBarrier bothHoldOne = new CyclicBarrier(2);
                AtomicInteger triesA = new AtomicInteger();
                AtomicInteger triesB = new AtomicInteger();
                Future<Long> a = pool.submit(() -> nodeA.write(tx -> {
                    tx.append(x, new ConversationRenamed("a", by));
                    firstTimeOnly(bothHoldOne, triesA);
                    return tx.append(y, new ConversationRenamed("a", by));
                }));
                Future<Long> b = pool.submit(() -> nodeB.write(tx -> {
                    tx.append(y, new ConversationRenamed("b", by));
                    firstTimeOnly(bothHoldOne, triesB);
                    return tx.append(x, new ConversationRenamed("b", by));
                }));
                a.get();
                b.get();
                assertThat(triesA.get() + triesB.get()).as("round %d: one side was made to try again", round).isGreaterThan(2);
            }
        }
        assertThat(seqOf(x) - xBefore).as("every write to x committed once").isEqualTo(2L * rounds);
        assertThat(seqOf(y) - yBefore).isEqualTo(2L * rounds);
        assertThat(eventCount(x, xBefore)).as("no seq skipped or repeated").isEqualTo(2L * rounds);
    }

    /** Waits for the other writer the first time; a retry (the barrier is spent) goes straight on. */
    private static void firstTimeOnly(CyclicBarrier barrier, AtomicInteger tries) {
        if (tries.getAndIncrement() > 0) {
            return;
        }
        try {
            barrier.await(5, TimeUnit.SECONDS);
        } catch (BrokenBarrierException | TimeoutException e) {
            // The other side is already past: nothing to wait for.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ConversationWriter writer() {
        return new ConversationWriter(server.app().database(), new EventLogs(new ConversationSeqs(), new EventStore(),
                new UserEventStore(), new LocalBus(), new FrameWriter(Json.newMapper()), Json.newMapper()), Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    private long seqOf(UUID id) {
        return server.app().database().dsl().select(CONVERSATIONS.LAST_SEQ).from(CONVERSATIONS).where(CONVERSATIONS.ID.eq(id))
                .fetchOne(CONVERSATIONS.LAST_SEQ);
    }

    private long eventCount(UUID id, long after) {
        return server.app().database().dsl().fetchCount(org.confer.db.schema.Tables.CONVERSATION_EVENTS,
                org.confer.db.schema.Tables.CONVERSATION_EVENTS.CONVERSATION_ID.eq(id)
                        .and(org.confer.db.schema.Tables.CONVERSATION_EVENTS.SEQ.gt(after)));
    }
}

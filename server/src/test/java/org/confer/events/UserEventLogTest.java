package org.confer.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Latches.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.confer.db.Database;
import org.confer.events.UserEvent.ReadMoved;
import org.confer.http.Json;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/** The per-user event log: every event gets the next userSeq, even when they race. */
class UserEventLogTest extends ServerTest {
    private final UserEventStore userEvents = new UserEventStore();
    private ChatFixtures fx;
    private ConversationWriter writer;
    private Database db;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        db = server.app().database();
        writer = new ConversationWriter(db, new EventLogs(new ConversationSeqs(), new EventStore(), userEvents, new LocalBus(),
                new FrameWriter(Json.newMapper()), Json.newMapper()), Clock.systemUTC(), new SimpleMeterRegistry());
    }

    @Test
    void two_transactions_giving_a_person_their_first_events_at_once_both_commit_with_consecutive_seqs() throws Exception {
        UUID person = UUID.fromString(fx.person("first-events").id());
        assertThat(userEvents.lastSeq(db.dsl(), person)).as("no user event yet").isZero();
        CountDownLatch firstAppended = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);

        CompletableFuture<Void> first = inThread(() -> writer.write(tx -> {
            tx.toUser(person, new ReadMoved(UUID.randomUUID(), 1));
            firstAppended.countDown();
            await(secondStarted);
            pause(300); // the second transaction tries to create the counter row while this one holds it uncommitted
            return null;
        }));
        await(firstAppended);
        CompletableFuture<Void> second = inThread(() -> writer.write(tx -> {
            secondStarted.countDown();
            tx.toUser(person, new ReadMoved(UUID.randomUUID(), 2));
            return null;
        }));

        first.get(20, TimeUnit.SECONDS);
        second.get(20, TimeUnit.SECONDS);
        assertThat(userEvents.storedAfter(db.dsl(), person, 0, 10)).extracting(UserEventStore.Stored::userSeq).containsExactly(1L, 2L);
    }

    private static CompletableFuture<Void> inThread(Runnable work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                work.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

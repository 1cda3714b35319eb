package org.confer.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Latches.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.confer.db.schema.Tables.CONVERSATIONS;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.confer.events.ConversationEvent.ConversationRenamed;
import org.confer.http.ApiException;
import org.confer.http.Json;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * Group commit: writes that queue behind a conversation's running write are committed together
 * by one writer, yet each keeps its own outcome — a failing one rolls back alone, without a gap
 * in the conversation's seqs — and their frames are published in seq order after the commit.
 */
class GroupCommitTest extends ServerTest {
    private final List<ConversationFrame> published = Collections.synchronizedList(new ArrayList<>());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ConversationWriter writer;
    private Person member;
    private UUID conversation;

    @Override
    protected void afterStart() {
        ChatFixtures fx = new ChatFixtures(server);
        List<Person> people = fx.people("group-commit", 3);
        member = people.getFirst();
        conversation = UUID.fromString(fx.group(people));
        LocalBus bus = new LocalBus();
        bus.subscribe(new Bus.Listener() {
            @Override
            public void onConversationFrame(ConversationFrame frame) {
                published.add(frame);
            }

            @Override
            public void onUserFrame(UserFrame frame) {}

            @Override
            public void onMembershipChanged(UUID conversationId, UUID userId, boolean added) {}
        });
        writer = new ConversationWriter(server.app().database(), logs(bus), Clock.systemUTC(), registry);
    }

    @Test
    void writes_queued_behind_a_running_write_share_its_successor_commit_and_keep_their_own_outcomes() throws Exception {
        long before = lastSeq();
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        Map<Integer, Thread> ranOn = new ConcurrentHashMap<>();

        CompletableFuture<Long> first = write(tx -> {
            firstInside.countDown();
            await(releaseFirst);
            return tx.append(conversation, note(0));
        });
        assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();

        // Three writers queue, in this order, while the first one holds the conversation.
        CompletableFuture<Long> good1 = queuedWrite(tx -> {
            ranOn.put(1, Thread.currentThread());
            return tx.append(conversation, note(1));
        });
        CompletableFuture<Long> bad = queuedWrite(tx -> {
            tx.append(conversation, note(-1));
            throw ApiException.invalid("text", "refused on purpose");
        });
        CompletableFuture<Long> good2 = queuedWrite(tx -> {
            ranOn.put(2, Thread.currentThread());
            return tx.append(conversation, note(2));
        });
        releaseFirst.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(before + 1);
        assertThat(good1.get(10, TimeUnit.SECONDS)).isEqualTo(before + 2);
        assertThat(good2.get(10, TimeUnit.SECONDS)).as("the failed write left no gap").isEqualTo(before + 3);
        assertThatThrownBy(() -> bad.join()).hasCauseInstanceOf(ApiException.class).hasMessageContaining("refused on purpose");
        assertThat(ranOn.get(1)).as("both queued writes were run by one writer, in one transaction").isSameAs(ranOn.get(2));
        assertThat(registry.get("confer.chat.writes.per.commit").summary().max()).as("largest group committed").isEqualTo(3);

        JsonNode stored = api.get("/api/v1/conversations/" + conversation + "/events?after=" + before, member.token()).json();
        List<String> notes = new ArrayList<>();
        for (JsonNode e : stored.get("items")) {
            notes.add(e.get("seq").asLong() - before + ":" + e.at("/event/name").asText());
        }
        assertThat(notes).containsExactly("1:0", "2:1", "3:2");
        assertThat(published.stream().filter(f -> f.conversationId().equals(conversation)).map(ConversationFrame::seq).toList())
                .containsExactly(before + 1, before + 2, before + 3);
    }

    @Test
    void a_write_alone_is_committed_at_once_and_its_failure_changes_nothing() {
        long before = lastSeq();
        assertThatThrownBy(() -> writer.inConversation(conversation, tx -> {
            tx.append(conversation, note(-1));
            throw ApiException.invalid("text", "refused on purpose");
        })).isInstanceOf(ApiException.class);
        assertThat(lastSeq()).isEqualTo(before);
        long seq = writer.inConversation(conversation, tx -> tx.append(conversation, note(1)));
        assertThat(seq).isEqualTo(before + 1);
    }

    @Test
    void when_too_many_writes_already_wait_for_a_conversation_the_next_is_refused_at_once_with_503_and_nothing_is_lost() throws Exception {
        ConversationWriter small = new ConversationWriter(server.app().database(), logs(new LocalBus()), Clock.systemUTC(), registry, 2, 100);
        long before = lastSeq();
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CompletableFuture<Long> first = write(small, tx -> {
            firstInside.countDown();
            await(releaseFirst);
            return tx.append(conversation, note(0));
        });
        assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Long> second = queuedWrite(small, tx -> tx.append(conversation, note(1)));

        assertThatThrownBy(() -> small.inConversation(conversation, tx -> tx.append(conversation, note(2))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(org.confer.http.ProblemType.UNAVAILABLE);
                    assertThat(e.extras()).containsEntry("retryAfterSeconds", 1);
                });
        releaseFirst.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(before + 1);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(before + 2);
        long seq = small.inConversation(conversation, tx -> tx.append(conversation, note(3)));
        assertThat(seq).as("accepted again once the queue drained").isEqualTo(before + 3);
    }

    @Test
    void when_too_many_writes_are_under_way_across_the_node_a_write_to_any_conversation_is_refused_at_once_with_503() throws Exception {
        ChatFixtures fx = new ChatFixtures(server);
        UUID other = UUID.fromString(fx.group(fx.people("group-commit-other", 3)));
        ConversationWriter node = new ConversationWriter(server.app().database(), logs(new LocalBus()), Clock.systemUTC(), registry, 100, 2);
        long before = lastSeq();
        long otherBefore = seqOf(other);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Long> running = write(node, tx -> {
            inside.countDown();
            await(release);
            return tx.append(conversation, note(0));
        });
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Long> queued = queuedWrite(node, tx -> tx.append(conversation, note(1)));

        // Another conversation has nothing waiting, yet the node as a whole is full.
        assertThatThrownBy(() -> node.inConversation(other, tx -> tx.append(other, note(2))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(org.confer.http.ProblemType.UNAVAILABLE);
                    assertThat(e.extras()).containsEntry("retryAfterSeconds", 1);
                });
        release.countDown();
        assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo(before + 1);
        assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo(before + 2);
        assertThat(seqOf(other)).as("the refused write left nothing behind").isEqualTo(otherBefore);
        assertThat((long) node.inConversation(other, tx -> tx.append(other, note(3))))
                .as("accepted again once the node's writes finished").isEqualTo(otherBefore + 1);
    }

    /** A real event kind whose payload carries the number, so the stored order can be read back. */
    private ConversationRenamed note(int n) {
        return new ConversationRenamed(Integer.toString(n), UUID.fromString(member.id()));
    }

    private static EventLogs logs(Bus bus) {
        return new EventLogs(new ConversationSeqs(), new EventStore(), new UserEventStore(), bus, new FrameWriter(Json.newMapper()),
                Json.newMapper());
    }

    private long seqOf(UUID id) {
        return server.app().database().dsl().select(CONVERSATIONS.LAST_SEQ).from(CONVERSATIONS)
                .where(CONVERSATIONS.ID.eq(id)).fetchOne(CONVERSATIONS.LAST_SEQ);
    }

    private long lastSeq() {
        return server.app().database().dsl().select(CONVERSATIONS.LAST_SEQ)
                .from(CONVERSATIONS)
                .where(CONVERSATIONS.ID.eq(conversation))
                .fetchOne(CONVERSATIONS.LAST_SEQ);
    }

    private <T> CompletableFuture<T> write(Function<Outbox, T> work) {
        return write(writer, work);
    }

    private <T> CompletableFuture<T> write(ConversationWriter writer, Function<Outbox, T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                done.complete(writer.inConversation(conversation, work));
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    /** Starts a write and returns once its thread is parked waiting for the conversation. */
    private <T> CompletableFuture<T> queuedWrite(Function<Outbox, T> work) throws InterruptedException {
        return queuedWrite(writer, work);
    }

    private <T> CompletableFuture<T> queuedWrite(ConversationWriter writer, Function<Outbox, T> work) throws InterruptedException {
        CompletableFuture<T> done = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().daemon().start(() -> {
            try {
                done.complete(writer.inConversation(conversation, work));
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Set.of(Thread.State.WAITING, Thread.State.TIMED_WAITING).contains(t.getState())) {
            assertThat(System.nanoTime()).as("writer parked behind the running write").isLessThan(deadline);
            Thread.sleep(1);
        }
        return done;
    }
}

package org.confer.chat;

import org.confer.testing.ChatFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.Api;
import org.confer.testing.StreamClient;
import org.junit.jupiter.api.Test;

/**
 * The realtime contract of DESIGN.md section 4: contiguous per-conversation seqs assigned at
 * commit, idempotent sends, live delivery in order to every member and to no one else (a client
 * that never reads is dropped, not waited for), the per-user post rate, and a stream that needs
 * credentials. Exact resume from cursors is in RealtimeResumeTest.
 */
class RealtimeContractTest extends RealtimeTestSupport {

    @Test
    void twenty_concurrent_posters_get_contiguous_seqs_and_every_member_receives_all_in_order() throws Exception {
        List<Person> people = fx.people("poster", 20);
        String conversation = fx.group(people);
        long base = fx.lastSeq(people.getFirst(), conversation);
        List<StreamClient> listeners = new ArrayList<>();
        for (Person p : people.subList(0, 5)) {
            StreamClient c = StreamClient.connect(api.base(), p.token(), true);
            c.hello(Map.of(conversation, base), null);
            c.awaitType("ready");
            listeners.add(c);
        }

        Set<Long> seqs = ConcurrentHashMap.newKeySet();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> posters = new ArrayList<>();
            for (Person p : people) {
                posters.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        Api.Response r = fx.post(p, conversation, "obs round " + i + " from " + p.email());
                        assertThat(r.status()).as(r.toString()).isEqualTo(201);
                        assertThat(seqs.add(r.json().get("seq").asLong())).isTrue();
                    }
                    return null;
                }));
            }
            for (Future<?> f : posters) {
                f.get();
            }
        }

        List<Long> expected = new ArrayList<>();
        for (long s = base + 1; s <= base + 1000; s++) {
            expected.add(s);
        }
        List<Long> sorted = new ArrayList<>(seqs);
        Collections.sort(sorted);
        assertThat(sorted).isEqualTo(expected);

        // Stored once each: the events endpoint returns exactly 1000 message events after base.
        List<JsonNode> stored = new ArrayList<>();
        long after = base;
        while (true) {
            Api.Response page = api.get("/api/v1/conversations/" + conversation + "/events?after=" + after + "&limit=300",
                    people.getFirst().token());
            assertThat(page.status()).isEqualTo(200);
            if (page.json().get("items").isEmpty()) {
                break;
            }
            page.json().get("items").forEach(stored::add);
            after = stored.getLast().get("seq").asLong();
        }
        assertThat(stored).hasSize(1000);
        assertThat(stored).allSatisfy(e -> assertThat(e.at("/event/kind").asText()).isEqualTo("message.posted"));
        assertThat(stored.stream().map(e -> e.at("/event/message/id").asText()).distinct().count()).isEqualTo(1000);

        for (StreamClient c : listeners) {
            List<JsonNode> received = c.awaitEvents(conversation, 1000, Duration.ofSeconds(30));
            List<Long> got = received.stream().map(f -> f.get("seq").asLong()).toList();
            assertThat(got).isEqualTo(expected);
            assertThat(c.drain(Duration.ofMillis(200))).noneMatch(f -> "event".equals(f.path("type").asText()));
            c.close();
        }
    }

    @Test
    void a_retried_send_returns_the_original_message_even_when_the_retries_race() throws Exception {
        List<Person> people = fx.people("retry", 2);
        String conversation = fx.direct(people.get(0), people.get(1));
        long before = fx.lastSeq(people.get(0), conversation);
        String clientMsgId = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("text", "Bed 4 needs a review", "clientMsgId", clientMsgId);

        List<Api.Response> answers = Collections.synchronizedList(new ArrayList<>());
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sends.add(pool.submit(() -> answers.add(api.post("/api/v1/conversations/" + conversation + "/messages", body,
                        people.get(0).token()))));
            }
            for (Future<?> f : sends) {
                f.get();
            }
        }
        assertThat(answers).extracting(Api.Response::status).containsOnly(200, 201).containsOnlyOnce(201);
        assertThat(answers.stream().map(r -> r.json().get("id").asText()).distinct()).hasSize(1);
        Api.Response later = api.post("/api/v1/conversations/" + conversation + "/messages", body, people.get(0).token());
        assertThat(later.status()).isEqualTo(200);
        assertThat(later.json().get("seq").asLong()).isEqualTo(before + 1);
        assertThat(fx.lastSeq(people.get(0), conversation)).isEqualTo(before + 1);
    }

    @Test
    void a_clientMsgId_reused_for_a_different_send_is_refused_and_a_true_retry_still_succeeds_after_an_edit() {
        List<Person> people = fx.people("reuse", 2);
        Person author = people.get(0);
        String conversation = fx.direct(author, people.get(1));
        String messages = "/api/v1/conversations/" + conversation + "/messages";
        String clientMsgId = UUID.randomUUID().toString();
        Map<String, Object> first = Map.of("text", "K+ 6.1 bed 4", "clientMsgId", clientMsgId);
        Api.Response created = api.post(messages, first, author.token());
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        long seq = fx.lastSeq(author, conversation);

        for (Map<String, Object> other : List.of(
                Map.<String, Object>of("text", "K+ 6.1 bed 5", "clientMsgId", clientMsgId),
                Map.<String, Object>of("text", "K+ 6.1 bed 4", "clientMsgId", clientMsgId, "urgent", true),
                Map.<String, Object>of("text", "K+ 6.1 bed 4", "clientMsgId", clientMsgId, "threadRootId", id))) {
            Api.Response refused = api.post(messages, other, author.token());
            assertThat(refused.status()).as(other + ": " + refused).isEqualTo(409);
            assertThat(refused.problemType()).isEqualTo("client-msg-id-reused");
            assertThat(refused.json().get("messageId").asText()).isEqualTo(id);
        }
        assertThat(fx.lastSeq(author, conversation)).as("nothing stored").isEqualTo(seq);

        assertThat(api.patch(messages + "/" + id, Map.of("text", "K+ 6.1 bed 4 (repeat sent)"), author.token()).status()).isEqualTo(200);
        Api.Response retry = api.post(messages, first, author.token());
        assertThat(retry.status()).as("a retry of the send as first posted, after an edit: " + retry).isEqualTo(200);
        assertThat(retry.json().get("id").asText()).isEqualTo(id);
        Api.Response someoneElse = api.post(messages, first, people.get(1).token());
        assertThat(someoneElse.status()).as("keys are per author").isEqualTo(201);
    }

    @Test
    void a_client_that_never_reads_is_disconnected_while_twenty_others_receive_everything() {
        List<Person> people = fx.people("slow", 21);
        String conversation = fx.group(people);
        long base = fx.lastSeq(people.getFirst(), conversation);
        int before = server.app().stream().connectionCount();
        StreamClient stuck = StreamClient.connect(api.base(), people.get(20).token(), false);
        stuck.hello(Map.of(conversation, base), null);
        List<StreamClient> readers = new ArrayList<>();
        for (Person p : people.subList(0, 20)) {
            StreamClient c = StreamClient.connect(api.base(), p.token(), true);
            c.hello(Map.of(conversation, base), null);
            readers.add(c);
        }
        for (StreamClient c : readers) {
            c.awaitType("ready");
        }
        String big = "x".repeat(16_000);
        int messages = 1000;
        for (int i = 0; i < messages; i++) {
            assertThat(fx.post(people.getFirst(), conversation, big + i).status()).isEqualTo(201);
        }
        for (StreamClient c : readers) {
            List<JsonNode> got = c.awaitEvents(conversation, messages, Duration.ofSeconds(60));
            assertThat(got.getLast().get("seq").asLong()).isEqualTo(base + messages);
            c.close();
        }
        // The stuck client's queue overflowed: the server dropped it (its socket is gone server-side).
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (server.app().stream().connectionCount() > before && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(server.app().stream().connectionCount()).isEqualTo(before);
        stuck.close();
    }

    @Test
    void posting_faster_than_the_per_user_rate_gets_429_and_stores_nothing_more() {
        // This class allows a huge rate; a separate server with the default of 300 a minute.
        try (var strict = org.confer.testing.TestServer.start(backend, Map.of("CONFER_POSTS_PER_MINUTE_PER_USER", "5"))) {
            ChatFixtures local = new ChatFixtures(strict);
            List<Person> people = local.people("rate", 2);
            String conversation = local.direct(people.get(0), people.get(1));
            long before = local.lastSeq(people.get(0), conversation);
            for (int i = 0; i < 5; i++) {
                assertThat(local.post(people.get(0), conversation, "ok " + i).status()).isEqualTo(201);
            }
            Api.Response limited = local.post(people.get(0), conversation, "one too many");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.problemType()).isEqualTo("rate-limited");
            assertThat(limited.header("Retry-After")).isNotBlank();
            assertThat(local.lastSeq(people.get(0), conversation)).isEqualTo(before + 5);
            // The other person is not affected.
            assertThat(local.post(people.get(1), conversation, "reply").status()).isEqualTo(201);
        }
    }

    @Test
    void a_non_member_receives_nothing_and_a_removed_member_stops_receiving_at_once() {
        List<Person> people = fx.people("auth", 4);
        Person outsider = people.get(3);
        String conversation = fx.group(people.subList(0, 3));
        Person removed = people.get(2);
        long base = fx.lastSeq(people.getFirst(), conversation);

        StreamClient outsiderStream = StreamClient.connect(api.base(), outsider.token(), true);
        outsiderStream.hello(Map.of(conversation, 0L), null);
        assertThat(outsiderStream.awaitType("not-a-member").get("conversationId").asText()).isEqualTo(conversation);
        StreamClient removedStream = StreamClient.connect(api.base(), removed.token(), true);
        removedStream.hello(Map.of(conversation, base), null);
        removedStream.awaitType("ready");

        fx.post(people.getFirst(), conversation, "before removal");
        removedStream.awaitEvents(conversation, 1, Duration.ofSeconds(10));
        Api.Response removal = api.delete("/api/v1/conversations/" + conversation + "/members/" + removed.id(), people.getFirst().token());
        assertThat(removal.status()).isEqualTo(204);
        fx.post(people.getFirst(), conversation, "after removal: confidential");

        List<JsonNode> later = removedStream.drain(Duration.ofMillis(500));
        assertThat(later).noneMatch(f -> f.toString().contains("confidential"));
        assertThat(later).anyMatch(f -> "user-event".equals(f.path("type").asText())
                && "conversation.removed".equals(f.at("/event/kind").asText()));
        assertThat(outsiderStream.drain(Duration.ofMillis(200))).noneMatch(f -> f.toString().contains(conversation) && "event".equals(f.path("type").asText()));

        for (Person p : List.of(outsider, removed)) {
            assertThat(api.get("/api/v1/conversations/" + conversation + "/events?after=0", p.token()).status()).isEqualTo(404);
            assertThat(api.get("/api/v1/conversations/" + conversation + "/messages", p.token()).status()).isEqualTo(404);
            Api.Response post = fx.post(p, conversation, "let me in");
            assertThat(post.status()).isEqualTo(404);
            assertThat(post.body()).doesNotContain("confidential");
        }
        outsiderStream.close();
        removedStream.close();
    }

    @Test
    void the_stream_refuses_a_connection_without_valid_credentials() {
        var http = java.net.http.HttpClient.newHttpClient();
        var attempt = http.newWebSocketBuilder().header("Authorization", "Bearer not-a-token")
                .buildAsync(java.net.URI.create(api.base().replace("http", "ws") + "/api/v1/stream"), new java.net.http.WebSocket.Listener() {});
        assertThat(attempt).failsWithin(Duration.ofSeconds(10));
    }
}

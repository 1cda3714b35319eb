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
import org.confer.testing.ServerTest;
import org.confer.testing.StreamClient;
import org.junit.jupiter.api.Test;

/**
 * The realtime contract of DESIGN.md section 4: contiguous per-conversation seqs assigned at
 * commit, idempotent sends, live delivery in order to every member, exact resume from cursors.
 */
class RealtimeContractTest extends ServerTest {
    private ChatFixtures fx;

    @Override
    protected Map<String, String> settings() {
        // A short outbound queue so that a client that never reads overflows it quickly.
        return Map.of("CONFER_LOGIN_ATTEMPTS_PER_ADDRESS", "100000", "CONFER_STREAM_QUEUE_FRAMES", "128",
                "CONFER_POSTS_PER_MINUTE_PER_USER", "1000000");
    }

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
    }

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
    void a_client_that_reconnects_with_its_cursor_gets_exactly_what_it_missed_then_live_events() {
        List<Person> people = fx.people("resume", 2);
        Person nurse = people.get(0);
        Person doctor = people.get(1);
        String conversation = fx.direct(nurse, doctor);
        long cursor = fx.lastSeq(doctor, conversation);

        for (int i = 0; i < 1000; i++) {
            assertThat(fx.post(nurse, conversation, "update " + i).status()).isEqualTo(201);
        }
        StreamClient doctorStream = StreamClient.connect(api.base(), doctor.token(), true);
        doctorStream.hello(Map.of(conversation, cursor), null);
        // Live posts race the replay: none may be lost or repeated across the switch.
        Thread racer = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 50; i++) {
                fx.post(nurse, conversation, "live " + i);
            }
        });
        List<JsonNode> got = doctorStream.awaitEvents(conversation, 1050, Duration.ofSeconds(30));
        try {
            racer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Long> seqs = got.stream().map(f -> f.get("seq").asLong()).toList();
        List<Long> expected = new ArrayList<>();
        for (long s = cursor + 1; s <= cursor + 1050; s++) {
            expected.add(s);
        }
        assertThat(seqs).isEqualTo(expected);
        assertThat(got.get(0).at("/event/message/text").asText()).isEqualTo("update 0");
        assertThat(got.get(1049).at("/event/message/text").asText()).isEqualTo("live 49");
        assertThat(doctorStream.drain(Duration.ofMillis(300))).noneMatch(f -> "event".equals(f.path("type").asText()));
        doctorStream.close();
    }

    @Test
    void a_cursor_older_than_the_server_replays_gets_resync_required() {
        List<Person> people = fx.people("resync", 2);
        String conversation = fx.direct(people.get(0), people.get(1));
        StreamClient c = StreamClient.connect(api.base(), people.get(1).token(), true);
        c.hello(Map.of(conversation, -1L), null);
        JsonNode frame = c.awaitType("resync-required");
        assertThat(frame.get("conversationId").asText()).isEqualTo(conversation);
        c.close();
    }

    @Test
    void a_user_cursor_the_log_never_reached_gets_user_resync_required_before_ready_and_then_every_user_event() {
        List<Person> people = fx.people("userseq", 3);
        Person newcomer = people.get(2);
        fx.group(people); // puts conversation.added in the newcomer's user log
        for (long cursor : new long[] {1_000_000L, -5L}) {
            StreamClient c = StreamClient.connect(api.base(), newcomer.token(), true);
            c.hello(Map.of(), cursor);
            JsonNode refusal = c.awaitType("user-resync-required");
            assertThat(refusal.get("fromUserSeq").asLong()).isEqualTo(cursor);
            long last = refusal.get("lastUserSeq").asLong();
            assertThat(last).as("the user's log has the group's conversation.added").isGreaterThanOrEqualTo(1);
            List<JsonNode> beforeReady = new ArrayList<>();
            c.await(f -> {
                beforeReady.add(f);
                return "ready".equals(f.path("type").asText());
            }, Duration.ofSeconds(10));
            assertThat(beforeReady).as("nothing replayed from a cursor that was refused")
                    .noneMatch(f -> "user-event".equals(f.path("type").asText()));

            // Live user events carry on right after lastUserSeq: none is skipped.
            String next = fx.group(people.get(0), people.get(1), newcomer);
            JsonNode added = c.await(f -> "user-event".equals(f.path("type").asText())
                    && next.equals(f.at("/event/conversation/id").asText()), Duration.ofSeconds(10));
            assertThat(added.get("userSeq").asLong()).isEqualTo(last + 1);
            c.close();
        }
    }

    @Test
    void user_events_over_rest_are_the_callers_own_and_the_same_as_the_stream_delivers() {
        List<Person> people = fx.people("userlog", 3);
        Person nurse = people.get(2);
        StreamClient stream = StreamClient.connect(api.base(), nurse.token(), true);
        stream.hello(Map.of(), 0L);
        stream.awaitType("ready");
        String first = fx.group(people);
        String second = fx.group(people.get(1), people.get(0), nurse);
        List<JsonNode> streamed = new ArrayList<>();
        for (String conversation : List.of(first, second)) {
            streamed.add(stream.await(f -> "user-event".equals(f.path("type").asText())
                    && conversation.equals(f.at("/event/conversation/id").asText()), Duration.ofSeconds(10)));
        }
        stream.close();
        long before = streamed.getFirst().get("userSeq").asLong() - 1;

        Api.Response page = api.get("/api/v1/me/events?after=" + before + "&limit=2", nurse.token());
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        JsonNode items = page.json().get("items");
        assertThat(items).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(items.get(i).get("userSeq")).isEqualTo(streamed.get(i).get("userSeq"));
            assertThat(items.get(i).get("event")).as("the same event as streamed").isEqualTo(streamed.get(i).get("event"));
        }
        Api.Response rest = api.get("/api/v1/me/events?after=" + items.get(1).get("userSeq").asLong(), nurse.token());
        assertThat(rest.json().get("items").toString()).as("caught up: nothing after the last").isEqualTo("[]");

        Api.Response lonely = api.get("/api/v1/me/events?after=0&limit=1000", fx.person("lonely").token());
        assertThat(lonely.status()).isEqualTo(200);
        assertThat(lonely.json().get("items").toString()).as("someone in nothing sees no one's events").isEqualTo("[]");
        for (String bad : List.of("after=-1", "after=x", "limit=0", "limit=1001")) {
            Api.Response refused = api.get("/api/v1/me/events?" + bad, nurse.token());
            assertThat(refused.status()).as(bad).isEqualTo(400);
        }
        assertThat(api.get("/api/v1/me/events", null).status()).isEqualTo(401);
    }

    @Test
    void events_endpoint_fills_a_gap_in_order() {
        List<Person> people = fx.people("gap", 2);
        String conversation = fx.direct(people.get(0), people.get(1));
        long start = fx.lastSeq(people.get(0), conversation);
        for (int i = 0; i < 30; i++) {
            fx.post(people.get(0), conversation, "m" + i);
        }
        Api.Response r = api.get("/api/v1/conversations/" + conversation + "/events?after=" + (start + 10) + "&limit=5",
                people.get(1).token());
        assertThat(r.status()).isEqualTo(200);
        List<Long> seqs = new ArrayList<>();
        r.json().get("items").forEach(e -> seqs.add(e.get("seq").asLong()));
        assertThat(seqs).containsExactly(start + 11, start + 12, start + 13, start + 14, start + 15);
        assertThat(r.json().at("/items/0/event/message/text").asText()).isEqualTo("m10");
    }

    @Test
    void a_client_that_never_reads_is_disconnected_while_fifty_others_receive_everything() {
        List<Person> people = fx.people("slow", 51);
        String conversation = fx.group(people);
        long base = fx.lastSeq(people.getFirst(), conversation);
        int before = server.app().stream().connectionCount();
        StreamClient stuck = StreamClient.connect(api.base(), people.get(50).token(), false);
        stuck.hello(Map.of(conversation, base), null);
        List<StreamClient> readers = new ArrayList<>();
        for (Person p : people.subList(0, 50)) {
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
    void message_text_may_hold_tab_line_feed_and_carriage_return_but_no_other_c0_control() {
        List<Person> people = fx.people("controls", 2);
        Person author = people.get(0);
        String conversation = fx.direct(author, people.get(1));
        String messages = "/api/v1/conversations/" + conversation + "/messages";
        long before = fx.lastSeq(author, conversation);
        for (char c = 0; c < 0x20; c++) {
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            Api.Response refused = fx.post(author, conversation, "obs" + c + "ok");
            assertThat(refused.status()).as("U+%04X", (int) c).isEqualTo(400);
            assertThat(refused.json().get("field").asText()).isEqualTo("text");
        }
        assertThat(fx.lastSeq(author, conversation)).isEqualTo(before);

        // Stored exactly as sent: layout characters, DEL and C1 controls are accepted, nothing trimmed.
        String text = "  BP 120/80\tHR 72\r\nSpO2 97%\n\u007f\u0085  ";
        Api.Response posted = fx.post(author, conversation, text);
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        assertThat(posted.json().get("text").asText()).isEqualTo(text);
        String id = posted.json().get("id").asText();
        Api.Response edit = api.patch(messages + "/" + id, Map.of("text", "bell\u0007"), author.token());
        assertThat(edit.status()).as("an edit follows the same rule").isEqualTo(400);
        assertThat(fx.post(author, conversation, " \t\r\n ").status()).as("blank").isEqualTo(400);
    }

    @Test
    void mention_count_counts_unread_messages_by_others_that_mention_me_or_contain_channel_or_team_once_each() {
        List<Person> people = fx.people("badge", 3);
        Person me = people.get(0);
        Person colleague = people.get(1);
        Person other = people.get(2);
        String conversation = fx.group(people);
        String messages = "/api/v1/conversations/" + conversation + "/messages";
        assertThat(api.post("/api/v1/conversations/" + conversation + "/read", Map.of("seq", fx.lastSeq(me, conversation)),
                me.token()).status()).isEqualTo(200);

        List<String> texts = List.of(
                "<@" + me.id() + "> and again <@" + me.id() + ">", // one message, one mention
                "cc @team",
                "send it to ward@team.example", // @team inside an address: a plain substring match
                "nothing for me",
                "<@" + other.id() + "> only");
        for (String text : texts) {
            assertThat(fx.post(colleague, conversation, text).status()).isEqualTo(201);
        }
        Api.Response deleted = fx.post(colleague, conversation, "<@" + me.id() + "> withdrawn @channel");
        assertThat(api.delete(messages + "/" + deleted.json().get("id").asText(), colleague.token()).status()).isEqualTo(204);
        assertThat(fx.post(me, conversation, "@channel from me, <@" + me.id() + ">").status()).isEqualTo(201);
        Api.Response address = api.get(messages + "?limit=10", me.token());
        assertThat(address.json().get("items")).filteredOn(m -> m.path("text").asText().contains("ward@team.example"))
                .singleElement().satisfies(m -> assertThat(m.get("mentionsChannel").asBoolean()).isTrue());

        JsonNode summary = fx.summary(me, conversation);
        assertThat(summary.get("unreadCount").asInt()).as("the colleague's messages that are not deleted").isEqualTo(5);
        assertThat(summary.get("mentionCount").asInt()).as("of those, the ones naming me or @channel/@team").isEqualTo(3);
    }

    @Test
    void the_stream_refuses_a_connection_without_valid_credentials() {
        var http = java.net.http.HttpClient.newHttpClient();
        var attempt = http.newWebSocketBuilder().header("Authorization", "Bearer not-a-token")
                .buildAsync(java.net.URI.create(api.base().replace("http", "ws") + "/api/v1/stream"), new java.net.http.WebSocket.Listener() {});
        assertThat(attempt).failsWithin(Duration.ofSeconds(10));
    }
}

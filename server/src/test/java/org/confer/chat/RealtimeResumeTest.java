package org.confer.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.Api;
import org.confer.testing.StreamClient;
import org.junit.jupiter.api.Test;

/**
 * The realtime contract of DESIGN.md section 4, continued from RealtimeContractTest: exact resume
 * from cursors. A client that reconnects gets exactly what it missed and then live events, a
 * cursor the server cannot replay from gets a resync frame, and the conversation and user event
 * logs over REST fill a gap with the events the stream delivers.
 */
class RealtimeResumeTest extends RealtimeTestSupport {

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
}

package org.confer.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.events.ConversationFrame;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.confer.testing.StreamClient;
import org.junit.jupiter.api.Test;

/**
 * What a resuming client is sent between hello and ready, and what it is told when the server
 * cannot serve a cursor or a gap (docs/protocol.md section 3.2): resync-required's fromSeq is
 * the last seq the client has, and the events after it up to lastSeq are not sent.
 */
class StreamResumeTest extends ServerTest {
    private ChatFixtures fx;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
    }

    private static boolean is(JsonNode f, String type) {
        return type.equals(f.path("type").asText());
    }

    /** Every frame up to and including ready. */
    private static List<JsonNode> untilReady(StreamClient c) {
        List<JsonNode> frames = new ArrayList<>();
        c.await(f -> {
            frames.add(f);
            return is(f, "ready");
        }, Duration.ofSeconds(20));
        return frames;
    }

    @Test
    void cursors_that_cannot_be_served_get_resync_required_with_the_clients_cursor_as_fromSeq_before_ready() {
        Person nurse = fx.person("nurse");
        Person doctor = fx.person("doctor");
        Person pharmacist = fx.person("pharmacist");
        String served = fx.direct(nurse, doctor);
        String negative = fx.direct(nurse, pharmacist);
        String ahead = fx.group(nurse, doctor, pharmacist);
        long servedFrom = fx.lastSeq(nurse, served);
        assertThat(fx.post(doctor, served, "update").status()).isEqualTo(201);
        assertThat(fx.post(pharmacist, negative, "update").status()).isEqualTo(201);
        assertThat(fx.post(doctor, ahead, "update").status()).isEqualTo(201);
        long negativeLast = fx.lastSeq(nurse, negative);
        long aheadLast = fx.lastSeq(nurse, ahead);

        try (StreamClient c = StreamClient.connect(api.base(), nurse.token(), true)) {
            Map<String, Long> cursors = new LinkedHashMap<>();
            cursors.put(served, servedFrom);
            cursors.put(negative, -1L);
            cursors.put(ahead, aheadLast + 5);
            c.hello(cursors, null);
            List<JsonNode> beforeReady = untilReady(c);

            JsonNode refusedNegative = only(beforeReady, "resync-required", negative);
            assertThat(refusedNegative.get("fromSeq").asLong()).isEqualTo(-1);
            assertThat(refusedNegative.get("lastSeq").asLong()).isEqualTo(negativeLast);
            JsonNode refusedAhead = only(beforeReady, "resync-required", ahead);
            assertThat(refusedAhead.get("fromSeq").asLong()).isEqualTo(aheadLast + 5);
            assertThat(refusedAhead.get("lastSeq").asLong()).isEqualTo(aheadLast);
            assertThat(beforeReady).as("nothing replayed for a refused cursor")
                    .noneMatch(f -> is(f, "event") && List.of(negative, ahead).contains(f.get("conversationId").asText()));
            assertThat(beforeReady.stream().filter(f -> is(f, "event") && served.equals(f.get("conversationId").asText()))
                    .map(f -> f.get("seq").asLong()).toList()).as("the served cursor is replayed").containsExactly(servedFrom + 1);

            // Live events continue right after lastSeq.
            assertThat(fx.post(pharmacist, negative, "live").status()).isEqualTo(201);
            JsonNode live = c.await(f -> is(f, "event") && negative.equals(f.get("conversationId").asText()), Duration.ofSeconds(10));
            assertThat(live.get("seq").asLong()).isEqualTo(negativeLast + 1);
        }
    }

    @Test
    void a_live_gap_the_log_cannot_supply_gets_resync_required_from_the_last_seq_sent_then_the_event() {
        Person nurse = fx.person("nurse");
        Person doctor = fx.person("doctor");
        String conversation = fx.direct(nurse, doctor);
        long last = fx.lastSeq(nurse, conversation);
        try (StreamClient c = StreamClient.connect(api.base(), nurse.token(), true)) {
            c.hello(Map.of(conversation, last), null);
            c.awaitType("ready");
            // As if another node published seq last + 3 before this node could read last + 1 and + 2.
            long ahead = last + 3;
            String frame = "{\"type\":\"event\",\"conversationId\":\"" + conversation + "\",\"seq\":" + ahead
                    + ",\"event\":{\"kind\":\"test.from-another-node\"}}";
            server.app().stream().onConversationFrame(new ConversationFrame(UUID.fromString(conversation), ahead, frame));

            JsonNode resync = c.await(f -> is(f, "resync-required") || is(f, "event"), Duration.ofSeconds(10));
            assertThat(resync.get("type").asText()).as("the resync comes before the event").isEqualTo("resync-required");
            assertThat(resync.get("conversationId").asText()).isEqualTo(conversation);
            assertThat(resync.get("fromSeq").asLong()).as("the last seq the client has").isEqualTo(last);
            assertThat(resync.get("lastSeq").asLong()).as("the last seq it was not sent").isEqualTo(ahead - 1);
            JsonNode event = c.await(f -> is(f, "event"), Duration.ofSeconds(10));
            assertThat(event.get("seq").asLong()).isEqualTo(ahead);
        }
    }

    @Test
    void resuming_after_removal_gets_replays_then_not_a_member_then_user_events_then_ready() {
        Person nurse = fx.person("nurse");
        Person doctor = fx.person("doctor");
        Person pharmacist = fx.person("pharmacist");
        String kept = fx.direct(nurse, doctor);
        String removedFrom = fx.group(doctor, nurse, pharmacist);
        long keptCursor = fx.lastSeq(nurse, kept);
        long removedCursor = fx.lastSeq(nurse, removedFrom);
        long userSeq = lastUserSeq(nurse);

        // While the nurse is offline: a message, a removal, a new chat.
        assertThat(fx.post(doctor, kept, "while you were away").status()).isEqualTo(201);
        assertThat(api.delete("/api/v1/conversations/" + removedFrom + "/members/" + nurse.id(), doctor.token()).status())
                .isEqualTo(204);
        String added = fx.group(doctor, nurse, pharmacist);

        try (StreamClient c = StreamClient.connect(api.base(), nurse.token(), true)) {
            Map<String, Long> cursors = new LinkedHashMap<>();
            cursors.put(removedFrom, removedCursor);
            cursors.put(kept, keptCursor);
            c.hello(cursors, userSeq);
            List<JsonNode> frames = untilReady(c);
            List<String> order = frames.stream().map(f -> switch (f.get("type").asText()) {
                case "event" -> "event " + (kept.equals(f.get("conversationId").asText()) ? "kept" : "removed");
                case "not-a-member" -> "not-a-member " + (removedFrom.equals(f.get("conversationId").asText()) ? "removed" : "?");
                case "user-event" -> f.at("/event/kind").asText() + " " + (removedFrom.equals(f.at("/event/conversationId").asText())
                        ? "removed" : added.equals(f.at("/event/conversation/id").asText()) ? "added" : "?");
                default -> f.get("type").asText();
            }).toList();
            assertThat(order).containsExactly("event kept", "not-a-member removed", "conversation.removed removed",
                    "conversation.added added", "ready");
        }
    }

    private long lastUserSeq(Person who) {
        JsonNode items = api.get("/api/v1/me/events?after=0&limit=1000", who.token()).json().get("items");
        return items.isEmpty() ? 0 : items.get(items.size() - 1).get("userSeq").asLong();
    }

    private static JsonNode only(List<JsonNode> frames, String type, String conversationId) {
        List<JsonNode> found = frames.stream().filter(f -> is(f, type) && conversationId.equals(f.path("conversationId").asText())).toList();
        assertThat(found).as(type + " for " + conversationId + " in " + frames).hasSize(1);
        return found.getFirst();
    }
}

package org.confer.chat;

import org.confer.testing.ChatFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.Api;
import org.confer.testing.ServerTest;
import org.confer.testing.StreamClient;
import org.junit.jupiter.api.Test;

/**
 * Urgent messages: every recipient is notified at once and re-notified every 2 minutes until
 * they acknowledge — an explicit action, recorded with its time — for at most 20 minutes; the
 * sender sees who has acknowledged and who has not. Time is moved with the server's test clock.
 */
class UrgentMessagesTest extends ServerTest {
    private ChatFixtures fx;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
    }

    private Api.Response postUrgent(Person from, String conversation, String text) {
        return api.post("/api/v1/conversations/" + conversation + "/messages",
                Map.of("text", text, "clientMsgId", UUID.randomUUID().toString(), "urgent", true), from.token());
    }

    private static boolean urgentNotice(JsonNode f, String messageId, int attempt) {
        return "user-event".equals(f.path("type").asText())
                && "message.urgent".equals(f.at("/event/kind").asText())
                && messageId.equals(f.at("/event/messageId").asText())
                && f.at("/event/attempt").asInt() == attempt;
    }

    private StreamClient stream(Person p, String conversation) {
        StreamClient c = StreamClient.connect(api.base(), p.token(), true);
        c.hello(Map.of(conversation, fx.lastSeq(p, conversation)), null);
        c.awaitType("ready");
        return c;
    }

    @Test
    void recipients_are_renotified_every_two_minutes_until_they_acknowledge_and_the_sender_sees_who_has() {
        List<Person> people = fx.people("urgent", 3);
        Person registrar = people.get(0);
        Person nurseA = people.get(1);
        Person nurseB = people.get(2);
        String conversation = fx.group(people);
        StreamClient senderStream = stream(registrar, conversation);
        StreamClient a = stream(nurseA, conversation);
        StreamClient b = stream(nurseB, conversation);

        Api.Response posted = postUrgent(registrar, conversation, "Bed 12 NEWS2 of 7: review now please");
        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.json().get("urgent").asBoolean()).isTrue();
        String id = posted.json().get("id").asText();
        a.await(f -> urgentNotice(f, id, 1), Duration.ofSeconds(10));
        b.await(f -> urgentNotice(f, id, 1), Duration.ofSeconds(10));
        assertThat(senderStream.drain(Duration.ofMillis(300))).noneMatch(f -> "message.urgent".equals(f.at("/event/kind").asText()));

        server.clock.advance(Duration.ofMinutes(2));
        server.app().urgent().runDue();
        a.await(f -> urgentNotice(f, id, 2), Duration.ofSeconds(10));
        b.await(f -> urgentNotice(f, id, 2), Duration.ofSeconds(10));

        // Reading is not acknowledging: moving the read marker changes nothing.
        api.post("/api/v1/conversations/" + conversation + "/read", Map.of("seq", fx.lastSeq(nurseA, conversation)), nurseA.token());
        Api.Response ack = api.post("/api/v1/conversations/" + conversation + "/messages/" + id + "/acknowledge", Map.of(), nurseA.token());
        assertThat(ack.status()).as(ack.toString()).isEqualTo(200);
        assertThat(ack.json().get("acknowledgedAt").asText()).isNotBlank();
        JsonNode seen = senderStream.await(f -> "message.acknowledged".equals(f.at("/event/kind").asText()), Duration.ofSeconds(10));
        assertThat(seen.at("/event/userId").asText()).isEqualTo(nurseA.id());
        assertThat(seen.at("/event/messageId").asText()).isEqualTo(id);

        server.clock.advance(Duration.ofMinutes(2));
        server.app().urgent().runDue();
        b.await(f -> urgentNotice(f, id, 3), Duration.ofSeconds(10));
        assertThat(a.drain(Duration.ofMillis(300))).noneMatch(f -> "message.urgent".equals(f.at("/event/kind").asText()));

        Api.Response who = api.get("/api/v1/conversations/" + conversation + "/messages/" + id + "/acknowledgements", registrar.token());
        assertThat(who.status()).isEqualTo(200);
        Map<String, JsonNode> byUser = new java.util.HashMap<>();
        who.json().get("items").forEach(i -> byUser.put(i.get("userId").asText(), i));
        assertThat(byUser).containsOnlyKeys(nurseA.id(), nurseB.id());
        assertThat(byUser.get(nurseA.id()).get("acknowledgedAt").asText()).isEqualTo(ack.json().get("acknowledgedAt").asText());
        assertThat(byUser.get(nurseA.id()).get("notifiedCount").asInt()).isEqualTo(2);
        assertThat(byUser.get(nurseB.id()).has("acknowledgedAt")).isFalse();
        assertThat(byUser.get(nurseB.id()).get("notifiedCount").asInt()).isEqualTo(3);

        // Acknowledging twice keeps the first time.
        Api.Response again = api.post("/api/v1/conversations/" + conversation + "/messages/" + id + "/acknowledge", Map.of(), nurseA.token());
        assertThat(again.json().get("acknowledgedAt").asText()).isEqualTo(ack.json().get("acknowledgedAt").asText());
        senderStream.close();
        a.close();
        b.close();
    }

    @Test
    void reminders_stop_twenty_minutes_after_posting() {
        List<Person> people = fx.people("window", 2);
        String conversation = fx.direct(people.get(0), people.get(1));
        StreamClient b = stream(people.get(1), conversation);
        String id = postUrgent(people.get(0), conversation, "Call theatre re: patient in bay 3").json().get("id").asText();
        b.await(f -> urgentNotice(f, id, 1), Duration.ofSeconds(10));
        for (int reminder = 1; reminder <= 10; reminder++) {
            server.clock.advance(Duration.ofMinutes(2));
            server.app().urgent().runDue();
            int attempt = reminder + 1;
            b.await(f -> urgentNotice(f, id, attempt), Duration.ofSeconds(10));
        }
        for (int i = 0; i < 3; i++) {
            server.clock.advance(Duration.ofMinutes(2));
            server.app().urgent().runDue();
        }
        assertThat(b.drain(Duration.ofMillis(500))).noneMatch(f -> "message.urgent".equals(f.at("/event/kind").asText()));
        Api.Response who = api.get("/api/v1/conversations/" + conversation + "/messages/" + id + "/acknowledgements", people.get(0).token());
        assertThat(who.json().at("/items/0/notifiedCount").asInt()).isEqualTo(11);
        b.close();
    }

    @Test
    void a_reconnecting_device_receives_missed_urgent_notices_through_its_user_cursor() {
        List<Person> people = fx.people("offline", 2);
        String conversation = fx.direct(people.get(0), people.get(1));
        StreamClient first = StreamClient.connect(api.base(), people.get(1).token(), true);
        first.hello(Map.of(), null);
        first.awaitType("ready");
        fx.post(people.get(0), conversation, "routine");
        // Learn the current userSeq from a live user event, then go offline.
        api.post("/api/v1/conversations/" + conversation + "/read", Map.of("seq", fx.lastSeq(people.get(1), conversation)), people.get(1).token());
        long userSeq = first.await(f -> "read.moved".equals(f.at("/event/kind").asText()), Duration.ofSeconds(10)).get("userSeq").asLong();
        first.close();

        String id = postUrgent(people.get(0), conversation, "Urgent: sepsis screen positive").json().get("id").asText();
        StreamClient back = StreamClient.connect(api.base(), people.get(1).token(), true);
        back.hello(Map.of(), userSeq);
        JsonNode notice = back.await(f -> urgentNotice(f, id, 1), Duration.ofSeconds(10));
        assertThat(notice.get("userSeq").asLong()).isEqualTo(userSeq + 1);
        back.close();
    }

    @Test
    void only_recipients_acknowledge_and_only_urgent_messages() {
        List<Person> people = fx.people("ackrules", 2);
        String conversation = fx.direct(people.get(0), people.get(1));
        String urgentId = postUrgent(people.get(0), conversation, "urgent one").json().get("id").asText();
        String normalId = fx.post(people.get(0), conversation, "not urgent").json().get("id").asText();

        Api.Response bySender = api.post("/api/v1/conversations/" + conversation + "/messages/" + urgentId + "/acknowledge", Map.of(),
                people.get(0).token());
        assertThat(bySender.status()).isEqualTo(409);
        Api.Response normal = api.post("/api/v1/conversations/" + conversation + "/messages/" + normalId + "/acknowledge", Map.of(),
                people.get(1).token());
        assertThat(normal.status()).isEqualTo(409);
        Person outsider = fx.person("outsider");
        Api.Response foreign = api.post("/api/v1/conversations/" + conversation + "/messages/" + urgentId + "/acknowledge", Map.of(),
                outsider.token());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain("urgent one");
    }

    @Test
    void after_an_outage_one_reminder_goes_at_once_and_the_rest_of_the_window_follows() {
        List<Person> people = fx.people("outage", 2);
        String conversation = fx.direct(people.get(0), people.get(1));
        StreamClient b = stream(people.get(1), conversation);
        String id = postUrgent(people.get(0), conversation, "Patient in bay 2 deteriorating").json().get("id").asText();
        b.await(f -> urgentNotice(f, id, 1), Duration.ofSeconds(10));

        // Eight minutes with no timer (the server was down): reminders 1 to 3 were missed and 4 is due.
        server.clock.advance(Duration.ofMinutes(8));
        server.app().urgent().runDue();
        b.await(f -> urgentNotice(f, id, 5), Duration.ofSeconds(10));
        assertThat(b.drain(Duration.ofMillis(300))).as("one reminder, not a burst of the missed ones")
                .noneMatch(f -> "message.urgent".equals(f.at("/event/kind").asText()));

        for (int attempt = 6; attempt <= 11; attempt++) {
            server.clock.advance(Duration.ofMinutes(2));
            server.app().urgent().runDue();
            int expected = attempt;
            b.await(f -> urgentNotice(f, id, expected), Duration.ofSeconds(10));
        }
        server.clock.advance(Duration.ofMinutes(2));
        server.app().urgent().runDue();
        assertThat(b.drain(Duration.ofMillis(300))).noneMatch(f -> "message.urgent".equals(f.at("/event/kind").asText()));
        b.close();
    }

    @Test
    void deleting_an_urgent_message_stops_its_reminders() {
        List<Person> people = fx.people("deleted", 2);
        String conversation = fx.direct(people.get(0), people.get(1));
        StreamClient b = stream(people.get(1), conversation);
        String id = postUrgent(people.get(0), conversation, "sent to the wrong chat").json().get("id").asText();
        b.await(f -> urgentNotice(f, id, 1), Duration.ofSeconds(10));
        assertThat(api.delete("/api/v1/conversations/" + conversation + "/messages/" + id, people.get(0).token()).status()).isEqualTo(204);
        server.clock.advance(Duration.ofMinutes(2));
        server.app().urgent().runDue();
        assertThat(b.drain(Duration.ofMillis(500))).noneMatch(f -> "message.urgent".equals(f.at("/event/kind").asText()));
        b.close();
    }
}

package org.confer.chat;

import org.confer.testing.ChatFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.Api;
import org.confer.testing.ServerTest;
import org.confer.testing.StreamClient;
import org.junit.jupiter.api.Test;

/** Read markers across devices, "seen by" receipts, and unread and mention badges. */
class ReadStateTest extends ServerTest {
    private ChatFixtures fx;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
    }

    private JsonNode summary(Person p, String conversation) {
        Api.Response r = api.get("/api/v1/conversations", p.token());
        for (JsonNode c : r.json().get("items")) {
            if (c.get("id").asText().equals(conversation)) {
                return c;
            }
        }
        throw new AssertionError("conversation not listed for " + p.email());
    }

    @Test
    void reading_on_one_device_clears_the_badge_on_the_others_and_tells_the_other_person() {
        List<Person> people = fx.people("seen", 2);
        Person nurse = people.get(0);
        Person doctor = people.get(1);
        String dm = fx.direct(nurse, doctor);
        StreamClient doctorPhone = StreamClient.connect(api.base(), doctor.token(), true);
        doctorPhone.hello(Map.of(), null);
        doctorPhone.awaitType("ready");
        StreamClient nurseTablet = StreamClient.connect(api.base(), nurse.token(), true);
        nurseTablet.hello(Map.of(), null);
        nurseTablet.awaitType("ready");

        fx.post(nurse, dm, "Obs for bed 9 attached");
        long seq = fx.post(nurse, dm, "Can you review before 4pm?").json().get("seq").asLong();
        assertThat(summary(doctor, dm).get("unreadCount").asInt()).isEqualTo(2);

        String doctorLaptop = api.login(doctor.email(), ChatFixtures.PASSWORD);
        Api.Response read = api.post("/api/v1/conversations/" + dm + "/read", Map.of("seq", seq), doctorLaptop);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("readSeq").asLong()).isEqualTo(seq);

        JsonNode moved = doctorPhone.await(f -> "read.moved".equals(f.at("/event/kind").asText()), Duration.ofSeconds(10));
        assertThat(moved.at("/event/readSeq").asLong()).isEqualTo(seq);
        assertThat(summary(doctor, dm).get("unreadCount").asInt()).isZero();
        JsonNode seen = nurseTablet.await(f -> "read".equals(f.path("type").asText()), Duration.ofSeconds(10));
        assertThat(seen.get("userId").asText()).isEqualTo(doctor.id());
        assertThat(seen.get("readSeq").asLong()).isEqualTo(seq);
        Api.Response markers = api.get("/api/v1/conversations/" + dm + "/read-markers", nurse.token());
        assertThat(markers.json().at("/readSeqs/" + doctor.id()).asLong()).isEqualTo(seq);
        doctorPhone.close();
        nurseTablet.close();
    }

    @Test
    void channel_and_team_mentions_count_as_mentions_for_everyone_but_the_author() {
        List<Person> people = fx.people("allhands", 3);
        String group = fx.group(people);
        fx.post(people.get(0), group, "@channel fire drill at 14:00");
        fx.post(people.get(0), group, "Thanks <@" + people.get(1).id() + ">");
        assertThat(summary(people.get(1), group).get("mentionCount").asInt()).isEqualTo(2);
        assertThat(summary(people.get(2), group).get("mentionCount").asInt()).isEqualTo(1);
        assertThat(summary(people.get(0), group).get("mentionCount").asInt()).isZero();
    }

    @Test
    void more_than_twenty_streams_for_one_person_are_refused() {
        Person p = fx.person("devices");
        List<StreamClient> open = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            open.add(StreamClient.connect(api.base(), p.token(), true));
        }
        var attempt = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + p.token())
                .buildAsync(java.net.URI.create(api.base().replace("http", "ws") + "/api/v1/stream"), new java.net.http.WebSocket.Listener() {});
        assertThat(attempt).failsWithin(Duration.ofSeconds(10));
        open.forEach(StreamClient::close);
    }
}

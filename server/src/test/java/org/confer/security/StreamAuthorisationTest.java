package org.confer.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.confer.testing.StreamClient;
import org.junit.jupiter.api.Test;

/**
 * The stream (/api/v1/stream) opens only for a live session, and a cookie opens it only from
 * Confer's own pages — a page of another site could otherwise open a socket with the user's
 * cookie and read everything (cross-site WebSocket hijacking). Once open, it carries only what
 * its person may see: nothing of conversations they are not in, even when they ask for one.
 */
class StreamAuthorisationTest extends ServerTest {

    private static final String ELSEWHERE = "https://attacker.example";

    @Test
    void a_stream_opens_only_with_a_live_session() {
        ChatFixtures fx = new ChatFixtures(server);
        Person nurse = fx.person("nurse");
        String base = api.base();

        assertThat(StreamClient.upgradeStatus(base, Map.of())).as("no credentials").isEqualTo(401);
        assertThat(StreamClient.upgradeStatus(base, Map.of("Authorization", "Bearer " + UUID.randomUUID())))
                .as("a made-up token").isEqualTo(401);
        assertThat(StreamClient.upgradeStatus(base, Map.of("Authorization", "Basic " + nurse.token())))
                .as("a token in the wrong scheme").isEqualTo(401);
        assertThat(StreamClient.upgradeStatus(base, Map.of("Authorization", "Bearer " + nurse.token())))
                .as("the live token").isEqualTo(101);
    }

    @Test
    void a_cookie_opens_the_stream_only_from_confer_s_own_origin() {
        ChatFixtures fx = new ChatFixtures(server);
        Person nurse = fx.person("nurse");
        String cookie = "confer_session=" + nurse.token();
        String base = api.base();

        assertThat(StreamClient.upgradeStatus(base, Map.of("Cookie", cookie, "Origin", ELSEWHERE)))
                .as("a page of another site").isEqualTo(403);
        assertThat(StreamClient.upgradeStatus(base, Map.of("Cookie", cookie, "Origin", "http://127.0.0.1.attacker.example")))
                .as("a look-alike host").isEqualTo(403);
        assertThat(StreamClient.upgradeStatus(base, Map.of("Cookie", cookie, "Origin", "null")))
                .as("a sandboxed frame or file page").isEqualTo(403);
        assertThat(StreamClient.upgradeStatus(base, Map.of("Cookie", cookie, "Origin", base)))
                .as("Confer's own page").isEqualTo(101);
        // A bearer token is never sent by a browser on its own, so the page that holds it is trusted.
        assertThat(StreamClient.upgradeStatus(base, Map.of("Authorization", "Bearer " + nurse.token(), "Origin", ELSEWHERE)))
                .isEqualTo(101);
        assertThat(api.get("/api/v1/me", nurse.token()).status()).as("the refusals ended nothing").isEqualTo(200);
    }

    @Test
    void a_stream_carries_nothing_of_a_conversation_its_person_is_not_in_even_when_asked_for() {
        ChatFixtures fx = new ChatFixtures(server);
        Person doctor = fx.person("doctor");
        Person nurse = fx.person("nurse");
        Person outsider = fx.personIn("outsider", "YDX");
        try (StreamClient watching = fx.stream(outsider)) {
            String conversation = fx.group(doctor, nurse, fx.person("third"));
            String secret = "SECRET-" + UUID.randomUUID() + " troponin 850";
            Api.Response posted = fx.post(doctor, conversation, secret);
            assertThat(posted.status()).isEqualTo(201);
            assertThat(api.post("/api/v1/conversations/" + conversation + "/messages/" + posted.json().get("id").asText()
                    + "/reactions", Map.of("emoji", "👍"), nurse.token()).status()).isEqualTo(204);
            try (StreamClient nurseStream = fx.stream(nurse)) {
                nurseStream.send(Map.of("type", "typing", "conversationId", conversation));
                nurseStream.send(Map.of("type", "ping"));
                nurseStream.awaitType("pong");
            }

            // Asking for it by id, with a cursor, gets a refusal and none of its events.
            try (StreamClient asking = StreamClient.connect(api.base(), outsider.token(), true)) {
                asking.hello(Map.of(conversation, 0L), null);
                JsonNode refusal = asking.awaitType("not-a-member");
                assertThat(refusal.get("conversationId").asText()).isEqualTo(conversation);
                assertThat(asking.drain(Duration.ofMillis(300))).noneMatch(f -> f.toString().contains(secret));
            }
            // Typing into a conversation one is not in reaches none of its members.
            try (StreamClient doctorStream = fx.stream(doctor); StreamClient nurseWatching = fx.stream(nurse)) {
                watching.send(Map.of("type", "typing", "conversationId", conversation));
                assertThat(watching.awaitType("error").get("code").asText()).isEqualTo("not-a-member");
                doctorStream.send(Map.of("type", "typing", "conversationId", conversation));
                JsonNode typing = nurseWatching.awaitType("typing");
                assertThat(typing.get("userId").asText()).as("a member's typing arrives").isEqualTo(doctor.id());
                assertThat(nurseWatching.drain(Duration.ofMillis(300))).as("frames of a member's stream")
                        .noneMatch(f -> f.toString().contains(outsider.id()));
            }
            List<JsonNode> seen = watching.drain(Duration.ofMillis(500));
            assertThat(seen).as("frames of the outsider's stream").noneMatch(f -> f.toString().contains(conversation))
                    .noneMatch(f -> f.toString().contains(secret));
        }
    }
}

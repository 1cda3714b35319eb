package org.confer.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.confer.testing.StreamClient;
import org.junit.jupiter.api.Test;

/** Typing indicators (docs/protocol.md): relayed to the other members only, throttled, never stored. */
class TypingTest extends ServerTest {
    private RealtimeFixtures fx;


    @Override
    protected void afterStart() {
        fx = new RealtimeFixtures(server);
    }

    @Test
    void typing_reaches_the_other_members_once_each_but_not_the_senders_own_streams_nor_non_members() {
        Person alice = fx.person("alice");
        Person bob = fx.person("bob");
        Person carol = fx.person("carol");
        Person dave = fx.person("dave");
        String chat = fx.group(alice, bob, carol);
        // Dave shares a team with Alice, but not this chat.
        fx.team(alice, dave);
        long lastSeq = lastSeq(bob, chat);
        try (StreamClient aliceTyping = fx.stream(alice); StreamClient aliceOther = fx.stream(alice);
             StreamClient bobStream = fx.stream(bob); StreamClient carolStream = fx.stream(carol);
             StreamClient daveStream = fx.stream(dave)) {
            aliceTyping.send(Map.of("type", "typing", "conversationId", chat));
            for (StreamClient member : List.of(bobStream, carolStream)) {
                JsonNode f = member.await(typingIn(chat), Duration.ofSeconds(10));
                assertThat(f.get("userId").asText()).isEqualTo(alice.id());
                assertThat(f.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("type", "conversationId", "userId");
            }
            settle(aliceTyping);
            assertThat(bobStream.drain(Duration.ofMillis(300))).noneMatch(typingIn(chat));
            assertThat(aliceTyping.drain(Duration.ofMillis(300))).noneMatch(typingIn(chat));
            assertThat(aliceOther.drain(Duration.ofMillis(300))).noneMatch(typingIn(chat));
            assertThat(daveStream.drain(Duration.ofMillis(300))).noneMatch(f -> "typing".equals(f.path("type").asText()));
        }
        // Never stored: the conversation's log did not move.
        assertThat(lastSeq(bob, chat)).isEqualTo(lastSeq);
    }

    @Test
    void typing_is_relayed_at_most_once_per_three_seconds_per_person_and_conversation() {
        Person alice = fx.person("alice");
        Person bob = fx.person("bob");
        String chat = fx.direct(alice, bob);
        String other = fx.group(alice, bob, fx.person("carol"));
        try (StreamClient aliceStream = fx.stream(alice); StreamClient bobStream = fx.stream(bob)) {
            aliceStream.send(Map.of("type", "typing", "conversationId", chat));
            aliceStream.send(Map.of("type", "typing", "conversationId", chat));
            bobStream.await(typingIn(chat), Duration.ofSeconds(10));
            settle(aliceStream);
            assertThat(bobStream.drain(Duration.ofMillis(300))).noneMatch(typingIn(chat));

            // Another conversation has its own window.
            aliceStream.send(Map.of("type", "typing", "conversationId", other));
            bobStream.await(typingIn(other), Duration.ofSeconds(10));

            server.clock.advance(Duration.ofMillis(2999));
            aliceStream.send(Map.of("type", "typing", "conversationId", chat));
            settle(aliceStream);
            assertThat(bobStream.drain(Duration.ofMillis(300))).noneMatch(typingIn(chat));

            server.clock.advance(Duration.ofMillis(1));
            aliceStream.send(Map.of("type", "typing", "conversationId", chat));
            bobStream.await(typingIn(chat), Duration.ofSeconds(10));
            settle(aliceStream);
            assertThat(bobStream.drain(Duration.ofMillis(300))).noneMatch(typingIn(chat));
        }
    }

    @Test
    void a_non_members_typing_gets_a_not_a_member_error_and_is_not_relayed() {
        Person alice = fx.person("alice");
        Person bob = fx.person("bob");
        Person mallory = fx.person("mallory");
        String chat = fx.direct(alice, bob);
        try (StreamClient bobStream = fx.stream(bob); StreamClient malloryStream = fx.stream(mallory)) {
            malloryStream.send(Map.of("type", "typing", "conversationId", chat));
            JsonNode error = malloryStream.awaitType("error");
            assertThat(error.get("code").asText()).isEqualTo("not-a-member");
            assertThat(error.get("conversationId").asText()).isEqualTo(chat);
            // A conversation that does not exist answers the same.
            String unknown = UUID.randomUUID().toString();
            malloryStream.send(Map.of("type", "typing", "conversationId", unknown));
            JsonNode second = malloryStream.awaitType("error");
            assertThat(second.get("code").asText()).isEqualTo("not-a-member");
            assertThat(second.get("conversationId").asText()).isEqualTo(unknown);
            assertThat(bobStream.drain(Duration.ofMillis(500))).noneMatch(f -> "typing".equals(f.path("type").asText()));
        }
    }

    @Test
    void a_typing_frame_without_a_well_formed_conversation_id_gets_an_error_and_the_stream_stays_open() {
        Person alice = fx.person("alice");
        try (StreamClient stream = fx.stream(alice)) {
            for (String frame : new String[] {
                    "{\"type\":\"typing\"}",
                    "{\"type\":\"typing\",\"conversationId\":\"not-a-uuid\"}",
                    "{\"type\":\"typing\",\"conversationId\":42}",
                    "{\"type\":\"typing\",\"conversationId\":\"1-1-1-1-1\"}",
                    "{\"type\":\"typing\",\"conversationId\":{\"id\":\"x\"}}"}) {
                stream.sendRaw(frame);
                JsonNode error = stream.awaitType("error");
                assertThat(error.get("code").asText()).as(frame).isEqualTo("invalid-typing");
            }
            stream.send(Map.of("type", "ping"));
            stream.awaitType("pong");
        }
    }

    @Test
    void an_active_frame_is_accepted_without_an_answer() {
        Person alice = fx.person("alice");
        try (StreamClient stream = fx.stream(alice)) {
            stream.send(Map.of("type", "active"));
            stream.send(Map.of("type", "ping"));
            List<String> types = stream.drain(Duration.ofMillis(500)).stream().map(f -> f.path("type").asText()).toList();
            assertThat(types).contains("pong").doesNotContain("error");
        }
    }

    /**
     * Waits until the server has handled every frame this client sent before: frames of one
     * connection are handled in order, and typing is relayed before the handler returns.
     */
    private static void settle(StreamClient sender) {
        sender.send(Map.of("type", "ping"));
        sender.awaitType("pong");
    }

    private long lastSeq(Person who, String conversationId) {
        return server.api.get("/api/v1/conversations/" + conversationId, who.token()).json().get("lastSeq").asLong();
    }

    private static Predicate<JsonNode> typingIn(String conversationId) {
        return f -> "typing".equals(f.path("type").asText()) && conversationId.equals(f.path("conversationId").asText());
    }
}

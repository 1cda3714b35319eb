package org.confer.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ServerTest;
import org.confer.testing.StreamClient;
import org.junit.jupiter.api.Test;

/**
 * Finding 2 (MEDIUM): a stream ends with its session. With a 1-minute idle timeout, a session
 * that idles out ends its open streams (4001) within seconds, not at the next reconnect. The
 * person's own activity on the stream (the {@code active} frame the web client sends on input,
 * and {@code typing}) counts as use of the session; the protocol's pings do not, so an
 * unattended screen still signs itself out (docs/protocol.md 3.7).
 */
class StreamSessionExpiryTest extends ServerTest {
    @Override
    protected Map<String, String> settings() {
        return Map.of("CONFER_SESSION_IDLE_MINUTES", "1");
    }

    @Test
    void an_open_stream_closes_with_4001_within_seconds_of_its_session_idling_out() {
        // Fixtures afresh each time: the admin who creates people has a session that idles out too.
        ChatFixtures people = new ChatFixtures(server);
        ChatFixtures.Person nurse = people.person("nurse");
        try (StreamClient stream = people.stream(nurse)) {
            server.clock.advance(Duration.ofSeconds(61));
            assertThat(api.get("/api/v1/me", nurse.token()).status()).isEqualTo(401);

            // The periodic check (every 5 s), not a test hook: what a user would see.
            assertThat(stream.awaitClose(Duration.ofSeconds(15))).isEqualTo(4001);
            assertThat(stream.closeReason()).contains("session");
        }
    }

    @Test
    void the_person_s_activity_on_the_stream_keeps_the_session_alive() {
        // Fixtures afresh each time: the admin who creates people has a session that idles out too.
        ChatFixtures people = new ChatFixtures(server);
        ChatFixtures.Person nurse = people.person("busy-nurse");
        try (StreamClient stream = people.stream(nurse)) {
            for (int i = 0; i < 3; i++) {
                server.clock.advance(Duration.ofSeconds(40));
                stream.send(Map.of("type", "active"));
                processed(stream);
            }
            server.clock.advance(Duration.ofSeconds(40));
            server.app().stream().checkSessions();

            processed(stream); // still open: it answers
            assertThat(api.get("/api/v1/me", nurse.token()).status()).as("160 s after sign-in, 40 s after last use").isEqualTo(200);
        }
    }

    @Test
    void pings_are_not_activity_an_unattended_stream_still_ends() {
        // Fixtures afresh each time: the admin who creates people has a session that idles out too.
        ChatFixtures people = new ChatFixtures(server);
        ChatFixtures.Person nurse = people.person("away-nurse");
        try (StreamClient stream = people.stream(nurse)) {
            server.clock.advance(Duration.ofSeconds(40));
            processed(stream);
            server.clock.advance(Duration.ofSeconds(40));
            server.app().stream().checkSessions();

            assertThat(stream.awaitClose(Duration.ofSeconds(5))).isEqualTo(4001);
        }
    }

    @Test
    void a_stream_cannot_be_opened_on_a_session_that_has_idled_out() {
        // Fixtures afresh each time: the admin who creates people has a session that idles out too.
        ChatFixtures people = new ChatFixtures(server);
        ChatFixtures.Person nurse = people.person("late-nurse");
        server.clock.advance(Duration.ofSeconds(61));

        var attempt = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + nurse.token())
                .buildAsync(java.net.URI.create(api.base().replace("http", "ws") + "/api/v1/stream"),
                        new java.net.http.WebSocket.Listener() {});

        assertThat(attempt).failsWithin(Duration.ofSeconds(10));
    }

    /** A ping answered means every frame sent before it has been handled (frames of one stream are handled in order). */
    private static void processed(StreamClient stream) {
        stream.send(Map.of("type", "ping"));
        stream.awaitType("pong");
    }
}

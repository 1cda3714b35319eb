package org.confer.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ServerTest;
import org.confer.testing.StreamClient;
import org.junit.jupiter.api.Test;

/** Finding 2, the absolute lifetime: however active, a stream ends when its session's lifetime (here 1 hour) does. */
class StreamSessionLifetimeTest extends ServerTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("CONFER_SESSION_MAX_HOURS", "1");
    }

    @Test
    void an_active_stream_closes_with_4001_when_its_session_reaches_its_absolute_expiry() {
        ChatFixtures people = new ChatFixtures(server);
        ChatFixtures.Person nurse = people.person("night-nurse");
        try (StreamClient stream = people.stream(nurse)) {
            for (int i = 0; i < 5; i++) {
                server.clock.advance(Duration.ofMinutes(11));
                stream.send(Map.of("type", "active"));
            }
            stream.send(Map.of("type", "ping"));
            stream.awaitType("pong");
            server.app().stream().checkSessions();
            stream.send(Map.of("type", "ping"));
            stream.awaitType("pong"); // 55 minutes in, with activity: still open

            server.clock.advance(Duration.ofMinutes(6));

            assertThat(stream.awaitClose(Duration.ofSeconds(15))).isEqualTo(4001);
            assertThat(api.get("/api/v1/me", nurse.token()).status()).isEqualTo(401);
        }
    }
}

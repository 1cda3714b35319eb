package org.confer.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading while frames keep coming is closed as a slow consumer (4008)
 * once one write has waited the send timeout (docs/protocol.md section 3.7), not with 1011.
 * The send timeout is 2 s here instead of 30.
 */
class StreamSlowConsumerTest extends ServerTest {
    private static final int QUEUE_FRAMES = 4096;
    private static final int MAX_POSTS = 3000;

    @Override
    protected Map<String, String> settings() {
        return Map.of("CONFER_STREAM_SEND_TIMEOUT_SECONDS", "2", "CONFER_STREAM_QUEUE_FRAMES", Integer.toString(QUEUE_FRAMES),
                "CONFER_POSTS_PER_MINUTE_PER_USER", "1000000");
    }

    @Test
    void a_client_that_stops_reading_is_closed_with_4008_once_a_frame_waits_past_the_send_timeout() throws Exception {
        ChatFixtures fx = new ChatFixtures(server);
        Person poster = fx.person("poster");
        Person reader = fx.person("stalled");
        String conversation = fx.direct(poster, reader);
        UUID readerId = UUID.fromString(reader.id());
        // A small receive window, so that the socket's buffers fill after a few hundred kilobytes.
        try (RawStream stalled = RawStream.open(server.app().port(), Map.of("Authorization", "Bearer " + reader.token()), 16 * 1024)) {
            assertThat(stalled.answer.status()).isEqualTo(101);
            stalled.sendText("{\"type\":\"hello\",\"cursors\":{}}");
            stalled.awaitText("\"ready\"", Duration.ofSeconds(10));

            // From here the client reads nothing while 16 KB messages keep coming.
            String big = "x".repeat(16_000);
            int posted = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (server.app().stream().connectionsOf(readerId) > 0) {
                assertThat(System.nanoTime()).as("the stalled stream is still open after %d messages", posted).isLessThan(deadline);
                // Fewer frames than the queue holds: the close can only come from a write that waited.
                assertThat(posted).as("messages posted").isLessThan(MAX_POSTS);
                assertThat(fx.post(poster, conversation, big + posted).status()).isEqualTo(201);
                posted++;
            }

            // Reading again, the client gets what the server had handed to the socket, then the close.
            RawStream.Frame close = stalled.awaitClose(Duration.ofSeconds(60));
            assertThat(close.code()).as(close.reason()).isEqualTo(4008);
            assertThat(close.reason()).contains("waited 2 s");
        }
    }
}

package org.confer.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * A stream from which nothing at all arrives — no frame, not even a pong to the server's pings —
 * for three ping intervals is closed with 4002 (docs/protocol.md section 3.5). The server's pings
 * alone never end a connection (Jetty counts them as traffic), so this check is the server's own.
 * The ping interval is 1 s here: the limit is 3 s.
 */
class StreamSilenceTest extends ServerTest {
    private static final Duration LIMIT = Duration.ofSeconds(3);

    private ChatFixtures fx;

    @Override
    protected Map<String, String> settings() {
        return Map.of("CONFER_STREAM_PING_SECONDS", "1");
    }

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
    }

    private RawStream ready(Person who) throws Exception {
        RawStream s = RawStream.bearer(server.app().port(), who.token());
        s.sendText("{\"type\":\"hello\",\"cursors\":{}}");
        s.awaitText("\"ready\"", Duration.ofSeconds(10));
        return s;
    }

    @Test
    void a_client_that_reads_but_sends_nothing_not_even_pongs_is_closed_with_4002_after_three_ping_intervals() throws Exception {
        Person quiet = fx.person("quiet");
        try (RawStream s = RawStream.bearer(server.app().port(), quiet.token())) {
            long lastSent = System.nanoTime();
            s.sendText("{\"type\":\"hello\",\"cursors\":{}}");
            RawStream.Frame close = s.awaitClose(Duration.ofSeconds(15));
            Duration after = Duration.ofNanos(System.nanoTime() - lastSent);
            assertThat(close.code()).as(close.reason()).isEqualTo(4002);
            assertThat(after).as("closed after the last frame from the client").isBetween(LIMIT, LIMIT.plusSeconds(3));
        }
        assertThat(server.app().stream().connectionsOf(UUID.fromString(quiet.id()))).isZero();
    }

    @Test
    void a_client_that_answers_pings_stays_open_however_long_it_sends_nothing_else() throws Exception {
        Person listener = fx.person("listener");
        try (RawStream s = ready(listener)) {
            int pings = 0;
            long deadline = System.nanoTime() + LIMIT.multipliedBy(3).toNanos();
            while (System.nanoTime() < deadline) {
                RawStream.Frame f = s.read(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (f == null) {
                    continue;
                }
                assertThat(f.opcode()).as("no close frame: %s %s", f.code(), f.reason()).isNotEqualTo(RawStream.CLOSE);
                if (f.opcode() == RawStream.PING) {
                    pings++;
                    s.send(RawStream.PONG, f.payload(), true);
                }
            }
            assertThat(pings).as("a ping a second").isGreaterThanOrEqualTo(6);
            s.sendText("{\"type\":\"ping\"}");
            s.awaitText("\"pong\"", Duration.ofSeconds(5));
        }
    }

    @Test
    void a_client_that_neither_reads_nor_sends_is_let_go_after_the_limit() throws Exception {
        Person gone = fx.person("gone");
        UUID id = UUID.fromString(gone.id());
        try (RawStream s = ready(gone)) {
            // From here the client does nothing at all, like a phone whose network went away.
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (server.app().stream().connectionsOf(id) > 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
            assertThat(server.app().stream().connectionsOf(id)).as("the stream is closed on the server").isZero();
            assertThat(s.awaitClose(Duration.ofSeconds(10)).code()).as("what the client finds if it ever reads").isEqualTo(4002);
        }
    }
}

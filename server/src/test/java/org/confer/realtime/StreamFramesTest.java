package org.confer.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.confer.testing.StreamClient;
import org.junit.jupiter.api.Test;

/**
 * The client's frames at the edges of docs/protocol.md sections 3.2, 3.5 and 3.7: what is
 * answered before the hello, which hellos are refused, and which frames close the stream with
 * which code (1002, 1003, 1007, 1009).
 */
class StreamFramesTest extends ServerTest {
    private ChatFixtures fx;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
    }

    private RawStream open(Person who) throws Exception {
        return RawStream.bearer(server.app().port(), who.token());
    }

    @Test
    void a_ping_before_the_hello_is_answered_at_once_and_nothing_else_is_sent_before_ready() throws Exception {
        Person nurse = fx.person("nurse");
        try (RawStream s = open(nurse)) {
            s.sendText("{\"type\":\"ping\"}");
            RawStream.Frame first = s.read(Duration.ofSeconds(5));
            assertThat(first).as("an answer within 5 s, long before the hello timeout").isNotNull();
            assertThat(first.text()).isEqualTo("{\"type\":\"pong\"}");
            s.sendText("{\"type\":\"hello\",\"cursors\":{}}");
            assertThat(s.awaitText("\"type\":\"", Duration.ofSeconds(10)).text()).as("the next frame").contains("\"ready\"");
        }
    }

    @Test
    void a_websocket_ping_from_the_client_is_answered_with_a_pong_carrying_its_payload() throws Exception {
        Person nurse = fx.person("nurse");
        try (RawStream s = open(nurse)) {
            s.send(RawStream.PING, "are-you-there".getBytes(StandardCharsets.UTF_8), true);
            RawStream.Frame pong = s.read(Duration.ofSeconds(5));
            assertThat(pong).isNotNull();
            assertThat(pong.opcode()).isEqualTo(RawStream.PONG);
            assertThat(pong.text()).isEqualTo("are-you-there");
        }
    }

    @Test
    void a_hello_with_a_cursor_that_is_not_a_whole_number_is_refused_and_a_good_hello_still_works() {
        Person nurse = fx.person("nurse");
        Person doctor = fx.person("doctor");
        String conversation = fx.direct(nurse, doctor);
        try (StreamClient c = StreamClient.connect(api.base(), nurse.token(), true)) {
            for (String cursors : List.of("{\"" + conversation + "\":1.5}", "{\"" + conversation + "\":1.0}",
                    "{\"" + conversation + "\":\"1\"}", "{\"" + conversation + "\":1e1}", "{\"not-a-uuid\":1}", "[1]")) {
                c.sendRaw("{\"type\":\"hello\",\"cursors\":" + cursors + "}");
                JsonNode refusal = c.awaitType("error");
                assertThat(refusal.get("code").asText()).as(cursors).isEqualTo("invalid-hello");
            }
            c.sendRaw("{\"type\":\"hello\",\"cursors\":{},\"userSeq\":1.5}");
            assertThat(c.awaitType("error").get("code").asText()).as("userSeq 1.5").isEqualTo("invalid-hello");

            List<JsonNode> frames = new ArrayList<>();
            c.hello(Map.of(conversation, 0L), null);
            c.await(f -> {
                frames.add(f);
                return "ready".equals(f.path("type").asText());
            }, Duration.ofSeconds(10));
            assertThat(frames).as("a refused hello did not count: the good one is served")
                    .anyMatch(f -> "event".equals(f.path("type").asText()) && f.get("seq").asLong() == 1);
        }
    }

    @Test
    void a_binary_frame_closes_the_stream_with_1003_and_one_over_64_KiB_with_1009() throws Exception {
        Person nurse = fx.person("nurse");
        for (int size : new int[] {0, 10, 2048, 64 * 1024}) {
            try (RawStream s = open(nurse)) {
                s.send(RawStream.BINARY, new byte[size], true);
                RawStream.Frame close = s.awaitClose(Duration.ofSeconds(10));
                assertThat(close.code()).as("%d bytes: %s", size, close.reason()).isEqualTo(1003);
            }
        }
        try (RawStream s = open(nurse)) {
            s.send(RawStream.BINARY, new byte[64 * 1024 + 1], true);
            assertThat(s.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(1009);
        }
    }

    @Test
    void a_text_frame_that_is_not_utf8_closes_the_stream_with_1007() throws Exception {
        Person nurse = fx.person("nurse");
        try (RawStream s = open(nurse)) {
            s.sendText("{\"type\":\"hello\",\"cursors\":{}}");
            s.awaitText("\"ready\"", Duration.ofSeconds(10));
            byte[] invalid = "{\"type\":\"ping\",\"x\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8);
            invalid[invalid.length - 3] = (byte) 0xFF; // no UTF-8 sequence starts with 0xFF
            s.send(RawStream.TEXT, invalid, true);
            assertThat(s.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(1007);
        }
    }

    @Test
    void a_frame_that_breaks_rfc_6455_closes_the_stream_with_1002() throws Exception {
        Person nurse = fx.person("nurse");
        byte[] ping = "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, ThrowingSend> broken = new LinkedHashMap<>();
        broken.put("unmasked", s -> s.sendFrame(0x80 | RawStream.TEXT, ping, false));
        broken.put("a reserved bit set", s -> s.sendFrame(0x80 | 0x40 | RawStream.TEXT, ping, true));
        broken.put("an unknown opcode", s -> s.sendFrame(0x80 | 0x3, ping, true));
        broken.put("a fragmented control frame", s -> s.sendFrame(RawStream.PING, new byte[0], true));
        broken.put("a control frame over 125 bytes", s -> s.sendFrame(0x80 | RawStream.PING, new byte[126], true));
        broken.put("a continuation without a start", s -> s.sendFrame(0x80, ping, true));
        for (Map.Entry<String, ThrowingSend> e : broken.entrySet()) {
            try (RawStream s = open(nurse)) {
                e.getValue().send(s);
                RawStream.Frame close = s.awaitClose(Duration.ofSeconds(10));
                assertThat(close.code()).as("%s: %s", e.getKey(), close.reason()).isEqualTo(1002);
            }
        }
    }

    private interface ThrowingSend {
        void send(RawStream s) throws Exception;
    }
}

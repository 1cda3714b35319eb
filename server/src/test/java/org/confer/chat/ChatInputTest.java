package org.confer.chat;

import org.confer.testing.ChatFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.Api;
import org.confer.testing.ServerTest;
import org.confer.testing.StreamClient;
import org.junit.jupiter.api.Test;

/**
 * What chat requests and stream frames may contain, and what happens when they do not: field
 * errors that name the field, nothing stored on refusal, and the stream's answers to bad frames.
 * Read markers, unread and mention counts and history paging are in
 * ReadMarkersAndHistoryPagingTest.
 */
class ChatInputTest extends ServerTest {
    /**
     * The hello timeout for this class's server: short, so the no-hello test waits seconds rather
     * than the default's 30 s (on both backends), yet far longer than the other tests here take to
     * say hello on a loaded machine. ConfigLoaderTest checks the default.
     */
    private static final int HELLO_SECONDS = 8;
    /** The next frame that answers the client: presence and typing frames may arrive at any moment in between. */
    private static final Predicate<JsonNode> ANSWER =
            f -> !Set.of("presence", "typing").contains(f.path("type").asText());

    private ChatFixtures fx;
    private Person alice;
    private Person bob;
    private Person carol;
    private String group;


    @Override
    protected Map<String, String> settings() {
        return Map.of("CONFER_STREAM_HELLO_SECONDS", Integer.toString(HELLO_SECONDS));
    }

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        alice = fx.person("alice");
        bob = fx.person("bob");
        carol = fx.person("carol");
        group = fx.group(List.of(alice, bob, carol));
    }

    // ---- paths and bodies ----

    @Test
    void an_unknown_conversation_or_team_is_404() {
        String unknown = UUID.randomUUID().toString();
        String c = "/api/v1/conversations/" + unknown;
        List<Api.Response> answers = List.of(
                api.get(c, alice.token()),
                api.get(c + "/messages", alice.token()),
                api.get(c + "/events?after=0", alice.token()),
                api.get(c + "/read-markers", alice.token()),
                api.post(c + "/read", Map.of("seq", 0), alice.token()),
                api.post(c + "/archive", Map.of(), alice.token()),
                api.patch(c, Map.of("name", "x"), alice.token()),
                fx.post(alice, unknown, "hello?"),
                api.get("/api/v1/teams/" + unknown + "/channels", alice.token()),
                api.get("/api/v1/teams/" + unknown + "/members", alice.token()),
                api.post("/api/v1/teams/" + unknown + "/members", Map.of("userId", bob.id()), alice.token()));
        for (Api.Response r : answers) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.problemType()).isEqualTo("not-found");
        }
    }

    @Test
    void a_malformed_id_in_the_path_is_404() {
        for (String bad : List.of("not-a-uuid", "1234", "%20", UUID.randomUUID() + "x")) {
            List<Api.Response> answers = List.of(
                    api.get("/api/v1/conversations/" + bad, alice.token()),
                    api.get("/api/v1/conversations/" + bad + "/messages", alice.token()),
                    api.post("/api/v1/conversations/" + bad + "/messages", Map.of("text", "hi", "clientMsgId", "m-1"), alice.token()),
                    api.get("/api/v1/teams/" + bad + "/channels", alice.token()),
                    api.delete("/api/v1/conversations/" + group + "/members/" + bad, alice.token()));
            for (Api.Response r : answers) {
                assertThat(r.status()).as(bad + ": " + r).isEqualTo(404);
                assertThat(r.problemType()).isEqualTo("not-found");
            }
        }
    }

    @Test
    void malformed_json_and_unknown_fields_are_400_and_store_nothing() {
        long before = fx.lastSeq(alice, group);
        String messages = "/api/v1/conversations/" + group + "/messages";

        Api.Response malformed = api.post(messages, "{\"text\": \"hi\", \"clientMsgId\": ", alice.token());
        assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
        assertThat(malformed.problemType()).isEqualTo("malformed-json");

        Api.Response notAnObject = api.post(messages, "[\"hi\"]", alice.token());
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.problemType()).isEqualTo("malformed-json");

        Api.Response unknown = api.post(messages, Map.of("text", "hi", "clientMsgId", "m-unknown", "colour", "red"), alice.token());
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("colour");
        assertThat(unknown.json().get("detail").asText()).contains("colour");

        Api.Response wrongType = api.post(messages, Map.of("text", "hi", "clientMsgId", "m-type", "threadRootId", "not-a-uuid"),
                alice.token());
        assertThat(wrongType.status()).as(wrongType.toString()).isEqualTo(400);
        assertThat(wrongType.json().get("field").asText()).isEqualTo("threadRootId");

        assertThat(fx.lastSeq(alice, group)).isEqualTo(before);
    }

    @Test
    void text_is_limited_to_16_kib_of_utf8_counted_in_bytes_not_characters() {
        String messages = "/api/v1/conversations/" + group + "/messages";
        long before = fx.lastSeq(alice, group);
        List<String> tooLong = List.of(
                "a".repeat(16_385),
                "€".repeat(5_462),                 // 5,462 characters but 16,386 bytes
                "€".repeat(5_461) + "ab",          // 16,385 bytes
                "😀".repeat(4_096) + "a");         // 4,097 code points, 16,385 bytes
        for (String text : tooLong) {
            Api.Response r = api.post(messages, Map.of("text", text, "clientMsgId", UUID.randomUUID().toString()), alice.token());
            assertThat(r.status()).as(text.getBytes(StandardCharsets.UTF_8).length + " bytes: " + r.status()).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("text");
        }
        assertThat(fx.lastSeq(alice, group)).as("nothing stored").isEqualTo(before);

        List<String> exactly = List.of("a".repeat(16_384), "€".repeat(5_461) + "a", "😀".repeat(4_096));
        for (String text : exactly) {
            assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(16_384);
            Api.Response r = api.post(messages, Map.of("text", text, "clientMsgId", UUID.randomUUID().toString()), alice.token());
            assertThat(r.status()).as(r.status() + " " + r.problemType()).isEqualTo(201);
            // Stored and read back whole.
            Api.Response latest = api.get(messages + "?limit=1", bob.token());
            assertThat(latest.json().at("/items/0/text").asText()).isEqualTo(text);
            Api.Response event = api.get("/api/v1/conversations/" + group + "/events?after=" + (r.json().get("seq").asLong() - 1)
                    + "&limit=1", bob.token());
            assertThat(event.json().at("/items/0/event/message/text").asText()).isEqualTo(text);
        }
        assertThat(fx.lastSeq(alice, group)).isEqualTo(before + exactly.size());
    }

    @Test
    void blank_or_missing_text_and_control_characters_are_refused_naming_text() {
        String messages = "/api/v1/conversations/" + group + "/messages";
        long before = fx.lastSeq(alice, group);
        List<Map<String, Object>> bad = new ArrayList<>();
        for (String text : List.of("", "   ", "\n\t ", "nul\u0000byte", "bell\u0007", "esc\u001b[31m", "\u0000")) {
            bad.add(Map.of("text", text, "clientMsgId", UUID.randomUUID().toString()));
        }
        bad.add(Map.of("clientMsgId", UUID.randomUUID().toString()));
        for (Map<String, Object> body : bad) {
            Api.Response r = api.post(messages, body, alice.token());
            assertThat(r.status()).as(body + ": " + r).isEqualTo(400);
            assertThat(r.problemType()).isEqualTo("validation");
            assertThat(r.json().get("field").asText()).isEqualTo("text");
        }
        assertThat(fx.lastSeq(alice, group)).isEqualTo(before);

        Api.Response layout = api.post(messages, Map.of("text", "Obs:\n\tBP 120/80\r\n\tHR 72", "clientMsgId", "layout-1"), alice.token());
        assertThat(layout.status()).as(layout.toString()).isEqualTo(201);
        assertThat(layout.json().get("text").asText()).isEqualTo("Obs:\n\tBP 120/80\r\n\tHR 72");
    }

    @Test
    void client_msg_id_is_required_and_limited_to_64_safe_characters() {
        String messages = "/api/v1/conversations/" + group + "/messages";
        long before = fx.lastSeq(alice, group);
        List<Map<String, Object>> bad = new ArrayList<>();
        bad.add(Map.of("text", "hi"));
        for (String id : List.of("", "x".repeat(65), "has spaces", "tab\there", "emoji😀", "slash/id", "new\nline")) {
            bad.add(Map.of("text", "hi", "clientMsgId", id));
        }
        for (Map<String, Object> body : bad) {
            Api.Response r = api.post(messages, body, alice.token());
            assertThat(r.status()).as(body + ": " + r).isEqualTo(400);
            assertThat(r.json().get("field").asText()).as(body.toString()).isEqualTo("clientMsgId");
        }
        assertThat(fx.lastSeq(alice, group)).isEqualTo(before);

        String longest = "A-z0._:9".repeat(8);
        Api.Response ok = api.post(messages, Map.of("text", "hi", "clientMsgId", longest), alice.token());
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        assertThat(ok.json().get("clientMsgId").asText()).isEqualTo(longest);
    }

    @Test
    void thread_replies_must_point_at_a_root_message_of_the_same_conversation() {
        String other = fx.direct(alice, bob);
        Api.Response elsewhere = fx.post(alice, other, "in the direct chat");
        Api.Response root = fx.post(alice, group, "Bed 4: sats dropping");
        String rootId = root.json().get("id").asText();
        long before = fx.lastSeq(alice, group);

        Api.Response wrongConversation = reply(bob, group, elsewhere.json().get("id").asText(), "reply");
        assertThat(wrongConversation.status()).as(wrongConversation.toString()).isEqualTo(400);
        assertThat(wrongConversation.json().get("field").asText()).isEqualTo("threadRootId");
        assertThat(wrongConversation.body()).doesNotContain("in the direct chat");
        Api.Response noSuchMessage = reply(bob, group, UUID.randomUUID().toString(), "reply");
        assertThat(noSuchMessage.status()).isEqualTo(400);
        assertThat(noSuchMessage.json().get("field").asText()).isEqualTo("threadRootId");
        assertThat(fx.lastSeq(alice, group)).isEqualTo(before);

        Api.Response first = reply(bob, group, rootId, "Reviewing now");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().get("threadRootId").asText()).isEqualTo(rootId);
        Api.Response history = api.get("/api/v1/conversations/" + group + "/messages?limit=1", carol.token());
        assertThat(history.json().at("/items/0/id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(history.json().at("/items/0/threadRootId").asText()).isEqualTo(rootId);
        Api.Response event = api.get("/api/v1/conversations/" + group + "/events?after=" + before, carol.token());
        assertThat(event.json().at("/items/0/event/message/threadRootId").asText()).isEqualTo(rootId);

        Api.Response nested = reply(carol, group, first.json().get("id").asText(), "reply to a reply");
        assertThat(nested.status()).as(nested.toString()).isEqualTo(400);
        assertThat(nested.json().get("field").asText()).isEqualTo("threadRootId");
        assertThat(fx.lastSeq(alice, group)).isEqualTo(before + 1);
    }

    // ---- stream frames ----

    @Test
    void a_hello_with_malformed_cursors_gets_an_error_frame_and_the_connection_stays_usable() {
        try (StreamClient c = StreamClient.connect(api.base(), alice.token(), true)) {
            List<String> badHellos = List.of(
                    "{\"type\":\"hello\",\"cursors\":[1,2]}",
                    "{\"type\":\"hello\",\"cursors\":{\"not-a-uuid\":3}}",
                    "{\"type\":\"hello\",\"cursors\":{\"" + group + "\":\"three\"}}",
                    "{\"type\":\"hello\",\"cursors\":\"all\"}");
            for (String bad : badHellos) {
                c.sendRaw(bad);
                JsonNode error = c.await(f -> !"ping".equals(f.path("type").asText()), Duration.ofSeconds(5));
                assertThat(error.get("type").asText()).as(bad).isEqualTo("error");
                assertThat(error.get("code").asText()).isEqualTo("invalid-hello");
            }
            c.hello(Map.of(group, fx.lastSeq(alice, group)), null);
            assertThat(c.awaitType("ready").get("replayed").asInt()).isZero();

            // Live after all: a new message arrives.
            Api.Response posted = fx.post(bob, group, "still connected?");
            JsonNode event = c.await(f -> "event".equals(f.path("type").asText()), Duration.ofSeconds(10));
            assertThat(event.get("seq").asLong()).isEqualTo(posted.json().get("seq").asLong());

            c.hello(Map.of(), null);
            assertThat(c.awaitType("error").get("code").asText()).isEqualTo("duplicate-hello");
        }
    }

    @Test
    void bad_frames_get_error_frames_and_ping_gets_pong() {
        try (StreamClient c = StreamClient.connect(api.base(), alice.token(), true)) {
            // Answered before hello too.
            c.send(Map.of("type", "ping"));
            assertThat(c.await(ANSWER, Duration.ofSeconds(5)).get("type").asText()).isEqualTo("pong");

            c.hello(Map.of(), null);
            c.awaitType("ready");
            Map<String, String> expectations = new LinkedHashMap<>();
            expectations.put("{\"type\":\"launch-missiles\"}", "unknown-type");
            // The unknown type is echoed in the error's message: still valid JSON when it holds quotes or controls.
            expectations.put("{\"type\":\"new\\nline \\u0001 \\\"quoted\\\" \\\\back\"}", "unknown-type");
            expectations.put("this is not json", "malformed-json");
            expectations.put("{\"type\":", "malformed-json");
            expectations.put("[\"hello\"]", "malformed-json");
            expectations.put("{\"cursors\":{}}", "malformed-json");
            expectations.put("42", "malformed-json");
            for (Map.Entry<String, String> e : expectations.entrySet()) {
                c.sendRaw(e.getKey());
                JsonNode answer = c.await(ANSWER, Duration.ofSeconds(5));
                assertThat(answer.get("type").asText()).as(e.getKey()).isEqualTo("error");
                assertThat(answer.get("code").asText()).as(e.getKey()).isEqualTo(e.getValue());
            }
            c.send(new HashMap<>(Map.of("type", "ping")));
            assertThat(c.await(ANSWER, Duration.ofSeconds(5)).get("type").asText()).isEqualTo("pong");

            // Still live after all that.
            Api.Response posted = fx.post(bob, group, "after the bad frames");
            JsonNode event = c.await(f -> "event".equals(f.path("type").asText()), Duration.ofSeconds(10));
            assertThat(event.get("seq").asLong()).isEqualTo(posted.json().get("seq").asLong());
        }
    }

    @Test
    void a_connection_that_never_says_hello_is_closed_with_4000_after_the_hello_timeout() {
        long start = System.nanoTime();
        try (StreamClient c = StreamClient.connect(api.base(), carol.token(), true)) {
            int code = c.awaitClose(Duration.ofSeconds(HELLO_SECONDS + 30));
            Duration open = Duration.ofNanos(System.nanoTime() - start);
            assertThat(code).isEqualTo(4000);
            // Not closed before the hello timeout (CONFER_STREAM_HELLO_SECONDS).
            assertThat(open).isGreaterThan(Duration.ofSeconds(HELLO_SECONDS - 1));
        }
    }

    private Api.Response reply(Person who, String conversation, String rootId, String text) {
        return api.post("/api/v1/conversations/" + conversation + "/messages",
                Map.of("text", text, "clientMsgId", UUID.randomUUID().toString(), "threadRootId", rootId), who.token());
    }
}

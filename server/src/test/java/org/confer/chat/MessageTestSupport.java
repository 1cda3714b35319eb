package org.confer.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.db.schema.Tables.MESSAGE_VERSIONS;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.confer.testing.StreamClient;

/**
 * What the tests of a message's life after posting share (MessageEditsAndDeletionTest,
 * ReactionsTest, ThreadsTest): the fixtures, a posting budget no test runs into, and calls that
 * post, react, read history, read the event log and the audit copies, and listen on a stream.
 */
abstract class MessageTestSupport extends ServerTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String THUMBS_UP = "👍";

    ChatFixtures fx;

    @Override
    protected Map<String, String> settings() {
        return Map.of("CONFER_LOGIN_ATTEMPTS_PER_ADDRESS", "100000", "CONFER_POSTS_PER_MINUTE_PER_USER", "1000000");
    }

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
    }


    /** The entry for one emoji in a message's reactions. */
    static JsonNode reaction(JsonNode message, String emoji) {
        for (JsonNode r : message.get("reactions")) {
            if (emoji.equals(r.get("emoji").asText())) {
                return r;
            }
        }
        throw new AssertionError("no " + emoji + " reaction on " + message);
    }

    static String messagePath(String conversationId, String messageId) {
        return "/api/v1/conversations/" + conversationId + "/messages/" + messageId;
    }

    /** An emoji as one URL path segment. */
    static String encode(String emoji) {
        return URLEncoder.encode(emoji, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode postOk(Person who, String conversationId, String text) {
        Api.Response r = fx.post(who, conversationId, text);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    JsonNode reply(Person who, String conversationId, String rootId, String text) {
        Api.Response r = api.post("/api/v1/conversations/" + conversationId + "/messages",
                Map.of("text", text, "clientMsgId", UUID.randomUUID().toString(), "threadRootId", rootId), who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    Api.Response react(Person who, String conversationId, String messageId, String emoji) {
        return api.post(messagePath(conversationId, messageId) + "/reactions", Map.of("emoji", emoji), who.token());
    }

    Api.Response unreact(Person who, String conversationId, String messageId, String emoji) {
        return api.delete(messagePath(conversationId, messageId) + "/reactions/" + encode(emoji), who.token());
    }

    /** The message as {@code who} sees it in the conversation's history. */
    JsonNode historyItem(Person who, String conversationId, String messageId) {
        Api.Response r = api.get("/api/v1/conversations/" + conversationId + "/messages?limit=200", who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        for (JsonNode m : r.json().get("items")) {
            if (messageId.equals(m.get("id").asText())) {
                return m;
            }
        }
        throw new AssertionError("message " + messageId + " not in history: " + r);
    }

    List<JsonNode> events(Person who, String conversationId, long after) {
        Api.Response r = api.get("/api/v1/conversations/" + conversationId + "/events?after=" + after, who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("items").forEach(out::add);
        return out;
    }

    /** The earlier texts kept for audit, oldest first (there is no API for them). */
    List<String> versionTexts(String messageId) {
        return server.app().database().dsl().select(MESSAGE_VERSIONS.TEXT).from(MESSAGE_VERSIONS)
                .where(MESSAGE_VERSIONS.MESSAGE_ID.eq(UUID.fromString(messageId)))
                .orderBy(MESSAGE_VERSIONS.VERSION).fetch(MESSAGE_VERSIONS.TEXT);
    }

    /** A stream for {@code who}, live from the conversation's current seq. */
    StreamClient listen(Person who, String conversationId) {
        StreamClient c = StreamClient.connect(api.base(), who.token(), true);
        c.hello(Map.of(conversationId, fx.lastSeq(who, conversationId)), null);
        c.awaitType("ready");
        return c;
    }

    static JsonNode awaitEvent(StreamClient stream, String conversationId, String kind) {
        return stream.await(f -> "event".equals(f.path("type").asText())
                && conversationId.equals(f.path("conversationId").asText())
                && kind.equals(f.at("/event/kind").asText()), WAIT);
    }
}

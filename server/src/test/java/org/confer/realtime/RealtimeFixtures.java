package org.confer.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.StreamClient;
import org.confer.testing.TestServer;

/** Presence helpers on top of the shared chat fixtures, for presence and typing tests. */
final class RealtimeFixtures {
    private final Api api;
    private final ChatFixtures chat;

    RealtimeFixtures(TestServer server) {
        this.api = server.api;
        this.chat = new ChatFixtures(server);
    }

    Person person(String name) {
        return chat.person(name);
    }

    String direct(Person a, Person b) {
        return chat.direct(a, b);
    }

    String group(Person... members) {
        return chat.group(members);
    }

    String team(Person owner, Person... members) {
        return chat.teamWith(owner, members);
    }

    StreamClient stream(Person who) {
        return chat.stream(who);
    }

    /** PUT /api/v1/me/presence with a body that may hold nulls. */
    Api.Response choose(Person who, String status, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("note", note);
        return put(who, body);
    }

    /** PUT /api/v1/me/presence with an expiry ({@code until}, an ISO-8601 time or null). */
    Api.Response choose(Person who, String status, String note, String until) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("note", note);
        body.put("until", until);
        return put(who, body);
    }

    Api.Response put(Person who, Object body) {
        Map<String, String> headers = Api.auth(who.token());
        headers.put("Content-Type", "application/json");
        return api.send("PUT", "/api/v1/me/presence", Api.json(body), headers);
    }

    Api.Response lookup(Person who, String... userIds) {
        return api.get("/api/v1/presence?userIds=" + String.join(",", userIds), who.token());
    }

    /** The presence item of one person as {@code viewer} sees it (null when left out). */
    JsonNode presenceOf(Person viewer, Person subject) {
        Api.Response r = lookup(viewer, subject.id());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        for (JsonNode item : r.json().get("items")) {
            if (subject.id().equals(item.get("userId").asText())) {
                return item;
            }
        }
        return null;
    }

    /** The next presence frame about {@code subject} with {@code status}. */
    static JsonNode awaitPresence(StreamClient c, Person subject, String status) {
        return c.await(f -> "presence".equals(f.path("type").asText()) && subject.id().equals(f.path("userId").asText())
                && status.equals(f.path("status").asText()), Duration.ofSeconds(10));
    }

    static boolean isPresenceOf(JsonNode frame, Person subject) {
        return "presence".equals(frame.path("type").asText()) && subject.id().equals(frame.path("userId").asText());
    }
}

package org.confer.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.StreamClient;
import org.confer.testing.TestServer;

/** People, chats, teams and streams for presence and typing tests, made through the public API. */
final class RealtimeFixtures {
    private static final String PASSWORD = "a-long-test-password-42";

    record Person(String id, String token) {}

    private final Api api;
    private final String adminToken;

    RealtimeFixtures(TestServer server) {
        this.api = server.api;
        this.adminToken = server.login("admin");
    }

    Person person(String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@test.confer.test";
        Api.Response r = api.post("/api/v1/admin/users", Map.of("email", email, "displayName", name, "password", PASSWORD), adminToken);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new Person(r.json().get("id").asText(), api.login(email, PASSWORD));
    }

    String direct(Person a, Person b) {
        Api.Response r = api.post("/api/v1/conversations", Map.of("kind", "direct", "memberIds", List.of(b.id())), a.token());
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
        return r.json().get("id").asText();
    }

    /** A group chat started by the first person with the others. */
    String group(Person... members) {
        List<String> others = new ArrayList<>();
        for (int i = 1; i < members.length; i++) {
            others.add(members[i].id());
        }
        Api.Response r = api.post("/api/v1/conversations", Map.of("kind", "group", "memberIds", others), members[0].token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /** A team made by {@code owner} with {@code members} added. */
    String team(Person owner, Person... members) {
        Api.Response r = api.post("/api/v1/teams", Map.of("name", "Ward " + UUID.randomUUID().toString().substring(0, 6)), owner.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String teamId = r.json().get("id").asText();
        for (Person m : members) {
            Api.Response added = api.post("/api/v1/teams/" + teamId + "/members", Map.of("userId", m.id()), owner.token());
            assertThat(added.status()).as(added.toString()).isEqualTo(204);
        }
        return teamId;
    }

    /** A stream that has said hello and is live. */
    StreamClient stream(Person who) {
        StreamClient c = StreamClient.connect(api.base(), who.token(), true);
        c.hello(Map.of(), null);
        c.awaitType("ready");
        return c;
    }

    /** PUT /api/v1/me/presence with a body that may hold nulls. */
    Api.Response choose(Person who, String status, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("note", note);
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

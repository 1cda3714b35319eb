package org.confer.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.TestServer;

/** People and conversations for chat tests, made through the public API. */
final class ChatFixtures {
    static final String PASSWORD = "a-long-test-password-42";

    /** A signed-in person. */
    record Person(String id, String email, String token) {}

    private final TestServer server;
    private final Api api;
    private final String adminToken;

    ChatFixtures(TestServer server) {
        this.server = server;
        this.api = server.api;
        this.adminToken = server.login("admin");
    }

    Person person(String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@test.confer.test";
        Api.Response r = api.post("/api/v1/admin/users", Map.of("email", email, "displayName", name, "password", PASSWORD), adminToken);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new Person(r.json().get("id").asText(), email, api.login(email, PASSWORD));
    }

    List<Person> people(String prefix, int n) {
        List<Person> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(person(prefix + i));
        }
        return out;
    }

    /** A group chat started by the first person with all the others. */
    String group(List<Person> members) {
        List<String> others = members.subList(1, members.size()).stream().map(Person::id).toList();
        Api.Response r = api.post("/api/v1/conversations", Map.of("kind", "group", "memberIds", others), members.getFirst().token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    String direct(Person a, Person b) {
        Api.Response r = api.post("/api/v1/conversations", Map.of("kind", "direct", "memberIds", List.of(b.id())), a.token());
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
        return r.json().get("id").asText();
    }

    Api.Response post(Person who, String conversationId, String text) {
        return api.post("/api/v1/conversations/" + conversationId + "/messages",
                Map.of("text", text, "clientMsgId", UUID.randomUUID().toString()), who.token());
    }

    long lastSeq(Person who, String conversationId) {
        Api.Response r = api.get("/api/v1/conversations/" + conversationId, who.token());
        assertThat(r.status()).isEqualTo(200);
        return r.json().get("lastSeq").asLong();
    }
}

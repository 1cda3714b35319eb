package org.confer.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.TestServer;

/** Set-up and look-ups shared by the results tests, all through the public API. */
final class ResultsKit {
    final TestServer server;
    final Api api;
    final ChatFixtures chat;
    final Person admin;

    ResultsKit(TestServer server) {
        this.server = server;
        this.api = server.api;
        this.chat = new ChatFixtures(server);
        this.admin = chat.demo("admin");
    }

    /** A feed with a fresh sending facility; returns the facility (MSH-4). */
    String feed() {
        String facility = "LAB" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Api.Response r = api.post("/api/v1/results/feeds", Map.of("sendingFacility", facility, "name", "Pathology " + facility),
                admin.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return facility;
    }

    static String gmc() {
        return Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
    }

    /** A person of the admin's organisation holding this GMC number. */
    Person clinician(String name, String gmc) {
        Person p = chat.person(name);
        setIdentifiers(admin.token(), p.id(), gmc);
        return p;
    }

    void setIdentifiers(String adminToken, String userId, String gmc) {
        Api.Response r = put("/api/v1/users/" + userId + "/identifiers", Map.of("items", List.of(Map.of("system", "GMC", "value", gmc))),
                adminToken);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    Api.Response put(String path, Object body, String token) {
        Map<String, String> headers = Api.auth(token);
        headers.put("Content-Type", "application/json");
        return api.send("PUT", path, Api.json(body), headers);
    }

    /** The ids of the results {@code who} was alerted of, newest first. */
    List<String> recent(Person who) {
        Api.Response r = api.get("/api/v1/results/recent", who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().get("items").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    JsonNode audit(String resultId) {
        Api.Response r = api.get("/api/v1/results/" + resultId + "/audit", admin.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("items");
    }

    /** The audit entries of one action. */
    List<JsonNode> audited(String resultId, String action) {
        List<JsonNode> out = new ArrayList<>();
        audit(resultId).forEach(e -> {
            if (e.get("action").asText().equals(action)) {
                out.add(e);
            }
        });
        return out;
    }

    /** The alert message sent to {@code who} about the result (read as them from their direct chat with the bot). */
    JsonNode alertMessage(String resultId, Person who) {
        for (JsonNode e : audited(resultId, "result.alerted")) {
            if (e.get("detail").get("to").asText().equals(who.id())) {
                String conversation = e.get("detail").get("conversationId").asText();
                String message = e.get("detail").get("messageId").asText();
                Api.Response r = api.get("/api/v1/conversations/" + conversation + "/messages?limit=100", who.token());
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                for (JsonNode m : r.json().get("items")) {
                    if (m.get("id").asText().equals(message)) {
                        return m;
                    }
                }
            }
        }
        throw new AssertionError(who.email() + " has no alert of result " + resultId);
    }

    /** The Results bot's alerts (result.alerted) of a result, by target. */
    List<String> alertedTargets(String resultId) {
        return audited(resultId, "result.alerted").stream().map(e -> e.get("detail").get("to").asText()).toList();
    }
}

package org.confer.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.BasicTeam;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;

/**
 * A phlebotomy team (owner, member, teammate; its General channel is the queue, the owner its
 * lead), a ward nurse who files requests, and helpers to read what the Requests bot said.
 */
abstract class RequestsTestBase extends ServerTest {
    protected ChatFixtures fx;
    protected BasicTeam team;
    protected Person nurse;
    protected String serviceId;
    protected String slug;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        team = fx.basicTeam();
        nurse = fx.person("ward-nurse");
        slug = "phleb-" + UUID.randomUUID().toString().substring(0, 6);
        serviceId = createService(slug, "Phlebotomy", List.of(
                Map.of("name", "fasting", "label", "Fasting", "type", "choice", "required", false, "choices", List.of("yes", "no")),
                Map.of("name", "tubes", "label", "Tubes", "type", "number", "required", false)), true);
    }

    protected String createService(String slug, String name, List<Map<String, Object>> fields, boolean askNhs) {
        Api.Response r = api.post("/api/v1/request-services", serviceBody(slug, name, fields, askNhs), team.owner().token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    protected Map<String, Object> serviceBody(String slug, String name, List<Map<String, Object>> fields, boolean askNhs) {
        Map<String, Object> b = new HashMap<>();
        b.put("slug", slug);
        b.put("name", name);
        b.put("teamId", team.id());
        b.put("queueConversationId", team.general());
        b.put("leadId", team.owner().id());
        b.put("askNhsNumber", askNhs);
        b.put("fields", fields);
        b.put("targets", Map.of("routine", 240, "urgent", 60, "emergency", 15));
        return b;
    }

    protected Api.Response file(Person who, Map<String, Object> overrides) {
        Map<String, Object> b = new HashMap<>();
        b.put("serviceId", serviceId);
        b.put("location", "Ward 7 bed 12");
        b.put("details", "Fasting bloods: FBC, U&E");
        b.put("clientRequestId", UUID.randomUUID().toString());
        b.putAll(overrides);
        return api.post("/api/v1/requests", b, who.token());
    }

    protected JsonNode filed(Person who, Map<String, Object> overrides) {
        Api.Response r = file(who, overrides);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    /** Every message in the person's direct chats written by someone else (the bots), in seq order. */
    protected List<JsonNode> directMessages(Person who) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : api.get("/api/v1/conversations", who.token()).json().get("items")) {
            if (!"direct".equals(c.get("kind").asText())) {
                continue;
            }
            JsonNode items = api.get("/api/v1/conversations/" + c.get("id").asText() + "/messages?limit=100", who.token()).json().get("items");
            for (JsonNode m : items) {
                if (!who.id().equals(m.get("authorId").asText())) {
                    out.add(m);
                }
            }
        }
        // One clock for the whole test server: messages of one chat are ordered by seq.
        out.sort((a, b) -> Long.compare(a.get("seq").asLong(), b.get("seq").asLong()));
        return out;
    }

    protected List<String> directTexts(Person who) {
        return directMessages(who).stream().map(m -> m.get("text").asText()).toList();
    }

    /** The queue card of request #number in the service's channel, as a team member sees it. */
    protected JsonNode queueCard(long number) {
        JsonNode items = api.get("/api/v1/conversations/" + team.general() + "/messages?limit=100", team.member().token())
                .json().get("items");
        for (JsonNode m : items) {
            JsonNode card = m.get("card");
            if (card != null && !card.isNull() && card.get("title").asText().startsWith("#" + number + " ")) {
                return m;
            }
        }
        throw new AssertionError("no queue card for #" + number + " in " + items);
    }

    /** The person's request.updated events, oldest first. */
    protected List<JsonNode> requestEvents(Person who) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : api.get("/api/v1/me/events?after=0&limit=1000", who.token()).json().get("items")) {
            JsonNode event = e.get("event");
            if (event != null && "request.updated".equals(event.path("kind").asText())) {
                out.add(event.get("request"));
            }
        }
        return out;
    }

    /** Polls {@code read} until {@code done} holds or 10 s pass; returns the last value read. */
    protected static <T> T awaitValue(java.util.function.Supplier<T> read, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
            value = read.get();
        }
        return value;
    }

    protected static List<String> actionIds(JsonNode message) {
        List<String> ids = new ArrayList<>();
        message.get("card").get("actions").forEach(a -> ids.add(a.get("id").asText()));
        return ids;
    }
}

package org.confer.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.db.schema.Tables.MESSAGE_VERSIONS;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.Eventually;
import org.confer.testing.ServerTest;
import org.confer.testing.Uploads;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Retention (docs/retention.md), on H2 with Lucene and on PostgreSQL with its index: a policy
 * deletes old messages from every place they were kept and keeps recent ones, anonymising keeps
 * the text without its author, legal holds protect until released, each run is audited, and two
 * runs at once process each message once. The test clock moves forward 40 days at a time (so
 * people sign in again after each move); tests run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetentionTest extends ServerTest {
    private static final Duration PAST_THE_POLICY = Duration.ofDays(40);
    private ChatFixtures fx;
    private Uploads uploads;
    private String rdm;
    private String ydx;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        uploads = new Uploads(api);
        rdm = organisationId("RDM");
        ydx = organisationId("YDX");
    }

    private String organisationId(String code) {
        for (JsonNode o : api.get("/api/v1/admin/organisations?limit=200", server.login("admin")).json().get("items")) {
            if (code.equals(o.get("code").asText())) {
                return o.get("id").asText();
            }
        }
        throw new AssertionError("no organisation " + code);
    }

    /** Moves the clock past the policy; the admin's session of the fixtures has expired meanwhile. */
    private void advance() {
        server.clock.advance(PAST_THE_POLICY);
        fx = new ChatFixtures(server);
    }

    private Person again(Person p) {
        return new Person(p.id(), p.email(), api.login(p.email(), ChatFixtures.PASSWORD));
    }

    private Api.Response setPolicy(String token, String organisationId, String action, int days, boolean confirm) {
        Map<String, String> h = Api.auth(token);
        h.put("Content-Type", "application/json");
        return api.send("PUT", "/api/v1/admin/organisations/" + organisationId + "/retention",
                Api.json(Map.of("action", action, "days", days, "confirm", confirm)), h);
    }

    private JsonNode run(String token, String organisationId) {
        Api.Response r = api.post("/api/v1/admin/organisations/" + organisationId + "/retention/run", Map.of(), token);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private JsonNode message(Person reader, String conversationId, String messageId) {
        for (JsonNode m : api.get("/api/v1/conversations/" + conversationId + "/messages?limit=200", reader.token()).json().get("items")) {
            if (m.get("id").asText().equals(messageId)) {
                return m;
            }
        }
        throw new AssertionError("message " + messageId + " not in the history");
    }

    private String events(Person reader, String conversationId) {
        return api.get("/api/v1/conversations/" + conversationId + "/events?after=0&limit=1000", reader.token()).body();
    }

    private String post(Person who, String conversationId, String text) {
        Api.Response r = fx.post(who, conversationId, text);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    @Test
    @Order(1)
    void a_policy_needs_an_admin_of_the_organisation_thirty_days_at_least_and_a_confirmation() {
        String priya = server.login("priya");
        assertThat(setPolicy(priya, rdm, "delete", 7, true).json().get("field").asText()).isEqualTo("days");
        Api.Response unconfirmed = setPolicy(priya, rdm, "delete", 30, false);
        assertThat(unconfirmed.status()).isEqualTo(400);
        assertThat(unconfirmed.json().get("field").asText()).isEqualTo("confirm");
        assertThat(unconfirmed.json().get("detail").asText()).contains("delete");
        assertThat(setPolicy(server.login("erin"), rdm, "delete", 30, true).status()).as("another trust's admin").isEqualTo(404);
        assertThat(setPolicy(server.login("alice"), rdm, "delete", 30, true).status()).as("a member").isEqualTo(403);
        assertThat(api.get("/api/v1/admin/organisations/" + rdm + "/retention", priya).json().get("action").asText()).isEqualTo("keep");
    }

    @Test
    @Order(2)
    void deleting_removes_an_old_message_from_history_events_search_and_files_and_keeps_recent_ones() throws IOException {
        Person writer = fx.person("writer");
        Person reader = fx.person("reader");
        Person other = fx.personIn("other-trust", "RDP");
        String group = fx.group(writer, reader, other);
        String fileId = uploads.uploaded(writer, group, "wound.png", png()).get("id").asText();
        Api.Response sent = uploads.send(writer, group, "old zebra potassium 6.8", fileId);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String old = sent.json().get("id").asText();
        assertThat(api.patch("/api/v1/conversations/" + group + "/messages/" + old, Map.of("text", "old zebra potassium 6.9"),
                writer.token()).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/conversations/" + group + "/messages/" + old + "/reactions", Map.of("emoji", "👍"),
                reader.token()).status()).isEqualTo(204);
        String otherTrusts = post(other, group, "old quagga from the other trust");
        advance();
        writer = again(writer);
        reader = again(reader);
        String recent = post(writer, group, "recent yak");
        String priya = server.login("priya");

        JsonNode preview = api.get("/api/v1/admin/organisations/" + rdm + "/retention/preview?action=delete&days=30", priya).json();
        assertThat(preview.get("messages").asInt()).as(preview.toString()).isEqualTo(1);
        assertThat(preview.get("files").asInt()).isEqualTo(1);
        assertThat(setPolicy(priya, rdm, "delete", 30, true).status()).isEqualTo(200);
        JsonNode ran = run(priya, rdm);
        assertThat(ran.get("messages").asInt()).as(ran.toString()).isEqualTo(1);
        assertThat(ran.get("files").asInt()).isEqualTo(1);

        JsonNode tombstone = message(reader, group, old);
        assertThat(tombstone.get("deletedAt").isNull()).isFalse();
        assertThat(tombstone.path("text").isNull() || tombstone.path("text").isMissingNode()).as(tombstone.toString()).isTrue();
        assertThat(tombstone.toString()).doesNotContain("zebra").doesNotContain("👍").doesNotContain("wound");
        assertThat(message(reader, group, recent).get("text").asText()).isEqualTo("recent yak");
        assertThat(message(reader, group, otherTrusts).get("text").asText()).as("RDP has no policy").contains("quagga");
        String log = events(reader, group);
        assertThat(log).doesNotContain("zebra").doesNotContain("wound.png").contains(Eraser.SYSTEM.toString());
        assertThat(server.app().database().dsl().fetchCount(MESSAGE_VERSIONS, MESSAGE_VERSIONS.MESSAGE_ID.eq(UUID.fromString(old))))
                .as("earlier texts").isZero();
        Person r = reader;
        Eventually.answer(Duration.ofSeconds(10), () -> api.get("/api/v1/search?types=messages&q=yak", r.token()).json().get("messages"),
                m -> m.size() == 1, "the recent message is indexed");
        assertThat(api.get("/api/v1/search?types=messages&q=zebra", reader.token()).json().get("messages")).isEmpty();
        assertThat(api.get("/api/v1/files/" + fileId + "/content", writer.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/files/" + fileId + "/thumbnail", writer.token()).status()).isEqualTo(404);

        JsonNode audit = api.get("/api/v1/admin/audit?action=retention.run", priya).json().get("items").get(0);
        assertThat(audit.get("subjectId").asText()).isEqualTo(rdm);
        assertThat(audit.toString()).contains("\"messages\":1").contains("\"held\":0");
        assertThat(api.get("/api/v1/admin/organisations/" + rdm + "/retention", priya).json().get("lastRuns")).hasSize(1);
    }

    @Test
    @Order(3)
    void anonymising_keeps_the_text_and_replaces_the_author_by_a_former_member() {
        Person scientist = fx.personIn("scientist", "YDX");
        Person reader = fx.personIn("ydx-reader", "RDP");
        String group = fx.direct(scientist, reader);
        String id = post(scientist, group, "anonymised walrus result");
        advance();
        reader = again(reader);
        String admin = server.login("admin");
        assertThat(setPolicy(admin, ydx, "anonymise", 30, true).status()).isEqualTo(200);
        assertThat(run(admin, ydx).get("messages").asInt()).isEqualTo(1);

        JsonNode m = message(reader, group, id);
        assertThat(m.get("text").asText()).isEqualTo("anonymised walrus result");
        String author = m.get("authorId").asText();
        assertThat(author).isNotEqualTo(scientist.id());
        assertThat(api.get("/api/v1/admin/users/" + author, admin).json().get("displayName").asText()).isEqualTo("Former member");
        for (JsonNode e : api.get("/api/v1/conversations/" + group + "/events?after=0", reader.token()).json().get("items")) {
            if (e.toString().contains("walrus")) {
                assertThat(e.toString()).as("a stored copy of the message").doesNotContain(scientist.id());
            }
        }
    }

    @Test
    @Order(4)
    void a_legal_hold_on_a_person_or_a_conversation_protects_until_released_and_the_next_run_acts() {
        String priya = server.login("priya");
        Person held = fx.person("held");
        Person colleague = fx.person("colleague");
        Person writer = fx.person("writer2");
        String withHeld = fx.group(held, colleague, writer);
        String heldConversation = fx.direct(writer, colleague);
        List<String> ids = List.of(post(held, withHeld, "held person wrote this"), post(colleague, withHeld, "said to a held person"),
                post(writer, heldConversation, "held conversation text"));
        String personHold = api.post("/api/v1/admin/legal-holds", Map.of("subjectType", "user", "subjectId", held.id(),
                "reason", "Coroner's inquest 2026/114"), priya).json().get("id").asText();
        String conversationHold = api.post("/api/v1/admin/legal-holds", Map.of("subjectType", "conversation",
                "subjectId", heldConversation, "reason", "Complaint C-88"), priya).json().get("id").asText();
        assertThat(api.post("/api/v1/admin/legal-holds", Map.of("subjectType", "user", "subjectId", held.id(), "reason", "x"),
                server.login("erin")).status()).as("another trust's admin").isEqualTo(404);
        advance();
        priya = server.login("priya");
        colleague = again(colleague);

        JsonNode first = run(priya, rdm);
        assertThat(first.get("held").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(message(colleague, withHeld, ids.get(0)).get("text").asText()).isEqualTo("held person wrote this");
        assertThat(message(colleague, withHeld, ids.get(1)).get("text").asText()).isEqualTo("said to a held person");
        assertThat(message(colleague, heldConversation, ids.get(2)).get("text").asText()).isEqualTo("held conversation text");
        assertThat(api.get("/api/v1/admin/audit?action=retention.run", priya).json().get("items").get(0).toString())
                .contains("\"held\":" + first.get("held").asInt());

        assertThat(api.post("/api/v1/admin/legal-holds/" + personHold + "/release", Map.of(), server.login("erin")).status())
                .as("another trust's admin").isEqualTo(404);
        assertThat(api.post("/api/v1/admin/legal-holds/" + personHold + "/release", Map.of(), priya).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/admin/legal-holds/" + personHold + "/release", Map.of(), priya).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/admin/legal-holds/" + conversationHold + "/release", Map.of(), priya).status()).isEqualTo(200);
        JsonNode holds = api.get("/api/v1/admin/legal-holds", priya).json().get("items");
        assertThat(holds.findValuesAsText("id")).contains(personHold, conversationHold);
        holds.forEach(h -> assertThat(h.get("releasedAt").isNull()).as(h.toString()).isFalse());

        assertThat(run(priya, rdm).get("messages").asInt()).isGreaterThanOrEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(message(colleague, i < 2 ? withHeld : heldConversation, ids.get(i)).get("deletedAt").isNull()).isFalse();
        }
    }

    @Test
    @Order(5)
    void two_runs_started_together_delete_each_message_once() throws Exception {
        Person writer = fx.person("busy");
        Person reader = fx.person("busy-reader");
        String group = fx.direct(writer, reader);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(post(writer, group, "batch " + i));
        }
        advance();
        reader = again(reader);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(two.submit(() -> {
                    go.await();
                    return server.app().retention().runNow();
                }));
            }
            go.countDown();
            int deleted = 0;
            for (Future<Integer> f : runs) {
                deleted += Math.max(0, f.get());
            }
            assertThat(deleted).isGreaterThanOrEqualTo(30);
        } finally {
            two.shutdownNow();
        }
        JsonNode items = api.get("/api/v1/conversations/" + group + "/events?after=0", reader.token()).json().get("items");
        List<String> deletions = new ArrayList<>();
        items.forEach(e -> {
            if (e.toString().contains("message.deleted")) {
                deletions.add(e.toString());
            }
        });
        for (String id : ids) {
            assertThat(deletions.stream().filter(d -> d.contains(id)).count()).as(id).isEqualTo(1);
        }
    }
}

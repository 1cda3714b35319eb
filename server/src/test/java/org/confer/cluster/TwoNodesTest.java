package org.confer.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.confer.testing.Api;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.NatsServer;
import org.confer.testing.StreamClient;
import org.confer.testing.TestServer;
import org.confer.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two Confer nodes on one PostgreSQL database and a NATS of the test's own (docs/cluster.md):
 * what one node commits reaches the other's streams, in order and once; sessions end everywhere;
 * and a NATS outage loses nothing — each node serves its own clients meanwhile and the other's
 * catch up from the event logs when NATS is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesTest {
    // Under a loaded CI machine a stale NATS connection is remade by its pings (about 10 s), then caught up.
    private static final Duration WAIT = Duration.ofSeconds(30);

    private TwoNodes cluster;
    private NatsServer nats;
    private TestServer a;
    private TestServer b;
    private ChatFixtures people;
    private Api apiB;

    @BeforeAll
    void startTwoNodes() {
        // Four sign-in attempts per account and client, counted across both nodes.
        cluster = TwoNodes.start(Map.of("CONFER_LOGIN_ATTEMPTS_PER_ACCOUNT", "4"));
        nats = cluster.nats;
        a = cluster.a;
        b = cluster.b;
        people = new ChatFixtures(a);
        apiB = b.api;
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void messagesSentOnOneNodeReachTheOtherNodesStreamsInOrderOnce() {
        Person alice = people.person("Alice");
        Person bob = people.person("Bob");
        String group = people.direct(alice, bob);
        try (StreamClient onA = ready(a, alice); StreamClient onB = ready(b, bob)) {
            for (int i = 1; i <= 20; i++) {
                assertThat(people.post(alice, group, "on A " + i).status()).isEqualTo(201);
            }
            assertThat(texts(onB.awaitEvents(group, 20, WAIT))).containsExactlyElementsOf(expected("on A ", 20));
            assertThat(texts(onA.awaitEvents(group, 20, WAIT))).containsExactlyElementsOf(expected("on A ", 20));
            assertThat(events(onB.drain(Duration.ofMillis(500)), group)).as("nothing twice").isEmpty();
        }
    }

    @Test
    void aSignOutOnOneNodeEndsTheSessionsStreamAndCacheOnTheOther() {
        Person carol = people.person("Carol");
        try (StreamClient onB = ready(b, carol)) {
            assertThat(apiB.get("/api/v1/me", carol.token()).status()).isEqualTo(200); // cached on B now
            assertThat(a.api.post("/api/v1/auth/logout", Map.of(), carol.token()).status()).isIn(200, 204);
            assertThat(onB.awaitClose(Duration.ofSeconds(5))).isEqualTo(4001);
            assertThat(apiB.get("/api/v1/me", carol.token()).status()).as("B forgot the cached session at once").isEqualTo(401);
        }
    }

    @Test
    void someoneAddedOnOneNodeHearsTheConversationOnTheirNode() {
        Person dan = people.person("Dan");
        Person erin = people.person("Erin");
        Person fay = people.person("Fay");
        String group = people.group(List.of(dan, erin, people.person("Lee")));
        try (StreamClient fayOnB = ready(b, fay)) {
            assertThat(people.post(dan, group, "before Fay").status()).isEqualTo(201);
            assertThat(a.api.post("/api/v1/conversations/" + group + "/members", Map.of("userId", fay.id()), dan.token()).status())
                    .isIn(200, 201, 204);
            assertThat(people.post(dan, group, "after Fay joined").status()).isEqualTo(201);
            // Her joining (member.added) may reach her live or from the log; the message after it must reach her.
            JsonNode heard = fayOnB.await(f -> "event".equals(f.path("type").asText()) && group.equals(f.path("conversationId").asText())
                    && "message.posted".equals(f.path("event").path("kind").asText()), WAIT);
            assertThat(heard.path("event").path("message").path("text").asText())
                    .as("Fay hears the conversation on node B from her joining on, and nothing from before").isEqualTo("after Fay joined");
        }
    }

    @Test
    void whileNatsIsDownEachNodeServesItsOwnAndTheOtherCatchesUpFromTheLogAfter() {
        Person gus = people.person("Gus");
        Person hana = people.person("Hana");
        String group = people.direct(gus, hana);
        try (StreamClient gusOnA = ready(a, gus); StreamClient hanaOnB = ready(b, hana)) {
            nats.kill();
            for (int i = 1; i <= 10; i++) {
                assertThat(people.post(gus, group, "outage " + i).status()).as("acknowledged without NATS").isEqualTo(201);
            }
            assertThat(texts(gusOnA.awaitEvents(group, 10, WAIT))).containsExactlyElementsOf(expected("outage ", 10));
            assertThat(events(hanaOnB.drain(Duration.ofSeconds(1)), group)).as("nothing crosses while NATS is down").isEmpty();
            nats.resume();
            assertThat(texts(hanaOnB.awaitEvents(group, 10, Duration.ofSeconds(20))))
                    .as("caught up from the event log once NATS is back, in order")
                    .containsExactlyElementsOf(expected("outage ", 10));
            assertThat(events(hanaOnB.drain(Duration.ofSeconds(1)), group)).as("nothing twice").isEmpty();
            // Live again across nodes.
            assertThat(people.post(gus, group, "after").status()).isEqualTo(201);
            assertThat(texts(hanaOnB.awaitEvents(group, 1, WAIT))).containsExactly("after");
        } finally {
            nats.resume();
        }
    }

    @Test
    void someoneRemovedOnOneNodeWhileNatsIsDownGetsNothingMoreOnTheOther() {
        Person ida = people.person("Ida");
        Person jon = people.person("Jon");
        Person kim = people.person("Kim");
        String group = people.group(List.of(ida, jon, kim));
        try (StreamClient jonOnB = ready(b, jon)) {
            assertThat(people.post(ida, group, "while Jon is in").status()).isEqualTo(201);
            assertThat(texts(jonOnB.awaitEvents(group, 1, WAIT))).containsExactly("while Jon is in");
            nats.kill();
            assertThat(a.api.delete("/api/v1/conversations/" + group + "/members/" + jon.id(), ida.token()).status()).isIn(200, 204);
            // Kim posts through node B, which never heard of the removal.
            assertThat(apiB.post("/api/v1/conversations/" + group + "/messages",
                    Map.of("text", "after Jon left", "clientMsgId", java.util.UUID.randomUUID().toString()), kim.token()).status())
                    .isEqualTo(201);
            assertThat(texts(events(jonOnB.drain(Duration.ofSeconds(2)), group))).doesNotContain("after Jon left");
        } finally {
            nats.resume();
        }
    }

    @Test
    void someoneConnectedToOneNodeIsOnlineOnTheOtherAndTheirChosenStatusToo() {
        Person mia = people.person("Mia");
        Person ned = people.person("Ned");
        people.direct(mia, ned);
        assertThat(statusOf(a, mia, ned)).isEqualTo("offline");
        try (StreamClient nedOnB = ready(b, ned)) {
            assertThat(org.confer.testing.Eventually.answer(WAIT, () -> statusOf(a, mia, ned), "available"::equals, "Ned on A"))
                    .isEqualTo("available");
            assertThat(apiB.send("PUT", "/api/v1/me/presence", Api.json(Map.of("status", "dnd", "note", "In resus")),
                    Map.of("Authorization", "Bearer " + ned.token(), "Content-Type", "application/json")).status()).isEqualTo(200);
            assertThat(org.confer.testing.Eventually.answer(WAIT, () -> statusOf(a, mia, ned), "dnd"::equals, "Ned's choice on A"))
                    .isEqualTo("dnd");
        }
        assertThat(org.confer.testing.Eventually.answer(WAIT, () -> statusOf(a, mia, ned), "offline"::equals, "Ned gone on A"))
                .isEqualTo("offline");
    }

    @Test
    void signInAttemptsCountOnEveryNodesBudget() {
        Person ola = people.person("Ola");
        for (TestServer node : List.of(a, b, a, b)) {
            assertThat(node.api.post("/api/v1/auth/login", Map.of("email", ola.email(), "password", "wrong guess"), null).status())
                    .isEqualTo(401);
        }
        // Two wrong guesses on each node: four in all, the budget. Neither node allows a fifth.
        for (TestServer node : List.of(a, b)) {
            Api.Response fifth = org.confer.testing.Eventually.answer(WAIT,
                    () -> node.api.post("/api/v1/auth/login", Map.of("email", ola.email(), "password", "wrong guess"), null),
                    r -> r.status() == 429, "a fifth guess refused");
            assertThat(fifth.problemType()).isEqualTo("rate-limited");
        }
    }

    private static String statusOf(TestServer node, Person asker, Person about) {
        Api.Response r = node.api.get("/api/v1/presence?userIds=" + about.id(), asker.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("items").get(0).get("status").asText();
    }

    private static StreamClient ready(TestServer node, Person who) {
        StreamClient s = StreamClient.connect(node.api.base(), who.token(), true);
        s.hello(Map.of(), null);
        s.awaitType("ready");
        return s;
    }

    private static List<JsonNode> events(List<JsonNode> frames, String conversationId) {
        return frames.stream().filter(f -> "event".equals(f.path("type").asText())
                && conversationId.equals(f.path("conversationId").asText())).toList();
    }

    private static List<String> texts(List<JsonNode> events) {
        return events.stream().map(f -> f.path("event").path("message").path("text").asText()).toList();
    }

    private static List<String> expected(String prefix, int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> prefix + i).toList();
    }
}

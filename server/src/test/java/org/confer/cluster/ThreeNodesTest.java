package org.confer.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.confer.testing.Api;
import org.confer.testing.ConferProcess;
import org.confer.testing.Eventually;
import org.confer.testing.NatsServer;
import org.confer.testing.Postgres;
import org.confer.testing.StreamClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three Confer processes on one PostgreSQL database and a NATS of the test's own, as a cluster
 * runs behind a load balancer (docs/cluster.md): clients spread over the nodes receive every
 * message in order, exactly once; a node killed with SIGKILL in the middle of sends loses
 * nothing acknowledged, its senders retry on another node without duplicates, and its
 * clients reconnect elsewhere and resume from their cursors without missing anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeNodesTest {
    private static final String PASSWORD = "a-long-test-password-42";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration START = Duration.ofSeconds(120);

    private final List<ConferProcess> nodes = new ArrayList<>();
    private NatsServer nats;
    private String schema;
    private Path work;
    private String adminToken;

    @BeforeAll
    void startThreeNodes() throws Exception {
        Postgres.assumeAvailable();
        nats = NatsServer.start();
        schema = Postgres.createSchema();
        work = Files.createTempDirectory("confer-three-nodes");
        // The first migrates and seeds; the other two start on the database it made, together.
        nodes.add(launch(1).awaitReady(START));
        ConferProcess second = launch(2);
        ConferProcess third = launch(3);
        nodes.add(second.awaitReady(START));
        nodes.add(third.awaitReady(START));
        adminToken = node(1).login("admin@demo.confer.test", PASSWORD);
    }

    private ConferProcess launch(int n) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CONFER_DATA_DIR", work.resolve("node" + n).toString());
        env.put("CONFER_DB_URL", Postgres.urlFor(schema));
        env.put("CONFER_DB_USER", Postgres.USER);
        env.put("CONFER_DB_PASSWORD", Postgres.PASSWORD);
        env.put("CONFER_NATS_URL", nats.url());
        env.put("CONFER_DEMO_PASSWORD", PASSWORD);
        env.put("CONFER_LOGIN_ATTEMPTS_PER_ADDRESS", "100000");
        return ConferProcess.launch(work.resolve("node" + n), env, "--demo");
    }

    @AfterAll
    void stop() {
        nodes.forEach(ConferProcess::close);
        if (nats != null) {
            nats.close();
        }
        if (schema != null) {
            Postgres.dropSchema(schema);
        }
    }

    @Test
    @Order(1)
    void clientsSpreadOverThreeNodesReceiveEveryMessageInOrderOnce() throws Exception {
        List<String[]> people = people("spread", 6); // {id, token}, two a node
        String group = group(people);
        List<StreamClient> streams = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            streams.add(ready(node(1 + i % 3), people.get(i)[1]));
        }
        try {
            // Each node's two people send 15 messages each through their own node, all at once.
            int each = 15;
            try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < people.size(); i++) {
                    Api api = node(1 + i % 3);
                    String token = people.get(i)[1];
                    String prefix = "p" + i + "-";
                    done.add(senders.submit(() -> {
                        for (int m = 1; m <= each; m++) {
                            assertThat(post(api, token, group, prefix + m, UUID.randomUUID().toString()).status()).isEqualTo(201);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            int total = people.size() * each;
            List<Long> stored = storedSeqs(node(2), people.getFirst()[1], group);
            assertThat(stored).hasSize(total);
            for (int i = 0; i < streams.size(); i++) {
                List<JsonNode> got = streams.get(i).awaitEvents(group, total, WAIT);
                assertThat(got.stream().map(f -> f.get("seq").asLong()).toList())
                        .as("person %d on node %d: every message, in order, once", i, 1 + i % 3).isEqualTo(stored);
                assertThat(events(streams.get(i).drain(Duration.ofMillis(300)), group)).as("nothing twice").isEmpty();
            }
        } finally {
            streams.forEach(StreamClient::close);
        }
    }

    @Test
    @Order(2)
    void aNodeKilledDuringSendsLosesNothingAcknowledgedAndItsClientsResumeElsewhere() throws Exception {
        List<String[]> people = people("kill", 3);
        String group = group(people);
        // The watcher listens on node 3, the node that dies; the others on nodes 1 and 2.
        StreamClient onThree = ready(node(3), people.get(0)[1]);
        StreamClient onOne = ready(node(1), people.get(1)[1]);
        Map<Long, String> seenByWatcher = new TreeMap<>();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        int each = 40;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < people.size(); i++) {
                int home = 3 - i; // senders on nodes 3, 2 and 1
                String token = people.get(i)[1];
                String prefix = "k" + i + "-";
                done.add(senders.submit(() -> {
                    for (int m = 1; m <= each; m++) {
                        String clientMsgId = prefix + m;
                        // A send whose node died before it answered is retried, same clientMsgId, on the next node.
                        for (int attempt = 0; ; attempt++) {
                            Api api = node(attempt == 0 && nodes.get(home - 1).isAlive() ? home : 1 + (home + attempt) % 2);
                            try {
                                Api.Response r = post(api, token, group, clientMsgId, clientMsgId);
                                if (r.status() == 201 || r.status() == 200) {
                                    acknowledged.add(clientMsgId);
                                    break;
                                }
                            } catch (IllegalStateException connectionLost) {
                                // Retried below.
                            }
                            assertThat(attempt).as("retries of " + clientMsgId).isLessThan(20);
                            Thread.sleep(50);
                        }
                    }
                    return null;
                }));
            }
            Eventually.answer(WAIT, acknowledged::size, n -> n >= 10, "the first sends acknowledged");
            nodes.get(2).sigkill();
            int atKill = acknowledged.size();
            assertThat(atKill).as("killed in the middle of the sends").isLessThan(people.size() * each);
            for (Future<?> f : done) {
                f.get();
            }
        }
        // The watcher's stream died with its node: it reconnects to node 2 with the cursor it had.
        for (JsonNode f : events(onThree.drain(Duration.ofMillis(200)), group)) {
            seenByWatcher.put(f.get("seq").asLong(), f.get("event").path("message").path("text").asText());
        }
        long cursor = seenByWatcher.isEmpty() ? lastSeqBefore(group, people) : Collections.max(seenByWatcher.keySet());
        List<Long> stored = storedSeqs(node(1), people.get(1)[1], group);
        List<String> storedIds = storedClientMsgIds(node(1), people.get(1)[1], group);
        assertThat(storedIds).as("every acknowledged message stored").containsAll(acknowledged);
        assertThat(storedIds).as("retries made no duplicates").doesNotHaveDuplicates();
        assertThat(storedIds).hasSize(people.size() * each);
        try (StreamClient resumed = StreamClient.connect(node(2).base(), people.get(0)[1], true)) {
            resumed.hello(Map.of(group, cursor), null);
            int missing = (int) stored.stream().filter(s -> s > cursor).count();
            for (JsonNode f : resumed.awaitEvents(group, missing, WAIT)) {
                assertThat(seenByWatcher.put(f.get("seq").asLong(), "")).as("resumed from the cursor: nothing twice").isNull();
            }
        }
        assertThat(List.copyOf(seenByWatcher.keySet())).as("the watcher missed nothing").containsAll(stored.stream()
                .filter(s -> s > lastSeqBefore(group, people)).toList());
        List<JsonNode> onOneEvents = onOne.awaitEvents(group, people.size() * each, WAIT);
        assertThat(onOneEvents.stream().map(f -> f.get("seq").asLong()).toList()).as("node 1's client, in order, once")
                .isEqualTo(stored.stream().filter(s -> s > lastSeqBefore(group, people)).toList());
        onOne.close();
        onThree.close();
    }

    // ---- helpers ----

    private Api node(int n) {
        return nodes.get(n - 1).api;
    }

    /** Makes n people through node 1, signed in; returns {id, token} each. */
    private List<String[]> people(String prefix, int n) {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String email = prefix + i + "-" + UUID.randomUUID().toString().substring(0, 8) + "@test.confer.test";
            Api.Response r = node(1).post("/api/v1/admin/users", Map.of("email", email, "displayName", prefix + " " + i, "password", PASSWORD),
                    adminToken);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            out.add(new String[] {r.json().get("id").asText(), node(1 + i % 3).login(email, PASSWORD)});
        }
        return out;
    }

    private String group(List<String[]> people) {
        List<String> others = people.subList(1, people.size()).stream().map(p -> p[0]).toList();
        Api.Response r = node(1).post("/api/v1/conversations", Map.of("kind", "group", "memberIds", others), people.getFirst()[1]);
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
        return r.json().get("id").asText();
    }

    /** The seq of the group's last event before any message: what a client had before the sends. */
    private long lastSeqBefore(String group, List<String[]> people) {
        return events(node(1), people.getFirst()[1], group).stream()
                .filter(e -> !"message.posted".equals(e.path("event").path("kind").asText()))
                .mapToLong(e -> e.get("seq").asLong()).max().orElse(0);
    }

    private static Api.Response post(Api api, String token, String group, String text, String clientMsgId) {
        return api.post("/api/v1/conversations/" + group + "/messages", Map.of("text", text, "clientMsgId", clientMsgId), token);
    }

    private static StreamClient ready(Api node, String token) {
        StreamClient s = StreamClient.connect(node.base(), token, true);
        s.hello(Map.of(), null);
        s.awaitType("ready");
        return s;
    }

    private static List<JsonNode> events(Api api, String token, String group) {
        Api.Response r = api.get("/api/v1/conversations/" + group + "/events?after=0&limit=1000", token);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("items").forEach(out::add);
        return out;
    }

    private static List<Long> storedSeqs(Api api, String token, String group) {
        return events(api, token, group).stream().filter(e -> "message.posted".equals(e.path("event").path("kind").asText()))
                .map(e -> e.get("seq").asLong()).toList();
    }

    private static List<String> storedClientMsgIds(Api api, String token, String group) {
        return events(api, token, group).stream().filter(e -> "message.posted".equals(e.path("event").path("kind").asText()))
                .map(e -> e.path("event").path("message").path("clientMsgId").asText()).toList();
    }

    private static List<JsonNode> events(List<JsonNode> frames, String conversationId) {
        return frames.stream().filter(f -> "event".equals(f.path("type").asText())
                && conversationId.equals(f.path("conversationId").asText())).toList();
    }
}

package org.confer.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.confer.testing.Api;
import org.confer.testing.Backend;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.Eventually;
import org.confer.testing.PrivatePostgres;
import org.confer.testing.StreamClient;
import org.confer.testing.TestServer;
import org.confer.testing.TestStorage;
import org.junit.jupiter.api.Test;

/**
 * A node whose PostgreSQL goes away and comes back (docs/cluster.md, "When PostgreSQL goes away"). PostgreSQL is a
 * private one ({@link PrivatePostgres}), stopped as a crash would ({@code pg_ctl stop -m
 * immediate}) while a client sends, and started again on the same port and data directory;
 * Confer is never restarted. The numbers it prints are the ones the document quotes.
 */
class DatabaseOutageTest {
    /** One send and its answer; {@code startedAt} is System.nanoTime(). */
    record Attempt(int n, String clientMsgId, String text, long startedAt, long millis, int status, String problem,
                   String retryAfter, long seq) {
        boolean acknowledged() {
            return status == 200 || status == 201;
        }

        boolean within(long from, long to) {
            return startedAt > from && startedAt + millis * 1_000_000 < to;
        }
    }

    /** A client that sends one message after another, each with its own clientMsgId, until closed. */
    static final class Sender implements AutoCloseable {
        final List<Attempt> attempts = new CopyOnWriteArrayList<>();
        private final AtomicBoolean sending = new AtomicBoolean(true);
        private final Thread thread;

        Sender(Api api, Person who, String chat) {
            thread = Thread.ofPlatform().name("outage-sender").start(() -> {
                for (int n = 1; sending.get(); n++) {
                    attempts.add(send(api, who, chat, n, "message " + n, "outage-" + n));
                    pause(20);
                }
            });
        }

        void awaitAttempts(Predicate<Attempt> which, int count, String what) {
            Eventually.answer(Duration.ofSeconds(90), () -> attempts.stream().filter(which).count(), n -> n >= count, what);
        }

        @Override
        public void close() throws InterruptedException {
            sending.set(false);
            thread.join(Duration.ofSeconds(60));
        }
    }

    @Test
    void aNodeThatLosesPostgresqlRefusesSendsFailsReadyzAndRecoversWithoutLossOrDuplicatesOrARestart() throws Exception {
        try (PrivatePostgres pg = PrivatePostgres.start();
             // For the data directory only (files, secrets): the database is the private PostgreSQL.
             TestStorage storage = TestStorage.create(Backend.H2);
             TestServer node = TestServer.start(storage, Map.of("CONFER_DB_URL", pg.url(), "CONFER_DB_USER", pg.user(),
                     "CONFER_DB_PASSWORD", ""))) {
            ChatFixtures people = new ChatFixtures(node);
            Api api = node.api;
            Person alice = people.person("Alice");
            Person bob = people.person("Bob");
            String chat = people.direct(alice, bob);
            List<Attempt> attempts;
            Map<String, Long> ms = new java.util.LinkedHashMap<>();
            try (StreamClient live = people.stream(bob)) {
                long stoppedAt;
                long upAt;
                try (Sender sender = new Sender(api, alice, chat)) {
                    attempts = sender.attempts;
                    sender.awaitAttempts(Attempt::acknowledged, 10, "acknowledged sends before the outage");

                    pg.stopImmediately();
                    // After pg_ctl has seen it stop: a send that began while the stop was under way may still commit.
                    stoppedAt = System.nanoTime();
                    ms.put("readyz 503 after the stop", millisUntil(stoppedAt, () -> api.get("/readyz", null).status() == 503));
                    assertThat(api.get("/healthz", null).status()).as("liveness does not depend on the database").isEqualTo(200);
                    sender.awaitAttempts(a -> a.startedAt() > stoppedAt, 3, "sends during the outage");

                    long startAt = System.nanoTime();
                    pg.resume();
                    upAt = System.nanoTime();
                    ms.put("PostgreSQL start (pg_ctl start -w)", (upAt - startAt) / 1_000_000);
                    ms.put("readyz 200 after PostgreSQL accepts", millisUntil(upAt, () -> api.get("/readyz", null).status() == 200));
                    sender.awaitAttempts(a -> a.startedAt() > upAt && a.acknowledged(), 5, "acknowledged sends after the outage");
                }
                List<Attempt> inOutage = attempts.stream().filter(a -> a.within(stoppedAt, upAt)).toList();
                assertThat(inOutage).as("sends wholly inside the outage").isNotEmpty();
                assertThat(inOutage).as("none acknowledged: each refused with 503 problem+json, type unavailable, and Retry-After")
                        .allSatisfy(a -> assertThat(java.util.Arrays.asList(a.status(), a.problem(), a.retryAfter())).as(a.toString())
                                .containsExactly(503, "unavailable", "2"));
                ms.put("longest refusal", inOutage.stream().mapToLong(Attempt::millis).max().orElseThrow());
                assertThat(ms.get("longest refusal")).as("refused within the pool's connection timeout (3 s), not after a hang")
                        .isLessThan(5_000);
                assertThat(ms.get("readyz 503 after the stop")).as("/readyz fails within a few seconds").isLessThan(5_000);
                assertThat(ms.get("readyz 200 after PostgreSQL accepts")).as("/readyz recovers without restarting Confer")
                        .isLessThan(30_000);
                ms.put("first acknowledgement after PostgreSQL accepts", attempts.stream()
                        .filter(a -> a.startedAt() > upAt && a.acknowledged())
                        .mapToLong(a -> (a.startedAt() - upAt) / 1_000_000 + a.millis()).min().orElseThrow());

                List<Attempt> retries = retryUnacknowledged(api, alice, chat, attempts);
                List<JsonNode> stored = storedMessages(api, bob, chat);
                assertStoredExactlyOnce(stored, attempts, retries);
                int fromLiveStream = assertStreamDeliveredEachOnceInOrder(api.base(), bob, chat, live, stored);
                System.out.printf("database outage: %d sends, %d unacknowledged (%s), retried: %d had been stored (200), %d new (201);"
                                + " live stream delivered %d of %d; %s%n",
                        attempts.size(), retries.size(), attempts.stream().filter(a -> !a.acknowledged())
                                .map(a -> a.status() + " " + a.problem() + " " + a.millis() + " ms").toList(),
                        retries.stream().filter(r -> r.status() == 200).count(), retries.stream().filter(r -> r.status() == 201).count(),
                        fromLiveStream, stored.size(), ms);
            }
        }
    }

    /** Every send left unacknowledged, again with the same clientMsgId: 201 if it was lost, 200 if it had been stored. */
    private static List<Attempt> retryUnacknowledged(Api api, Person sender, String chat, List<Attempt> attempts) {
        List<Attempt> retries = new ArrayList<>();
        for (Attempt a : attempts) {
            if (!a.acknowledged()) {
                Attempt retry = send(api, sender, chat, a.n(), a.text(), a.clientMsgId());
                assertThat(retry.status()).as("retry of " + a + ": " + retry).isIn(200, 201);
                retries.add(retry);
            }
        }
        return retries;
    }

    /** The conversation's message.posted events from its event log, ascending by seq. */
    private static List<JsonNode> storedMessages(Api api, Person reader, String chat) {
        Api.Response r = api.get("/api/v1/conversations/" + chat + "/events?after=0&limit=500", reader.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("items").forEach(e -> {
            if ("message.posted".equals(e.path("event").path("kind").asText())) {
                out.add(e);
            }
        });
        return out;
    }

    private static void assertStoredExactlyOnce(List<JsonNode> stored, List<Attempt> attempts, List<Attempt> retries) {
        Map<String, Long> seqByText = new HashMap<>();
        for (JsonNode e : stored) {
            Long earlier = seqByText.put(e.path("event").path("message").path("text").asText(), e.get("seq").asLong());
            assertThat(earlier).as("stored twice: " + e).isNull();
        }
        for (Attempt a : concat(attempts, retries)) {
            if (a.acknowledged()) {
                assertThat(seqByText.get(a.text())).as(a + " is stored with the seq it was acknowledged with").isEqualTo(a.seq());
            }
        }
        assertThat(seqByText.keySet()).as("every send is stored, once its retry is acknowledged, and nothing else")
                .containsExactlyInAnyOrderElementsOf(attempts.stream().map(Attempt::text).toList());
    }

    /**
     * What the recipient's stream delivered through all this, then what a new stream resuming
     * from its last seq adds: together every stored message, in seq order, once each. Returns how
     * many the live stream delivered.
     */
    private static int assertStreamDeliveredEachOnceInOrder(String base, Person recipient, String chat, StreamClient live,
                                                            List<JsonNode> stored) {
        List<Long> delivered = new ArrayList<>(postedSeqs(live.drain(Duration.ofSeconds(2)), chat));
        int fromLive = delivered.size();
        long cursor = delivered.isEmpty() ? 0 : delivered.getLast();
        try (StreamClient resumed = StreamClient.connect(base, recipient.token(), true)) {
            resumed.hello(Map.of(chat, cursor), null);
            resumed.awaitType("ready");
            delivered.addAll(postedSeqs(resumed.drain(Duration.ofSeconds(2)), chat));
        }
        assertThat(delivered).as("the live stream, then a stream resuming from its cursor: each stored message once, in order")
                .containsExactlyElementsOf(stored.stream().map(e -> e.get("seq").asLong()).toList());
        return fromLive;
    }

    private static List<Long> postedSeqs(List<JsonNode> frames, String chat) {
        return frames.stream().filter(f -> "event".equals(f.path("type").asText()) && chat.equals(f.path("conversationId").asText())
                        && "message.posted".equals(f.path("event").path("kind").asText()))
                .map(f -> f.get("seq").asLong()).toList();
    }

    private static Attempt send(Api api, Person sender, String chat, int n, String text, String clientMsgId) {
        long started = System.nanoTime();
        try {
            Api.Response r = api.post("/api/v1/conversations/" + chat + "/messages", Map.of("text", text, "clientMsgId", clientMsgId),
                    sender.token());
            long seq = r.json() != null && r.json().has("seq") ? r.json().get("seq").asLong() : -1;
            return new Attempt(n, clientMsgId, text, started, (System.nanoTime() - started) / 1_000_000, r.status(), r.problemType(),
                    r.header("Retry-After"), seq);
        } catch (IllegalStateException noAnswer) {
            return new Attempt(n, clientMsgId, text, started, (System.nanoTime() - started) / 1_000_000, -1, noAnswer.getMessage(),
                    null, -1);
        }
    }

    private static long millisUntil(long since, BooleanSupplier done) {
        Eventually.answer(Duration.ofSeconds(60), done::getAsBoolean, ok -> ok, "the condition");
        return (System.nanoTime() - since) / 1_000_000;
    }

    private static List<Attempt> concat(List<Attempt> a, List<Attempt> b) {
        List<Attempt> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.confer.bots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * The outgoing-webhook outbox against a real receiver on 127.0.0.1 (allowed through the
 * organisation's allow-list): signed deliveries, retries with back-off on the injected clock,
 * giving up after a day, the SSRF guard at every attempt, and the address pinned across a
 * changing DNS answer. The worker is driven by hand ({@code runOnce}) instead of its timer.
 */
class WebhookOutboxTest extends ServerTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final WebhookStore hooks = new WebhookStore();
    private final DeliveryOutboxStore store = new DeliveryOutboxStore();
    private ChatFixtures fx;
    private Database db;
    private DeliveryOutbox outbox;

    @Override
    protected void afterStart() {
        fx = new ChatFixtures(server);
        db = server.app().database();
        outbox = new DeliveryOutbox(store, hooks, mapper);
    }

    /** The server's own worker: its timer and the test's passes take turns, so what a pass did is done when it returns. */
    private DeliveryOutboxWorker worker() {
        return server.app().integrations().webhooks().worker();
    }

    /** A fresh account standing in for the bot (the worker only needs its row and organisation). */
    private UUID bot(String url, boolean allowLoopback, OutgoingEvent... events) {
        // Signed in afresh: a test that moves the clock a day on ends every earlier session.
        fx = new ChatFixtures(server);
        Person p = fx.person("bot-" + UUID.randomUUID().toString().substring(0, 8));
        UUID id = UUID.fromString(p.id());
        UUID org = hooks.organisationOf(db.dsl(), id).orElseThrow();
        db.dsl().transaction(cfg -> {
            hooks.upsertOutgoing(cfg.dsl(), new WebhookStore.OutgoingHook(id, url, "whsec_" + id, Set.of(events), true), id, now());
            hooks.replaceAllowedHosts(cfg.dsl(), org, allowLoopback ? List.of("127.0.0.1", "rebind.test") : List.of());
        });
        return id;
    }

    private UUID queueCommand(UUID bot, String text) {
        DeliveryOutbox.Context where = new DeliveryOutbox.Context(null, null, UUID.randomUUID(), "general", bot, "Dana Ortiz");
        DeliveryOutbox.Trigger what = new DeliveryOutbox.Trigger(OutgoingEvent.COMMAND, "command:" + UUID.randomUUID(), null, text,
                "/porter", "http://confer.test/api/v1/commands/x/response", List.of());
        return db.dsl().transactionResult(cfg -> outbox.enqueue(cfg.dsl(), bot, where, what, now())).orElseThrow();
    }

    @Test
    void a_delivery_arrives_signed_and_its_signature_verifies_but_not_for_a_tampered_body() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            UUID bot = bot(receiver.url("/hook?x=1"), true, OutgoingEvent.COMMAND);
            UUID id = queueCommand(bot, "bed 12 to x-ray");
            worker().runOnce();
            List<WebhookReceiver.Received> got = receiver.await(1);
            assertThat(got).hasSize(1);
            WebhookReceiver.Received r = got.getFirst();
            assertThat(r.path()).isEqualTo("/hook?x=1");
            assertThat(r.header("X-Confer-Delivery")).isEqualTo(id.toString());
            assertThat(r.header("Content-Type")).startsWith("application/json");
            String secret = "whsec_" + bot;
            Instant now = server.clock.instant();
            assertThat(Signatures.verify(secret, r.header("X-Confer-Timestamp"), r.body(), r.header("X-Confer-Signature"), now)).isTrue();
            assertThat(Signatures.verify(secret, r.header("X-Confer-Timestamp"), r.body().replace("bed 12", "bed 13"),
                    r.header("X-Confer-Signature"), now)).isFalse();
            assertThat(Signatures.verify(secret, r.header("X-Confer-Timestamp"), r.body(), r.header("X-Confer-Signature"),
                    now.plus(Duration.ofMinutes(6)))).as("replayed after the window").isFalse();
            JsonNode body = mapper.readTree(r.body());
            assertThat(body.get("id").asText()).isEqualTo(id.toString());
            assertThat(body.get("type").asText()).isEqualTo("command");
            assertThat(body.get("command").asText()).isEqualTo("/porter");
            assertThat(body.get("text").asText()).isEqualTo("bed 12 to x-ray");
            assertThat(body.get("user_name").asText()).isEqualTo("Dana Ortiz");
            assertThat(store.byId(db.dsl(), id).orElseThrow().deliveredAt()).isNotNull();
        }
    }

    @Test
    void a_receiver_answering_500_gets_the_same_delivery_again_after_the_back_off_and_then_never_again() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answer(500);
            UUID bot = bot(receiver.url("/"), true, OutgoingEvent.COMMAND);
            UUID id = queueCommand(bot, "retry me");
            DeliveryOutboxWorker worker = worker();
            assertThat(worker.runOnce()).isZero();
            assertThat(receiver.received).hasSize(1);
            DeliveryOutboxStore.Delivery failed = store.byId(db.dsl(), id).orElseThrow();
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.lastError()).isEqualTo("HTTP 500");

            server.clock.advance(Duration.ofSeconds(9));
            worker.runOnce();
            assertThat(receiver.received).as("not before the 10 s back-off").hasSize(1);
            server.clock.advance(Duration.ofSeconds(1));
            worker.runOnce();
            assertThat(receiver.received).hasSize(2);
            server.clock.advance(Duration.ofHours(2));
            worker.runOnce();
            assertThat(receiver.received).as("delivered once").hasSize(2);
            assertThat(receiver.received).extracting(r -> r.header("X-Confer-Delivery")).containsOnly(id.toString());
            DeliveryOutboxStore.Delivery done = store.byId(db.dsl(), id).orElseThrow();
            assertThat(done.deliveredAt()).isNotNull();
            assertThat(done.attempts()).isEqualTo(2);
        }
    }

    @Test
    void the_back_off_doubles_from_10_seconds_to_at_most_an_hour() {
        assertThat(DeliveryOutboxWorker.backOff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(DeliveryOutboxWorker.backOff(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(DeliveryOutboxWorker.backOff(5)).isEqualTo(Duration.ofSeconds(160));
        assertThat(DeliveryOutboxWorker.backOff(9)).isEqualTo(Duration.ofSeconds(2560));
        assertThat(DeliveryOutboxWorker.backOff(10)).isEqualTo(Duration.ofHours(1));
        assertThat(DeliveryOutboxWorker.backOff(40)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void a_delivery_that_keeps_failing_is_given_up_after_24_hours_and_audited() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            int[] failing = new int[60];
            java.util.Arrays.fill(failing, 503);
            receiver.answer(failing);
            UUID bot = bot(receiver.url("/"), true, OutgoingEvent.COMMAND);
            UUID id = queueCommand(bot, "never accepted");
            DeliveryOutboxWorker worker = worker();
            for (int i = 0; i < 40 && store.byId(db.dsl(), id).orElseThrow().givenUpAt() == null; i++) {
                worker.runOnce();
                server.clock.advance(Duration.ofHours(1));
            }
            DeliveryOutboxStore.Delivery gaveUp = store.byId(db.dsl(), id).orElseThrow();
            assertThat(gaveUp.givenUpAt()).isNotNull();
            assertThat(gaveUp.deliveredAt()).isNull();
            assertThat(Duration.between(gaveUp.createdAt(), gaveUp.givenUpAt())).isBetween(Duration.ofHours(23), Duration.ofHours(25));
            int attempts = receiver.received.size();
            assertThat(attempts).isEqualTo(gaveUp.attempts()).isGreaterThan(20);
            assertThat(new AuditTrail().forSubject(db.dsl(), "webhook_delivery", id))
                    .extracting(AuditTrail.Entry::action).containsExactly("webhook.delivery_given_up");
            server.clock.advance(Duration.ofHours(2));
            worker.runOnce();
            assertThat(receiver.received).as("nothing after giving up").hasSize(attempts);
        }
    }

    @Test
    void a_loopback_url_is_refused_at_delivery_when_the_host_is_not_allowed_and_nothing_is_sent() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            UUID bot = bot(receiver.url("/"), false, OutgoingEvent.COMMAND);
            UUID id = queueCommand(bot, "should not leave");
            worker().runOnce();
            assertThat(receiver.received).isEmpty();
            DeliveryOutboxStore.Delivery d = store.byId(db.dsl(), id).orElseThrow();
            assertThat(d.deliveredAt()).isNull();
            assertThat(d.lastError()).contains("refused").contains("loopback");
        }
    }

    @Test
    void a_name_whose_second_answer_differs_is_connected_to_at_the_address_that_was_checked() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            AtomicInteger lookups = new AtomicInteger();
            // First answer: the receiver. Any later answer: an address nothing listens on (rebinding).
            SsrfGuard.Resolver rebinding = host -> List.of(InetAddress.getByName(
                    lookups.getAndIncrement() == 0 ? "127.0.0.1" : "10.255.255.1"));
            SsrfGuard.Target target = new SsrfGuard(rebinding).check("http://rebind.test:" + receiver.port() + "/in",
                    host -> host.equals("rebind.test"));
            int status = new OutgoingHttp(Duration.ofSeconds(5), javax.net.ssl.HttpsURLConnection.getDefaultSSLSocketFactory())
                    .post(target, java.util.Map.of("X-Confer-Delivery", "d1"), "{}");
            assertThat(status).isEqualTo(200);
            assertThat(receiver.received).hasSize(1);
            assertThat(receiver.received.getFirst().host()).isEqualTo("rebind.test:" + receiver.port());
            assertThat(receiver.received.getFirst().path()).isEqualTo("/in");
            assertThat(lookups.get()).as("one lookup, never a second one to connect").isEqualTo(1);
        }
    }

    @Test
    void a_public_name_that_rebinds_to_loopback_is_still_refused_when_it_answers_loopback_at_the_check() {
        AtomicInteger lookups = new AtomicInteger();
        SsrfGuard.Resolver rebinding = host -> List.of(InetAddress.getByName(
                lookups.getAndIncrement() == 0 ? "93.184.216.34" : "127.0.0.1"));
        SsrfGuard guard = new SsrfGuard(rebinding);
        assertThat(guard.check("http://rebind.test/", host -> false).address().getHostAddress()).isEqualTo("93.184.216.34");
        // The next attempt checks again and sees the new answer.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> guard.check("http://rebind.test/", host -> false))
                .hasMessageContaining("loopback");
    }

    @Test
    void mentions_of_the_bot_and_direct_messages_to_it_are_delivered_and_other_messages_are_not() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            UUID botId = bot(receiver.url("/"), true, OutgoingEvent.MENTION, OutgoingEvent.DIRECT);
            Person dana = fx.person("dana");
            Person carer = fx.person("carer");
            String group = fx.group(dana, carer, new Person(botId.toString(), null, null));
            String direct = fx.direct(dana, new Person(botId.toString(), null, null));
            assertThat(fx.post(dana, group, "ask <@" + botId + "> for a porter").status()).isEqualTo(201);
            assertThat(fx.post(carer, group, "no mention here").status()).isEqualTo(201);
            assertThat(fx.post(dana, direct, "porter to bed 12 please").status()).isEqualTo(201);
            DeliveryOutboxWorker worker = worker();
            worker.runOnce();
            worker.runOnce();
            List<WebhookReceiver.Received> got = receiver.await(2);
            assertThat(got).hasSize(2);
            List<JsonNode> bodies = got.stream().map(r -> {
                try {
                    return mapper.readTree(r.body());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).toList();
            assertThat(bodies).extracting(b -> b.get("type").asText()).containsExactlyInAnyOrder("mention", "direct_message");
            assertThat(bodies).extracting(b -> b.get("user_id").asText()).containsOnly(dana.id());
            assertThat(bodies).extracting(b -> b.get("text").asText())
                    .containsExactlyInAnyOrder("ask <@" + botId + "> for a porter", "porter to bed 12 please");
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(server.clock).truncatedTo(ChronoUnit.MICROS);
    }
}

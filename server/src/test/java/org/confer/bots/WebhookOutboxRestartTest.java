package org.confer.bots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.confer.db.Database;
import org.confer.testing.Backend;
import org.confer.testing.ChatFixtures;
import org.confer.testing.TestServer;
import org.confer.testing.TestStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The outbox is a table: a delivery still pending when the server stops goes out after it starts again. */
@ParameterizedClass(name = "[{0}]")
@EnumSource(Backend.class)
class WebhookOutboxRestartTest {
    @Parameter
    Backend backend;

    private final WebhookStore hooks = new WebhookStore();
    private final DeliveryOutboxStore store = new DeliveryOutboxStore();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void a_delivery_that_failed_before_a_restart_is_delivered_once_after_it() throws Exception {
        try (TestStorage storage = TestStorage.create(backend); WebhookReceiver receiver = new WebhookReceiver()) {
            UUID id;
            UUID bot;
            receiver.answer(503);
            try (TestServer first = TestServer.start(storage, Map.of())) {
                Database db = first.app().database();
                bot = UUID.fromString(new ChatFixtures(first).person("bot").id());
                UUID org = hooks.organisationOf(db.dsl(), bot).orElseThrow();
                OffsetDateTime now = OffsetDateTime.now(first.clock).truncatedTo(ChronoUnit.MICROS);
                DeliveryOutbox outbox = new DeliveryOutbox(store, hooks, mapper);
                id = db.dsl().transactionResult(cfg -> {
                    hooks.upsertOutgoing(cfg.dsl(), new WebhookStore.OutgoingHook(bot, receiver.url("/"), "whsec_restart",
                            Set.of(OutgoingEvent.COMMAND), true), bot, now);
                    hooks.replaceAllowedHosts(cfg.dsl(), org, List.of("127.0.0.1"));
                    return outbox.enqueue(cfg.dsl(), bot, new DeliveryOutbox.Context(null, null, UUID.randomUUID(), "general",
                            bot, "Dana"), new DeliveryOutbox.Trigger(OutgoingEvent.COMMAND, "command:restart", null, "x", "/x",
                            null, List.of()), now).orElseThrow();
                });
                worker(first, outbox).runOnce();
                assertThat(receiver.received).hasSize(1);
                assertThat(store.byId(db.dsl(), id).orElseThrow().deliveredAt()).isNull();
            }
            try (TestServer again = TestServer.start(storage, Map.of())) {
                again.clock.advance(Duration.ofMinutes(1));
                DeliveryOutboxWorker worker = worker(again, new DeliveryOutbox(store, hooks, mapper));
                worker.runOnce();
                worker.runOnce();
                assertThat(receiver.received).hasSize(2);
                assertThat(receiver.received.get(1).header("X-Confer-Delivery")).isEqualTo(id.toString());
                assertThat(Signatures.verify("whsec_restart", receiver.received.get(1).header("X-Confer-Timestamp"),
                        receiver.received.get(1).body(), receiver.received.get(1).header("X-Confer-Signature"),
                        again.clock.instant())).isTrue();
                assertThat(store.byId(again.app().database().dsl(), id).orElseThrow().deliveredAt()).isNotNull();
            }
        }
    }

    /** The server's own worker: its timer and the test's passes take turns. */
    private DeliveryOutboxWorker worker(TestServer server, DeliveryOutbox outbox) {
        return server.app().integrations().webhooks().worker();
    }
}

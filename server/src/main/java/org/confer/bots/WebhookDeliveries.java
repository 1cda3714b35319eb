package org.confer.bots;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.confer.db.Database;

/**
 * Slash commands and button presses of external bots, sent to their outgoing webhooks: each is an
 * invocation the bot may answer on its {@code response_url} ({@code POST
 * /api/v1/commands/{id}/response}), and a delivery queued in the same transaction.
 */
public final class WebhookDeliveries implements BotDeliveries {
    private final Database db;
    private final WebhookStore hooks;
    private final DeliveryOutboxStore store;
    private final DeliveryOutbox outbox;
    private final Clock clock;
    private final Supplier<String> baseUrl;

    public WebhookDeliveries(Database db, WebhookStore hooks, DeliveryOutboxStore store, DeliveryOutbox outbox, Clock clock,
                             Supplier<String> baseUrl) {
        this.db = db;
        this.hooks = hooks;
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    @Override
    public boolean command(UUID botUserId, CommandCall call) {
        if (!outbox.listens(db.dsl(), botUserId, OutgoingEvent.COMMAND)) {
            return false;
        }
        UUID invocation = call.invocationId() == null ? UUID.randomUUID() : call.invocationId();
        return queue(botUserId, call.who().userId(), call.conversationId(), invocation, "/" + call.name(),
                new DeliveryOutbox.Trigger(OutgoingEvent.COMMAND, "command:" + invocation, null, call.text(), "/" + call.name(),
                        responseUrl(invocation), List.of()));
    }

    @Override
    public boolean action(UUID botUserId, ActionCall call) {
        if (!outbox.listens(db.dsl(), botUserId, OutgoingEvent.ACTION)) {
            return false;
        }
        UUID invocation = UUID.randomUUID();
        return queue(botUserId, call.who().userId(), call.conversationId(), invocation, call.actionId(),
                new DeliveryOutbox.Trigger(OutgoingEvent.ACTION, "action:" + invocation, call.messageId(), null, null,
                        responseUrl(invocation), List.of(new DeliveryOutbox.PressedAction(call.actionId(), call.argument(),
                        call.messageId()))));
    }

    private boolean queue(UUID botUserId, UUID userId, UUID conversationId, UUID invocation, String command,
                          DeliveryOutbox.Trigger trigger) {
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        return db.dsl().transactionResult(cfg -> {
            hooks.insertInvocation(cfg.dsl(), new WebhookStore.Invocation(invocation, botUserId, userId, conversationId,
                    command.length() > 64 ? command.substring(0, 64) : command, now, 0));
            return outbox.enqueue(cfg.dsl(), botUserId, store.context(cfg.dsl(), conversationId, userId), trigger, now).isPresent();
        });
    }

    private String responseUrl(UUID invocation) {
        return baseUrl.get() + "/api/v1/commands/" + invocation + "/response";
    }
}

package org.confer.bots;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Queues outgoing webhook deliveries: one row of {@code webhook_deliveries} per trigger, written
 * in the caller's transaction, with the body as the bot will receive it (docs/bots-and-results.md,
 * "Outgoing webhooks"). A trigger the bot did not ask for, or a bot without an enabled outgoing
 * webhook, queues nothing. The same trigger twice (a rescan, a retried command) queues once.
 */
public final class DeliveryOutbox {
    private final DeliveryOutboxStore store;
    private final WebhookStore hooks;
    private final ObjectMapper mapper;

    public DeliveryOutbox(DeliveryOutboxStore store, WebhookStore hooks, ObjectMapper mapper) {
        this.store = store;
        this.hooks = hooks;
        this.mapper = mapper;
    }

    /** Where the trigger happened, and who did it, with names as the bot will show them. */
    public record Context(UUID teamId, String teamName, UUID conversationId, String conversationName, UUID userId,
                          String userName) {}

    /** A pressed button, as {@code actions[]} of a {@code block_actions} delivery. */
    public record PressedAction(String actionId, String value, UUID messageId) {}

    /** What happened: the trigger, its text, the command and response URL, the buttons. */
    public record Trigger(OutgoingEvent event, String dedupeKey, UUID messageId, String text, String command,
                          String responseUrl, List<PressedAction> actions) {}

    /**
     * Queues one delivery to {@code botUserId} in {@code tx}; empty when the bot does not take
     * this kind of trigger, otherwise the delivery's id (also when it was queued before).
     */
    public Optional<UUID> enqueue(DSLContext tx, UUID botUserId, Context where, Trigger what, OffsetDateTime now) {
        Optional<WebhookStore.OutgoingHook> hook = hooks.outgoing(tx, botUserId);
        if (hook.isEmpty() || !hook.get().enabled() || !hook.get().events().contains(what.event())) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        String body = body(id, botUserId, where, what, now);
        store.insert(tx, id, botUserId, hook.get().url(), body, what.dedupeKey(), now);
        return Optional.of(id);
    }

    /** Whether the bot takes this trigger now (so a command can say "sent" or "this bot is not listening"). */
    public boolean listens(DSLContext db, UUID botUserId, OutgoingEvent event) {
        return hooks.outgoing(db, botUserId).filter(h -> h.enabled() && h.events().contains(event)).isPresent();
    }

    /** The delivery body: Slack-like names, every field always present (null when it does not apply). */
    String body(UUID id, UUID botUserId, Context where, Trigger what, OffsetDateTime now) {
        ObjectNode o = mapper.createObjectNode();
        o.put("id", id.toString());
        o.put("type", what.event().wireType());
        o.put("timestamp", now.toInstant().toString());
        o.put("bot_id", botUserId.toString());
        o.put("team_id", str(where.teamId()));
        o.put("team_name", where.teamName());
        o.put("conversation_id", str(where.conversationId()));
        o.put("conversation_name", where.conversationName());
        o.put("user_id", str(where.userId()));
        o.put("user_name", where.userName());
        o.put("message_id", str(what.messageId()));
        o.put("text", what.text());
        o.put("command", what.command());
        o.put("response_url", what.responseUrl());
        ArrayNode actions = o.putArray("actions");
        for (PressedAction a : what.actions() == null ? List.<PressedAction>of() : what.actions()) {
            actions.addObject().put("action_id", a.actionId()).put("value", a.value()).put("message_id", str(a.messageId()));
        }
        return o.toString();
    }

    private static String str(UUID id) {
        return id == null ? null : id.toString();
    }
}

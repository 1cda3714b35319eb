package org.confer.bots;

import static org.confer.db.schema.Tables.INCOMING_WEBHOOKS;
import static org.confer.db.schema.Tables.OUTGOING_WEBHOOKS;
import static org.confer.db.schema.Tables.USERS;
import static org.confer.db.schema.Tables.WEBHOOK_ALLOWED_HOSTS;
import static org.confer.db.schema.Tables.WEBHOOK_INVOCATIONS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.confer.db.schema.tables.records.IncomingWebhooksRecord;
import org.confer.db.schema.tables.records.OutgoingWebhooksRecord;
import org.jooq.DSLContext;

/** SQL of incoming and outgoing webhooks, their allowed hosts and pending command answers. */
public final class WebhookStore {

    /** An incoming webhook as stored (never its token). */
    public record IncomingHook(UUID id, UUID conversationId, UUID botUserId, String name, UUID createdBy,
                               OffsetDateTime createdAt, OffsetDateTime revokedAt) {}

    /** A bot's outgoing webhook. */
    public record OutgoingHook(UUID botUserId, String url, String signingSecret, Set<OutgoingEvent> events, boolean enabled) {}

    /** A command or button press waiting for the bot's answer. */
    public record Invocation(UUID id, UUID botUserId, UUID userId, UUID conversationId, String command,
                             OffsetDateTime createdAt, int answers) {}

    public void insertIncoming(DSLContext tx, IncomingHook h, String tokenHash) {
        tx.insertInto(INCOMING_WEBHOOKS)
                .set(INCOMING_WEBHOOKS.ID, h.id())
                .set(INCOMING_WEBHOOKS.CONVERSATION_ID, h.conversationId())
                .set(INCOMING_WEBHOOKS.BOT_USER_ID, h.botUserId())
                .set(INCOMING_WEBHOOKS.NAME, h.name())
                .set(INCOMING_WEBHOOKS.TOKEN_HASH, tokenHash)
                .set(INCOMING_WEBHOOKS.CREATED_BY, h.createdBy())
                .set(INCOMING_WEBHOOKS.CREATED_AT, h.createdAt())
                .execute();
    }

    /** The live hook with this token hash. */
    public Optional<IncomingHook> activeByTokenHash(DSLContext db, String tokenHash) {
        return db.selectFrom(INCOMING_WEBHOOKS)
                .where(INCOMING_WEBHOOKS.TOKEN_HASH.eq(tokenHash))
                .and(INCOMING_WEBHOOKS.REVOKED_AT.isNull())
                .fetchOptional().map(WebhookStore::incoming);
    }

    public Optional<IncomingHook> incoming(DSLContext db, UUID id) {
        return db.selectFrom(INCOMING_WEBHOOKS).where(INCOMING_WEBHOOKS.ID.eq(id)).fetchOptional().map(WebhookStore::incoming);
    }

    /** The live hooks of a conversation, oldest first. */
    public List<IncomingHook> incomingOf(DSLContext db, UUID conversationId) {
        return db.selectFrom(INCOMING_WEBHOOKS)
                .where(INCOMING_WEBHOOKS.CONVERSATION_ID.eq(conversationId))
                .and(INCOMING_WEBHOOKS.REVOKED_AT.isNull())
                .orderBy(INCOMING_WEBHOOKS.CREATED_AT, INCOMING_WEBHOOKS.ID)
                .fetch().map(WebhookStore::incoming);
    }

    public boolean revoke(DSLContext tx, UUID id, OffsetDateTime at) {
        return tx.update(INCOMING_WEBHOOKS).set(INCOMING_WEBHOOKS.REVOKED_AT, at)
                .where(INCOMING_WEBHOOKS.ID.eq(id)).and(INCOMING_WEBHOOKS.REVOKED_AT.isNull())
                .execute() == 1;
    }

    /** Whether the account is a bot; only the bots feature writes {@code users.kind}, so it may read it. */
    public boolean isBot(DSLContext db, UUID userId) {
        return db.fetchExists(db.selectFrom(USERS).where(USERS.ID.eq(userId)).and(USERS.KIND.eq("bot")));
    }

    public Optional<UUID> organisationOf(DSLContext db, UUID userId) {
        return db.select(USERS.ORGANISATION_ID).from(USERS).where(USERS.ID.eq(userId)).fetchOptional(USERS.ORGANISATION_ID);
    }

    public void upsertOutgoing(DSLContext tx, OutgoingHook h, UUID by, OffsetDateTime at) {
        tx.deleteFrom(OUTGOING_WEBHOOKS).where(OUTGOING_WEBHOOKS.BOT_USER_ID.eq(h.botUserId())).execute();
        tx.insertInto(OUTGOING_WEBHOOKS)
                .set(OUTGOING_WEBHOOKS.BOT_USER_ID, h.botUserId())
                .set(OUTGOING_WEBHOOKS.URL, h.url())
                .set(OUTGOING_WEBHOOKS.SIGNING_SECRET, h.signingSecret())
                .set(OUTGOING_WEBHOOKS.ON_MENTION, h.events().contains(OutgoingEvent.MENTION))
                .set(OUTGOING_WEBHOOKS.ON_DIRECT, h.events().contains(OutgoingEvent.DIRECT))
                .set(OUTGOING_WEBHOOKS.ON_COMMAND, h.events().contains(OutgoingEvent.COMMAND))
                .set(OUTGOING_WEBHOOKS.ON_ACTION, h.events().contains(OutgoingEvent.ACTION))
                .set(OUTGOING_WEBHOOKS.ENABLED, h.enabled())
                .set(OUTGOING_WEBHOOKS.UPDATED_BY, by)
                .set(OUTGOING_WEBHOOKS.UPDATED_AT, at)
                .execute();
    }

    public Optional<OutgoingHook> outgoing(DSLContext db, UUID botUserId) {
        return db.selectFrom(OUTGOING_WEBHOOKS).where(OUTGOING_WEBHOOKS.BOT_USER_ID.eq(botUserId))
                .fetchOptional().map(WebhookStore::outgoing);
    }

    public List<String> allowedHosts(DSLContext db, UUID organisationId) {
        return db.select(WEBHOOK_ALLOWED_HOSTS.HOST).from(WEBHOOK_ALLOWED_HOSTS)
                .where(WEBHOOK_ALLOWED_HOSTS.ORGANISATION_ID.eq(organisationId))
                .orderBy(WEBHOOK_ALLOWED_HOSTS.HOST)
                .fetch(WEBHOOK_ALLOWED_HOSTS.HOST);
    }

    public void replaceAllowedHosts(DSLContext tx, UUID organisationId, List<String> hosts) {
        tx.deleteFrom(WEBHOOK_ALLOWED_HOSTS).where(WEBHOOK_ALLOWED_HOSTS.ORGANISATION_ID.eq(organisationId)).execute();
        for (String h : hosts) {
            tx.insertInto(WEBHOOK_ALLOWED_HOSTS)
                    .set(WEBHOOK_ALLOWED_HOSTS.ORGANISATION_ID, organisationId)
                    .set(WEBHOOK_ALLOWED_HOSTS.HOST, h)
                    .execute();
        }
    }

    public void insertInvocation(DSLContext tx, Invocation i) {
        tx.insertInto(WEBHOOK_INVOCATIONS)
                .set(WEBHOOK_INVOCATIONS.ID, i.id())
                .set(WEBHOOK_INVOCATIONS.BOT_USER_ID, i.botUserId())
                .set(WEBHOOK_INVOCATIONS.USER_ID, i.userId())
                .set(WEBHOOK_INVOCATIONS.CONVERSATION_ID, i.conversationId())
                .set(WEBHOOK_INVOCATIONS.COMMAND, i.command())
                .set(WEBHOOK_INVOCATIONS.CREATED_AT, i.createdAt())
                .set(WEBHOOK_INVOCATIONS.ANSWERS, 0)
                .execute();
    }

    /** The invocation, locked for this transaction (two answers at once are counted one after the other). */
    public Optional<Invocation> invocationForUpdate(DSLContext tx, UUID id) {
        return tx.selectFrom(WEBHOOK_INVOCATIONS).where(WEBHOOK_INVOCATIONS.ID.eq(id)).forUpdate()
                .fetchOptional().map(r -> new Invocation(r.getId(), r.getBotUserId(), r.getUserId(), r.getConversationId(),
                        r.getCommand(), r.getCreatedAt(), r.getAnswers()));
    }

    public void countAnswer(DSLContext tx, UUID id) {
        tx.update(WEBHOOK_INVOCATIONS).set(WEBHOOK_INVOCATIONS.ANSWERS, WEBHOOK_INVOCATIONS.ANSWERS.plus(1))
                .where(WEBHOOK_INVOCATIONS.ID.eq(id)).execute();
    }

    private static IncomingHook incoming(IncomingWebhooksRecord r) {
        return new IncomingHook(r.getId(), r.getConversationId(), r.getBotUserId(), r.getName(), r.getCreatedBy(),
                r.getCreatedAt(), r.getRevokedAt());
    }

    private static OutgoingHook outgoing(OutgoingWebhooksRecord r) {
        Set<OutgoingEvent> events = java.util.EnumSet.noneOf(OutgoingEvent.class);
        if (r.getOnMention()) {
            events.add(OutgoingEvent.MENTION);
        }
        if (r.getOnDirect()) {
            events.add(OutgoingEvent.DIRECT);
        }
        if (r.getOnCommand()) {
            events.add(OutgoingEvent.COMMAND);
        }
        if (r.getOnAction()) {
            events.add(OutgoingEvent.ACTION);
        }
        return new OutgoingHook(r.getBotUserId(), r.getUrl(), r.getSigningSecret(), Set.copyOf(events), r.getEnabled());
    }
}

package org.confer.bots;

import static org.confer.db.schema.Tables.CONVERSATIONS;
import static org.confer.db.schema.Tables.CONVERSATION_MEMBERS;
import static org.confer.db.schema.Tables.MENTIONS;
import static org.confer.db.schema.Tables.MESSAGES;
import static org.confer.db.schema.Tables.OUTGOING_WEBHOOKS;
import static org.confer.db.schema.Tables.TEAMS;
import static org.confer.db.schema.Tables.USERS;
import static org.confer.db.schema.Tables.WEBHOOK_DELIVERIES;
import static org.confer.db.schema.Tables.WEBHOOK_SCAN_CURSOR;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;

/** SQL of the outgoing-webhook outbox, and of the scan that finds bots' mentions and direct messages. */
public final class DeliveryOutboxStore {
    private static final String CURSOR = "messages";

    /** A queued delivery. */
    public record Delivery(UUID id, UUID botUserId, String url, String body, int attempts, OffsetDateTime createdAt,
                           OffsetDateTime deliveredAt, OffsetDateTime givenUpAt, String lastError) {}

    /** A message a bot with an outgoing webhook should hear of. */
    public record Heard(UUID botUserId, OutgoingEvent event, UUID messageId, UUID conversationId, String conversationName,
                        UUID teamId, String teamName, UUID authorId, String authorName, String text, OffsetDateTime at) {}

    /** Queues a delivery unless one with the same key exists for the bot; true when queued now. */
    public boolean insert(DSLContext tx, UUID id, UUID botUserId, String url, String body, String dedupeKey, OffsetDateTime now) {
        return tx.insertInto(WEBHOOK_DELIVERIES)
                .set(WEBHOOK_DELIVERIES.ID, id)
                .set(WEBHOOK_DELIVERIES.BOT_USER_ID, botUserId)
                .set(WEBHOOK_DELIVERIES.URL, url)
                .set(WEBHOOK_DELIVERIES.BODY, body)
                .set(WEBHOOK_DELIVERIES.DEDUPE_KEY, dedupeKey)
                .set(WEBHOOK_DELIVERIES.ATTEMPTS, 0)
                .set(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, now)
                .set(WEBHOOK_DELIVERIES.CREATED_AT, now)
                .onConflict(WEBHOOK_DELIVERIES.BOT_USER_ID, WEBHOOK_DELIVERIES.DEDUPE_KEY).doNothing()
                .execute() == 1;
    }

    /**
     * Takes up to {@code limit} due deliveries for this node: locks them (skipping rows another
     * node holds), moves their next attempt to {@code leaseUntil} and returns them. Call inside a
     * transaction; after it commits, no other node takes them until the lease ends, and a node
     * that dies mid-delivery leaves them to be taken again then (at least once).
     */
    public List<Delivery> claimDue(DSLContext tx, OffsetDateTime now, OffsetDateTime leaseUntil, int limit) {
        List<Delivery> due = tx.selectFrom(WEBHOOK_DELIVERIES)
                .where(WEBHOOK_DELIVERIES.DELIVERED_AT.isNull())
                .and(WEBHOOK_DELIVERIES.GIVEN_UP_AT.isNull())
                .and(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT.le(now))
                .orderBy(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, WEBHOOK_DELIVERIES.ID)
                .limit(limit)
                .forUpdate().skipLocked()
                .fetch().map(r -> new Delivery(r.getId(), r.getBotUserId(), r.getUrl(), r.getBody(), r.getAttempts(),
                        r.getCreatedAt(), r.getDeliveredAt(), r.getGivenUpAt(), r.getLastError()));
        for (Delivery d : due) {
            tx.update(WEBHOOK_DELIVERIES).set(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, leaseUntil)
                    .where(WEBHOOK_DELIVERIES.ID.eq(d.id())).execute();
        }
        return due;
    }

    public Optional<Delivery> byId(DSLContext db, UUID id) {
        return db.selectFrom(WEBHOOK_DELIVERIES).where(WEBHOOK_DELIVERIES.ID.eq(id)).fetchOptional()
                .map(r -> new Delivery(r.getId(), r.getBotUserId(), r.getUrl(), r.getBody(), r.getAttempts(),
                        r.getCreatedAt(), r.getDeliveredAt(), r.getGivenUpAt(), r.getLastError()));
    }

    public void markDelivered(DSLContext db, UUID id, OffsetDateTime at) {
        db.update(WEBHOOK_DELIVERIES)
                .set(WEBHOOK_DELIVERIES.DELIVERED_AT, at)
                .set(WEBHOOK_DELIVERIES.ATTEMPTS, WEBHOOK_DELIVERIES.ATTEMPTS.plus(1))
                .set(WEBHOOK_DELIVERIES.LAST_ERROR, (String) null)
                .where(WEBHOOK_DELIVERIES.ID.eq(id)).execute();
    }

    public void markFailed(DSLContext db, UUID id, String error, OffsetDateTime next) {
        db.update(WEBHOOK_DELIVERIES)
                .set(WEBHOOK_DELIVERIES.ATTEMPTS, WEBHOOK_DELIVERIES.ATTEMPTS.plus(1))
                .set(WEBHOOK_DELIVERIES.LAST_ERROR, error)
                .set(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, next)
                .where(WEBHOOK_DELIVERIES.ID.eq(id)).execute();
    }

    public void markGivenUp(DSLContext tx, UUID id, String error, OffsetDateTime at) {
        tx.update(WEBHOOK_DELIVERIES)
                .set(WEBHOOK_DELIVERIES.ATTEMPTS, WEBHOOK_DELIVERIES.ATTEMPTS.plus(1))
                .set(WEBHOOK_DELIVERIES.LAST_ERROR, error)
                .set(WEBHOOK_DELIVERIES.GIVEN_UP_AT, at)
                .where(WEBHOOK_DELIVERIES.ID.eq(id)).execute();
    }

    /** How far the scan has read; empty before its first pass. */
    public Optional<OffsetDateTime> cursor(DSLContext db) {
        return db.select(WEBHOOK_SCAN_CURSOR.SCANNED_TO).from(WEBHOOK_SCAN_CURSOR)
                .where(WEBHOOK_SCAN_CURSOR.NAME.eq(CURSOR)).fetchOptional(WEBHOOK_SCAN_CURSOR.SCANNED_TO);
    }

    public void moveCursor(DSLContext tx, OffsetDateTime to) {
        if (tx.update(WEBHOOK_SCAN_CURSOR).set(WEBHOOK_SCAN_CURSOR.SCANNED_TO, to)
                .where(WEBHOOK_SCAN_CURSOR.NAME.eq(CURSOR)).and(WEBHOOK_SCAN_CURSOR.SCANNED_TO.lt(to)).execute() == 0
                && cursor(tx).isEmpty()) {
            tx.insertInto(WEBHOOK_SCAN_CURSOR).set(WEBHOOK_SCAN_CURSOR.NAME, CURSOR).set(WEBHOOK_SCAN_CURSOR.SCANNED_TO, to)
                    .onConflictDoNothing().execute();
        }
    }

    /** Whether any bot has an enabled outgoing webhook (when none does, the scan has nothing to read). */
    public boolean anyListening(DSLContext db) {
        return db.fetchExists(OUTGOING_WEBHOOKS, OUTGOING_WEBHOOKS.ENABLED.isTrue());
    }

    /**
     * Messages since {@code since} (exclusive) up to {@code until} that a bot with an enabled
     * outgoing webhook should hear of: direct messages to it and mentions of it, never its own;
     * oldest first, at most {@code limit}. Read bot by bot, each from an index of its own (the
     * bot's direct chats, its mentions), so the cost follows what the listening bots hear, not the
     * number of messages posted meanwhile (messages have no index on their time).
     */
    public List<Heard> heard(DSLContext db, OffsetDateTime since, OffsetDateTime until, int limit) {
        List<Heard> out = new ArrayList<>();
        for (Record hook : db.select(OUTGOING_WEBHOOKS.BOT_USER_ID, OUTGOING_WEBHOOKS.ON_DIRECT, OUTGOING_WEBHOOKS.ON_MENTION)
                .from(OUTGOING_WEBHOOKS).where(OUTGOING_WEBHOOKS.ENABLED.isTrue()).fetch()) {
            UUID bot = hook.get(OUTGOING_WEBHOOKS.BOT_USER_ID);
            Condition window = MESSAGES.CREATED_AT.gt(since).and(MESSAGES.CREATED_AT.le(until))
                    .and(MESSAGES.DELETED_AT.isNull()).and(MESSAGES.AUTHOR_ID.ne(bot));
            if (hook.get(OUTGOING_WEBHOOKS.ON_DIRECT)) {
                List<UUID> directs = db.select(CONVERSATIONS.ID).from(CONVERSATION_MEMBERS)
                        .join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(CONVERSATION_MEMBERS.CONVERSATION_ID))
                        .where(CONVERSATION_MEMBERS.USER_ID.eq(bot).and(CONVERSATIONS.KIND.eq("direct")))
                        .fetch(CONVERSATIONS.ID);
                if (!directs.isEmpty()) {
                    out.addAll(withNames(db.select(heardFields()).from(MESSAGES)
                            .join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(MESSAGES.CONVERSATION_ID)))
                            .where(MESSAGES.CONVERSATION_ID.in(directs).and(window))
                            .orderBy(MESSAGES.CREATED_AT).limit(limit)
                            .fetch().map(r -> heard(bot, r, OutgoingEvent.DIRECT)));
                }
            }
            if (hook.get(OUTGOING_WEBHOOKS.ON_MENTION)) {
                out.addAll(withNames(db.select(heardFields()).from(MENTIONS)
                        .join(MESSAGES).on(MESSAGES.ID.eq(MENTIONS.MESSAGE_ID))
                        .join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(MESSAGES.CONVERSATION_ID)))
                        .where(MENTIONS.USER_ID.eq(bot).and(window))
                        .orderBy(MESSAGES.CREATED_AT).limit(limit)
                        .fetch().map(r -> heard(bot, r, OutgoingEvent.MENTION)));
            }
        }
        // Oldest first and at most a page: when one bot's list was a full page, everything kept is no
        // later than that page's end, so the caller's cursor never passes an unread message.
        out.sort(java.util.Comparator.comparing(Heard::at));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    private static List<org.jooq.Field<?>> heardFields() {
        return List.of(MESSAGES.ID, MESSAGES.CONVERSATION_ID, CONVERSATIONS.NAME, CONVERSATIONS.TEAM_ID, TEAMS.NAME,
                MESSAGES.AUTHOR_ID, USERS.DISPLAY_NAME, MESSAGES.TEXT, MESSAGES.CREATED_AT);
    }

    /** Names of a conversation, its team and a person, as a delivery carries them. */
    public DeliveryOutbox.Context context(DSLContext db, UUID conversationId, UUID userId) {
        Record c = db.select(CONVERSATIONS.NAME, CONVERSATIONS.TEAM_ID, TEAMS.NAME).from(CONVERSATIONS)
                .leftJoin(TEAMS).on(TEAMS.ID.eq(CONVERSATIONS.TEAM_ID))
                .where(CONVERSATIONS.ID.eq(conversationId)).fetchOne();
        String userName = db.select(USERS.DISPLAY_NAME).from(USERS).where(USERS.ID.eq(userId)).fetchOne(USERS.DISPLAY_NAME);
        return new DeliveryOutbox.Context(c == null ? null : c.get(CONVERSATIONS.TEAM_ID), c == null ? null : c.get(TEAMS.NAME),
                conversationId, c == null ? null : c.get(CONVERSATIONS.NAME), userId, userName);
    }

    private static <R extends Record> SelectOnConditionStep<R> withNames(SelectOnConditionStep<R> q) {
        return q.join(USERS).on(USERS.ID.eq(MESSAGES.AUTHOR_ID)).leftJoin(TEAMS).on(TEAMS.ID.eq(CONVERSATIONS.TEAM_ID));
    }

    private static Heard heard(UUID bot, Record r, OutgoingEvent event) {
        return new Heard(bot, event, r.get(MESSAGES.ID), r.get(MESSAGES.CONVERSATION_ID),
                r.get(CONVERSATIONS.NAME), r.get(CONVERSATIONS.TEAM_ID), r.get(TEAMS.NAME), r.get(MESSAGES.AUTHOR_ID),
                r.get(USERS.DISPLAY_NAME), r.get(MESSAGES.TEXT), r.get(MESSAGES.CREATED_AT));
    }
}

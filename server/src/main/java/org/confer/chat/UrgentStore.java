package org.confer.chat;

import static org.confer.db.schema.Tables.MESSAGES;
import static org.confer.db.schema.Tables.URGENT_RECIPIENTS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/** SQL for urgent messages' recipients: who must acknowledge, who has, and who is due a reminder. */
public final class UrgentStore {

    /** One recipient's state. */
    public record Recipient(UUID messageId, UUID userId, int notifiedCount, OffsetDateTime nextNotifyAt,
                            OffsetDateTime acknowledgedAt) {}

    /** A reminder that is due, with what it needs to be sent. */
    public record Due(UUID messageId, UUID conversationId, UUID userId, int notifiedCount, OffsetDateTime postedAt) {}

    public void insert(DSLContext tx, UUID messageId, List<UUID> userIds, OffsetDateTime nextNotifyAt) {
        for (UUID u : userIds) {
            tx.insertInto(URGENT_RECIPIENTS)
                    .set(URGENT_RECIPIENTS.MESSAGE_ID, messageId)
                    .set(URGENT_RECIPIENTS.USER_ID, u)
                    .set(URGENT_RECIPIENTS.NOTIFIED_COUNT, 1)
                    .set(URGENT_RECIPIENTS.NEXT_NOTIFY_AT, nextNotifyAt)
                    .execute();
        }
    }

    /** Records the acknowledgement; false when the user is not a recipient or already acknowledged. */
    public boolean acknowledge(DSLContext tx, UUID messageId, UUID userId, OffsetDateTime at) {
        return tx.update(URGENT_RECIPIENTS)
                .set(URGENT_RECIPIENTS.ACKNOWLEDGED_AT, at)
                .set(URGENT_RECIPIENTS.NEXT_NOTIFY_AT, (OffsetDateTime) null)
                .where(URGENT_RECIPIENTS.MESSAGE_ID.eq(messageId)
                        .and(URGENT_RECIPIENTS.USER_ID.eq(userId))
                        .and(URGENT_RECIPIENTS.ACKNOWLEDGED_AT.isNull()))
                .execute() == 1;
    }

    public boolean isRecipient(DSLContext db, UUID messageId, UUID userId) {
        return db.fetchExists(URGENT_RECIPIENTS, URGENT_RECIPIENTS.MESSAGE_ID.eq(messageId).and(URGENT_RECIPIENTS.USER_ID.eq(userId)));
    }

    public List<Recipient> recipients(DSLContext db, UUID messageId) {
        return db.selectFrom(URGENT_RECIPIENTS).where(URGENT_RECIPIENTS.MESSAGE_ID.eq(messageId))
                .orderBy(URGENT_RECIPIENTS.USER_ID)
                .fetch(r -> new Recipient(r.getMessageId(), r.getUserId(), r.getNotifiedCount(), r.getNextNotifyAt(),
                        r.getAcknowledgedAt()));
    }

    /**
     * Reminders due at {@code now}, oldest first, claimed: the rows stay locked until the caller's
     * transaction moves their {@code next_notify_at} on, and rows another node has locked are
     * skipped rather than waited for. So each due reminder is sent by exactly one node, and the
     * nodes share a backlog instead of queueing behind each other's locks (docs/operations.md,
     * "Scheduled work in a cluster"). A node that dies mid-batch rolls back: the rows are due again.
     */
    public List<Due> due(DSLContext tx, OffsetDateTime now, int limit) {
        var rows = tx.selectFrom(URGENT_RECIPIENTS)
                .where(URGENT_RECIPIENTS.NEXT_NOTIFY_AT.le(now).and(URGENT_RECIPIENTS.ACKNOWLEDGED_AT.isNull()))
                .orderBy(URGENT_RECIPIENTS.NEXT_NOTIFY_AT)
                .limit(limit)
                .forUpdate()
                .skipLocked()
                .fetch();
        if (rows.isEmpty()) {
            return List.of();
        }
        var messages = tx.select(MESSAGES.ID, MESSAGES.CONVERSATION_ID, MESSAGES.CREATED_AT).from(MESSAGES)
                .where(MESSAGES.ID.in(rows.map(r -> r.getMessageId())))
                .fetchMap(MESSAGES.ID);
        return rows.map(r -> {
            var m = messages.get(r.getMessageId());
            return new Due(r.getMessageId(), m.value2(), r.getUserId(), r.getNotifiedCount(), m.value3());
        });
    }

    public void notified(DSLContext tx, UUID messageId, UUID userId, int count, OffsetDateTime next) {
        tx.update(URGENT_RECIPIENTS)
                .set(URGENT_RECIPIENTS.NOTIFIED_COUNT, count)
                .set(URGENT_RECIPIENTS.NEXT_NOTIFY_AT, next)
                .where(URGENT_RECIPIENTS.MESSAGE_ID.eq(messageId).and(URGENT_RECIPIENTS.USER_ID.eq(userId)))
                .execute();
    }

    /** Stops reminders of recipients who are no longer in the conversation. */
    public void stopFor(DSLContext tx, UUID conversationId, UUID userId) {
        tx.update(URGENT_RECIPIENTS).set(URGENT_RECIPIENTS.NEXT_NOTIFY_AT, (OffsetDateTime) null)
                .where(URGENT_RECIPIENTS.USER_ID.eq(userId)
                        .and(URGENT_RECIPIENTS.MESSAGE_ID.in(tx.select(MESSAGES.ID).from(MESSAGES)
                                .where(MESSAGES.CONVERSATION_ID.eq(conversationId)))))
                .execute();
    }

    /**
     * Stops every remaining reminder of one urgent message (somebody else dealt with what it was
     * about, e.g. a critical result acknowledged by a colleague); acknowledgements stay as they are.
     */
    public int stopAll(DSLContext tx, UUID messageId) {
        return tx.update(URGENT_RECIPIENTS).set(URGENT_RECIPIENTS.NEXT_NOTIFY_AT, (OffsetDateTime) null)
                .where(URGENT_RECIPIENTS.MESSAGE_ID.eq(messageId).and(URGENT_RECIPIENTS.NEXT_NOTIFY_AT.isNotNull()))
                .execute();
    }
}

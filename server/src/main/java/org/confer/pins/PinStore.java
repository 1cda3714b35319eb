package org.confer.pins;

import static org.confer.db.schema.Tables.CONVERSATIONS;
import static org.confer.db.schema.Tables.CONVERSATION_MEMBERS;
import static org.confer.db.schema.Tables.MESSAGES;
import static org.confer.db.schema.Tables.PINS;
import static org.confer.db.schema.Tables.SAVED_MESSAGES;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The SQL of pins and saved messages. Reads of either are joined to the reader's current
 * membership, so nothing here shows a conversation to someone who has left it.
 */
public final class PinStore {

    /** Whether the conversation is archived, if {@code userId} is a member of it now; empty otherwise. */
    public Optional<Boolean> archivedIfMember(DSLContext db, UUID conversationId, UUID userId) {
        return db.select(CONVERSATIONS.ARCHIVED_AT)
                .from(CONVERSATIONS)
                .join(CONVERSATION_MEMBERS).on(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(CONVERSATIONS.ID)
                        .and(CONVERSATION_MEMBERS.USER_ID.eq(userId)))
                .where(CONVERSATIONS.ID.eq(conversationId))
                .fetchOptional(r -> r.get(CONVERSATIONS.ARCHIVED_AT) != null);
    }

    /** A message of this conversation (a message of another conversation is not found here). */
    public Optional<PinnedMessage> message(DSLContext db, UUID conversationId, UUID messageId) {
        return db.select(MESSAGE_FIELDS).from(MESSAGES)
                .where(MESSAGES.ID.eq(messageId).and(MESSAGES.CONVERSATION_ID.eq(conversationId)))
                .fetchOptional(PinStore::message);
    }

    /** The conversation's pins whose messages still stand, newest pin first. */
    public List<Pin> pins(DSLContext db, UUID conversationId) {
        return db.select(MESSAGE_FIELDS).select(PINS.PINNED_BY, PINS.PINNED_AT)
                .from(PINS)
                .join(MESSAGES).on(MESSAGES.ID.eq(PINS.MESSAGE_ID))
                .where(PINS.CONVERSATION_ID.eq(conversationId).and(MESSAGES.DELETED_AT.isNull()))
                .orderBy(PINS.PINNED_AT.desc(), PINS.MESSAGE_ID)
                .fetch(r -> new Pin(r.get(MESSAGES.ID), r.get(PINS.PINNED_BY), r.get(PINS.PINNED_AT), message(r)));
    }

    /** Pins of the conversation whose messages still stand (a deleted message's pin no longer counts). */
    public int pinCount(DSLContext db, UUID conversationId) {
        return db.fetchCount(db.select(PINS.MESSAGE_ID).from(PINS).join(MESSAGES).on(MESSAGES.ID.eq(PINS.MESSAGE_ID))
                .where(PINS.CONVERSATION_ID.eq(conversationId).and(MESSAGES.DELETED_AT.isNull())));
    }

    /** Pins the message; false when it was pinned already. */
    public boolean pin(DSLContext tx, UUID conversationId, UUID messageId, UUID by, OffsetDateTime at) {
        return tx.insertInto(PINS, PINS.CONVERSATION_ID, PINS.MESSAGE_ID, PINS.PINNED_BY, PINS.PINNED_AT)
                .values(conversationId, messageId, by, at)
                .onConflictDoNothing().execute() == 1;
    }

    /** Unpins the message; false when it was not pinned. */
    public boolean unpin(DSLContext tx, UUID conversationId, UUID messageId) {
        return tx.deleteFrom(PINS).where(PINS.CONVERSATION_ID.eq(conversationId).and(PINS.MESSAGE_ID.eq(messageId))).execute() == 1;
    }

    /** My saved messages in conversations I am a member of now, newest saved first. */
    public List<SavedItem> saved(DSLContext db, UUID userId, int limit) {
        return db.select(MESSAGE_FIELDS).select(SAVED_MESSAGES.SAVED_AT)
                .from(SAVED_MESSAGES)
                .join(MESSAGES).on(MESSAGES.ID.eq(SAVED_MESSAGES.MESSAGE_ID))
                .join(CONVERSATION_MEMBERS).on(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(SAVED_MESSAGES.CONVERSATION_ID)
                        .and(CONVERSATION_MEMBERS.USER_ID.eq(userId)))
                .where(SAVED_MESSAGES.USER_ID.eq(userId))
                .orderBy(SAVED_MESSAGES.SAVED_AT.desc(), SAVED_MESSAGES.MESSAGE_ID)
                .limit(limit)
                .fetch(r -> new SavedItem(r.get(MESSAGES.CONVERSATION_ID), r.get(MESSAGES.ID), r.get(SAVED_MESSAGES.SAVED_AT), message(r)));
    }

    /** Every message the person has saved, wherever (the limit counts them all). */
    public int savedCount(DSLContext db, UUID userId) {
        return db.fetchCount(SAVED_MESSAGES, SAVED_MESSAGES.USER_ID.eq(userId));
    }

    public boolean save(DSLContext tx, UUID userId, UUID conversationId, UUID messageId, OffsetDateTime at) {
        return tx.insertInto(SAVED_MESSAGES, SAVED_MESSAGES.USER_ID, SAVED_MESSAGES.MESSAGE_ID, SAVED_MESSAGES.CONVERSATION_ID,
                        SAVED_MESSAGES.SAVED_AT)
                .values(userId, messageId, conversationId, at)
                .onConflictDoNothing().execute() == 1;
    }

    public boolean unsave(DSLContext tx, UUID userId, UUID messageId) {
        return tx.deleteFrom(SAVED_MESSAGES).where(SAVED_MESSAGES.USER_ID.eq(userId).and(SAVED_MESSAGES.MESSAGE_ID.eq(messageId)))
                .execute() == 1;
    }

    private static final List<org.jooq.Field<?>> MESSAGE_FIELDS = List.of(MESSAGES.ID, MESSAGES.CONVERSATION_ID, MESSAGES.SEQ,
            MESSAGES.AUTHOR_ID, MESSAGES.THREAD_ROOT_ID, MESSAGES.TEXT, MESSAGES.URGENT, MESSAGES.CREATED_AT, MESSAGES.EDITED_AT,
            MESSAGES.DELETED_AT);

    private static PinnedMessage message(Record r) {
        boolean deleted = r.get(MESSAGES.DELETED_AT) != null;
        return new PinnedMessage(r.get(MESSAGES.ID), r.get(MESSAGES.CONVERSATION_ID), r.get(MESSAGES.SEQ), r.get(MESSAGES.AUTHOR_ID),
                r.get(MESSAGES.THREAD_ROOT_ID), deleted ? null : r.get(MESSAGES.TEXT), r.get(MESSAGES.URGENT),
                r.get(MESSAGES.CREATED_AT), r.get(MESSAGES.EDITED_AT), r.get(MESSAGES.DELETED_AT));
    }
}

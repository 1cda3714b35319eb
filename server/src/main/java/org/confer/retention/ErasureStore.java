package org.confer.retention;

import static org.confer.db.schema.Tables.CONVERSATION_EVENTS;
import static org.confer.db.schema.Tables.FILES;
import static org.confer.db.schema.Tables.MENTIONS;
import static org.confer.db.schema.Tables.MESSAGES;
import static org.confer.db.schema.Tables.MESSAGE_FILES;
import static org.confer.db.schema.Tables.MESSAGE_VERSIONS;
import static org.confer.db.schema.Tables.REACTIONS;
import static org.confer.db.schema.Tables.URGENT_RECIPIENTS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The writes retention makes to a message and to the stored events that carry it, inside the
 * conversation's write transaction (docs/retention.md, "What delete and anonymise do").
 */
final class ErasureStore {
    /** A stored event that names the message: its seq, kind and JSON payload. */
    record Stored(long seq, String kind, String payload) {}

    /** The kinds whose payload carries a message's text, card, files or author. */
    static final List<String> CARRYING = List.of("message.posted", "message.edited", "message.card-updated", "message.files-updated");

    /** Text, card, mentions, reactions and every earlier text go; the row stays as a tombstone in its place. */
    void tombstone(DSLContext tx, UUID messageId, OffsetDateTime deletedAt) {
        tx.update(MESSAGES).set(MESSAGES.TEXT, (String) null).set(MESSAGES.CARD, (String) null)
                .set(MESSAGES.MENTIONS_CHANNEL, false).set(MESSAGES.DELETED_AT, deletedAt)
                .set(MESSAGES.RETAINED, RetentionPolicy.Action.DELETE.done()).where(MESSAGES.ID.eq(messageId)).execute();
        tx.deleteFrom(MESSAGE_VERSIONS).where(MESSAGE_VERSIONS.MESSAGE_ID.eq(messageId)).execute();
        tx.deleteFrom(MENTIONS).where(MENTIONS.MESSAGE_ID.eq(messageId)).execute();
        tx.deleteFrom(REACTIONS).where(REACTIONS.MESSAGE_ID.eq(messageId)).execute();
        tx.update(URGENT_RECIPIENTS).set(URGENT_RECIPIENTS.NEXT_NOTIFY_AT, (OffsetDateTime) null)
                .where(URGENT_RECIPIENTS.MESSAGE_ID.eq(messageId)).execute();
    }

    /**
     * The author becomes the placeholder (with a client id that cannot collide with the
     * placeholder's other messages); earlier texts and reactions go; the files the author
     * attached name the placeholder as uploader.
     */
    void anonymise(DSLContext tx, UUID messageId, UUID authorId, UUID placeholder) {
        tx.update(FILES).set(FILES.UPLOADER_ID, placeholder)
                .where(FILES.UPLOADER_ID.eq(authorId))
                .and(FILES.ID.in(DSL.select(MESSAGE_FILES.FILE_ID).from(MESSAGE_FILES).where(MESSAGE_FILES.MESSAGE_ID.eq(messageId))))
                .execute();
        tx.update(MESSAGES).set(MESSAGES.AUTHOR_ID, placeholder).set(MESSAGES.CLIENT_MSG_ID, messageId.toString())
                .set(MESSAGES.RETAINED, RetentionPolicy.Action.ANONYMISE.done()).where(MESSAGES.ID.eq(messageId)).execute();
        tx.deleteFrom(MESSAGE_VERSIONS).where(MESSAGE_VERSIONS.MESSAGE_ID.eq(messageId)).execute();
        tx.deleteFrom(REACTIONS).where(REACTIONS.MESSAGE_ID.eq(messageId)).execute();
    }

    /** The conversation's stored events from the message's own seq on that may carry it (the caller checks the id). */
    List<Stored> carrying(DSLContext tx, UUID conversationId, long fromSeq, UUID messageId) {
        return tx.select(CONVERSATION_EVENTS.SEQ, CONVERSATION_EVENTS.KIND, CONVERSATION_EVENTS.PAYLOAD).from(CONVERSATION_EVENTS)
                .where(CONVERSATION_EVENTS.CONVERSATION_ID.eq(conversationId)).and(CONVERSATION_EVENTS.SEQ.ge(fromSeq))
                .and(CONVERSATION_EVENTS.KIND.in(CARRYING)).and(CONVERSATION_EVENTS.PAYLOAD.contains(messageId.toString()))
                .orderBy(CONVERSATION_EVENTS.SEQ)
                .fetch(r -> new Stored(r.value1(), r.value2(), r.value3()));
    }

    void rewrite(DSLContext tx, UUID conversationId, long seq, String payload) {
        tx.update(CONVERSATION_EVENTS).set(CONVERSATION_EVENTS.PAYLOAD, payload)
                .where(CONVERSATION_EVENTS.CONVERSATION_ID.eq(conversationId)).and(CONVERSATION_EVENTS.SEQ.eq(seq)).execute();
    }
}

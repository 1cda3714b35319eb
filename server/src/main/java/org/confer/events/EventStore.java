package org.confer.events;

import static org.confer.db.schema.Tables.CONVERSATION_EVENTS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.confer.db.PreRendered;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** SQL for the conversation event logs (one per conversation, ordered by seq). */
public final class EventStore {
    // Every conversation write appends: rendered once (see PreRendered).
    private final PreRendered append = new PreRendered(dsl -> dsl.insertInto(CONVERSATION_EVENTS)
            .set(CONVERSATION_EVENTS.CONVERSATION_ID, DSL.param("conversation", CONVERSATION_EVENTS.CONVERSATION_ID))
            .set(CONVERSATION_EVENTS.SEQ, DSL.param("seq", CONVERSATION_EVENTS.SEQ))
            .set(CONVERSATION_EVENTS.KIND, DSL.param("kind", CONVERSATION_EVENTS.KIND))
            .set(CONVERSATION_EVENTS.PAYLOAD, DSL.param("payload", CONVERSATION_EVENTS.PAYLOAD))
            .set(CONVERSATION_EVENTS.CREATED_AT, DSL.param("createdAt", CONVERSATION_EVENTS.CREATED_AT)));

    public void append(DSLContext tx, StoredEvent e, OffsetDateTime now) {
        append.execute(tx, DSL.val(e.conversationId(), CONVERSATION_EVENTS.CONVERSATION_ID), DSL.val(e.seq(), CONVERSATION_EVENTS.SEQ),
                DSL.val(e.kind(), CONVERSATION_EVENTS.KIND), DSL.val(e.payload(), CONVERSATION_EVENTS.PAYLOAD),
                DSL.val(now, CONVERSATION_EVENTS.CREATED_AT));
    }

    /** Events with seq in (after, upTo], ascending, at most {@code limit}. */
    public List<StoredEvent> range(DSLContext db, UUID conversationId, long after, long upTo, int limit) {
        return db.select(CONVERSATION_EVENTS.SEQ, CONVERSATION_EVENTS.KIND, CONVERSATION_EVENTS.PAYLOAD)
                .from(CONVERSATION_EVENTS)
                .where(CONVERSATION_EVENTS.CONVERSATION_ID.eq(conversationId)
                        .and(CONVERSATION_EVENTS.SEQ.gt(after))
                        .and(CONVERSATION_EVENTS.SEQ.le(upTo)))
                .orderBy(CONVERSATION_EVENTS.SEQ)
                .limit(limit)
                .fetch(r -> new StoredEvent(conversationId, r.value1(), r.value2(), r.value3()));
    }

    /** The conversation's latest event, if it has any. */
    public Optional<StoredEvent> last(DSLContext db, UUID conversationId) {
        return db.select(CONVERSATION_EVENTS.SEQ, CONVERSATION_EVENTS.KIND, CONVERSATION_EVENTS.PAYLOAD)
                .from(CONVERSATION_EVENTS)
                .where(CONVERSATION_EVENTS.CONVERSATION_ID.eq(conversationId))
                .orderBy(CONVERSATION_EVENTS.SEQ.desc())
                .limit(1)
                .fetchOptional(r -> new StoredEvent(conversationId, r.value1(), r.value2(), r.value3()));
    }

    /** Events of the given kinds with seq in (after, upTo], ascending, at most {@code limit}. */
    public List<StoredEvent> rangeOfKinds(DSLContext db, UUID conversationId, long after, long upTo, List<String> kinds, int limit) {
        return db.select(CONVERSATION_EVENTS.SEQ, CONVERSATION_EVENTS.KIND, CONVERSATION_EVENTS.PAYLOAD)
                .from(CONVERSATION_EVENTS)
                .where(CONVERSATION_EVENTS.CONVERSATION_ID.eq(conversationId)
                        .and(CONVERSATION_EVENTS.SEQ.gt(after))
                        .and(CONVERSATION_EVENTS.SEQ.le(upTo))
                        .and(CONVERSATION_EVENTS.KIND.in(kinds)))
                .orderBy(CONVERSATION_EVENTS.SEQ)
                .limit(limit)
                .fetch(r -> new StoredEvent(conversationId, r.value1(), r.value2(), r.value3()));
    }

    /**
     * Replaces the stored payloads of the events that carried a message: its posted event (at
     * the message's own seq) and its edited events after it.
     */
    public void redactMessage(DSLContext tx, UUID conversationId, long messageSeq, UUID messageId,
                              String postedKind, String postedPayload, String editedKind, String editedPayload) {
        tx.update(CONVERSATION_EVENTS).set(CONVERSATION_EVENTS.PAYLOAD, postedPayload)
                .where(CONVERSATION_EVENTS.CONVERSATION_ID.eq(conversationId)
                        .and(CONVERSATION_EVENTS.SEQ.eq(messageSeq))
                        .and(CONVERSATION_EVENTS.KIND.eq(postedKind)))
                .execute();
        // Text inside a payload is JSON-escaped, so only the message object itself has this unescaped.
        tx.update(CONVERSATION_EVENTS).set(CONVERSATION_EVENTS.PAYLOAD, editedPayload)
                .where(CONVERSATION_EVENTS.CONVERSATION_ID.eq(conversationId)
                        .and(CONVERSATION_EVENTS.SEQ.gt(messageSeq))
                        .and(CONVERSATION_EVENTS.KIND.eq(editedKind))
                        .and(CONVERSATION_EVENTS.PAYLOAD.contains("\"message\":{\"id\":\"" + messageId + "\"")))
                .execute();
    }
}

package org.confer.events;

import static org.confer.db.schema.Tables.USER_EVENTS;
import static org.confer.db.schema.Tables.USER_SEQUENCES;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** SQL for the per-user event log (userSeq). */
public final class UserEventStore {

    /** Appends an event for the user with the next userSeq; returns that userSeq. */
    public long append(DSLContext tx, UUID userId, String kind, String payload, OffsetDateTime now) {
        long seq = nextSeq(tx, userId);
        tx.insertInto(USER_EVENTS)
                .set(USER_EVENTS.USER_ID, userId)
                .set(USER_EVENTS.SEQ, seq)
                .set(USER_EVENTS.KIND, kind)
                .set(USER_EVENTS.PAYLOAD, payload)
                .set(USER_EVENTS.CREATED_AT, now)
                .execute();
        return seq;
    }

    /**
     * The user's next userSeq. Their first event creates the counter row; when two transactions
     * do that at once, the later insert fails on the primary key (H2 answers at once, PostgreSQL
     * after the first commits) inside its own savepoint, and the counter is then incremented like
     * any other time: the caller's transaction goes on instead of failing.
     */
    private long nextSeq(DSLContext tx, UUID userId) {
        Optional<Long> seq = increment(tx, userId);
        if (seq.isPresent()) {
            return seq.get();
        }
        try {
            tx.transaction(savepoint -> savepoint.dsl().insertInto(USER_SEQUENCES)
                    .set(USER_SEQUENCES.USER_ID, userId).set(USER_SEQUENCES.LAST_SEQ, 1L).execute());
            return 1L;
        } catch (DataAccessException createdMeanwhile) {
            return increment(tx, userId).orElseThrow(() -> createdMeanwhile);
        }
    }

    private static Optional<Long> increment(DSLContext tx, UUID userId) {
        return tx.update(USER_SEQUENCES).set(USER_SEQUENCES.LAST_SEQ, USER_SEQUENCES.LAST_SEQ.plus(1L))
                .where(USER_SEQUENCES.USER_ID.eq(userId))
                .returningResult(USER_SEQUENCES.LAST_SEQ).fetchOptional(USER_SEQUENCES.LAST_SEQ);
    }

    public long lastSeq(DSLContext db, UUID userId) {
        return db.select(USER_SEQUENCES.LAST_SEQ).from(USER_SEQUENCES).where(USER_SEQUENCES.USER_ID.eq(userId))
                .fetchOptional(USER_SEQUENCES.LAST_SEQ).orElse(0L);
    }

    /** The person's latest user event, if any. */
    public Optional<Stored> last(DSLContext db, UUID userId) {
        return db.select(USER_EVENTS.SEQ, USER_EVENTS.PAYLOAD).from(USER_EVENTS)
                .where(USER_EVENTS.USER_ID.eq(userId))
                .orderBy(USER_EVENTS.SEQ.desc()).limit(1)
                .fetchOptional(r -> new Stored(r.value1(), r.value2()));
    }

    /** One stored user event: its userSeq and JSON payload. */
    public record Stored(long userSeq, String payload) {}

    public List<Stored> storedAfter(DSLContext db, UUID userId, long afterSeq, int limit) {
        return db.select(USER_EVENTS.SEQ, USER_EVENTS.PAYLOAD).from(USER_EVENTS)
                .where(USER_EVENTS.USER_ID.eq(userId).and(USER_EVENTS.SEQ.gt(afterSeq)))
                .orderBy(USER_EVENTS.SEQ).limit(limit)
                .fetch(r -> new Stored(r.value1(), r.value2()));
    }
}

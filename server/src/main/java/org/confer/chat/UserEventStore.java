package org.confer.chat;

import static org.confer.db.schema.Tables.USER_EVENTS;
import static org.confer.db.schema.Tables.USER_SEQUENCES;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.confer.realtime.Frames;
import org.confer.realtime.UserFrame;
import org.jooq.DSLContext;

/** SQL for the per-user event log (userSeq). */
public final class UserEventStore {

    /** Appends an event for the user with the next userSeq; returns the frame to publish after commit. */
    public UserFrame append(DSLContext tx, UUID userId, String kind, String payload, OffsetDateTime now) {
        int updated = tx.update(USER_SEQUENCES).set(USER_SEQUENCES.LAST_SEQ, USER_SEQUENCES.LAST_SEQ.plus(1L))
                .where(USER_SEQUENCES.USER_ID.eq(userId)).execute();
        if (updated == 0) {
            tx.insertInto(USER_SEQUENCES).set(USER_SEQUENCES.USER_ID, userId).set(USER_SEQUENCES.LAST_SEQ, 0L)
                    .onConflictDoNothing().execute();
            tx.update(USER_SEQUENCES).set(USER_SEQUENCES.LAST_SEQ, USER_SEQUENCES.LAST_SEQ.plus(1L))
                    .where(USER_SEQUENCES.USER_ID.eq(userId)).execute();
        }
        long seq = tx.select(USER_SEQUENCES.LAST_SEQ).from(USER_SEQUENCES).where(USER_SEQUENCES.USER_ID.eq(userId))
                .fetchOne(USER_SEQUENCES.LAST_SEQ);
        tx.insertInto(USER_EVENTS)
                .set(USER_EVENTS.USER_ID, userId)
                .set(USER_EVENTS.SEQ, seq)
                .set(USER_EVENTS.KIND, kind)
                .set(USER_EVENTS.PAYLOAD, payload)
                .set(USER_EVENTS.CREATED_AT, now)
                .execute();
        return new UserFrame(userId, seq, Frames.userEvent(seq, payload));
    }

    public long lastSeq(DSLContext db, UUID userId) {
        return db.select(USER_SEQUENCES.LAST_SEQ).from(USER_SEQUENCES).where(USER_SEQUENCES.USER_ID.eq(userId))
                .fetchOptional(USER_SEQUENCES.LAST_SEQ).orElse(0L);
    }

    public List<UserFrame> after(DSLContext db, UUID userId, long afterSeq, int limit) {
        return db.select(USER_EVENTS.SEQ, USER_EVENTS.PAYLOAD).from(USER_EVENTS)
                .where(USER_EVENTS.USER_ID.eq(userId).and(USER_EVENTS.SEQ.gt(afterSeq)))
                .orderBy(USER_EVENTS.SEQ).limit(limit)
                .fetch(r -> new UserFrame(userId, r.value1(), Frames.userEvent(r.value1(), r.value2())));
    }
}

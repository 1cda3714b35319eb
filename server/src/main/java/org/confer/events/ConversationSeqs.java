package org.confer.events;

import static org.confer.db.schema.Tables.CONVERSATIONS;

import java.util.OptionalLong;
import java.util.UUID;
import org.confer.db.PreRendered;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Hands out a conversation's next seq. The counter is the conversation row's last_seq, so
 * taking one also locks the row until commit: that is what makes seqs gap-free and ordered.
 */
public final class ConversationSeqs {
    // Every send runs this, rendered once (see PreRendered). One statement takes the row lock,
    // checks, increments and answers (RETURNING; H2 reads it from the updated row as well).
    private final PreRendered nextIfWritable = new PreRendered(dsl -> dsl.update(CONVERSATIONS)
            .set(CONVERSATIONS.LAST_SEQ, CONVERSATIONS.LAST_SEQ.plus(DSL.inline(1L)))
            .where(CONVERSATIONS.ID.eq(DSL.param("id", CONVERSATIONS.ID)).and(CONVERSATIONS.ARCHIVED_AT.isNull()))
            .returningResult(CONVERSATIONS.LAST_SEQ));

    public long next(DSLContext tx, UUID conversationId) {
        return tx.update(CONVERSATIONS).set(CONVERSATIONS.LAST_SEQ, CONVERSATIONS.LAST_SEQ.plus(1L))
                .where(CONVERSATIONS.ID.eq(conversationId))
                .returningResult(CONVERSATIONS.LAST_SEQ).fetchOptional(CONVERSATIONS.LAST_SEQ)
                .orElseThrow(() -> new IllegalStateException("conversation " + conversationId + " vanished"));
    }

    /**
     * Like {@link #next} but only while the conversation is not archived; empty when it is.
     * The check and the row lock are one statement, so an archive racing this write cannot
     * slip between them, on any node.
     */
    public OptionalLong nextIfWritable(DSLContext tx, UUID conversationId) {
        return nextIfWritable.fetchOptional(tx, new Field<?>[] {CONVERSATIONS.LAST_SEQ}, DSL.val(conversationId, CONVERSATIONS.ID))
                .map(r -> OptionalLong.of(r.get(CONVERSATIONS.LAST_SEQ))).orElse(OptionalLong.empty());
    }
}

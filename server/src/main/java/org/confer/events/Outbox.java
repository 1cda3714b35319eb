package org.confer.events;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.confer.events.ConversationEvent.MessageEdited;
import org.confer.events.ConversationEvent.MessagePosted;
import org.confer.events.ConversationEvent.MessageSnapshot;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.jooq.DSLContext;

/**
 * One write transaction's view: the SQL context, and the events it appends, which are stored in
 * the same transaction and published to the bus only after it commits (the model is Zulip's
 * send_event_on_commit). A frame on the bus is therefore always already in the database, and an
 * event whose transaction rolls back is never seen by anyone. Get one from
 * {@link ConversationWriter}.
 */
public final class Outbox {
    private final DSLContext dsl;
    private final OffsetDateTime now;
    private final EventLogs logs;
    private final List<Runnable> afterCommit = new ArrayList<>();

    Outbox(DSLContext dsl, Clock clock, EventLogs logs) {
        this.dsl = dsl;
        // The databases keep microseconds: a finer time would be answered now and differ when read back.
        this.now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        this.logs = logs;
    }

    public DSLContext dsl() {
        return dsl;
    }

    /** The transaction's time, the same for everything it writes. */
    public OffsetDateTime now() {
        return now;
    }

    /** Appends an event with the conversation's next seq and schedules its frame. */
    public long append(UUID conversationId, ConversationEvent event) {
        long seq = logs.seqs().next(dsl, conversationId);
        appendWithSeq(conversationId, seq, event);
        return seq;
    }

    /** Appends an event unless the conversation is archived, in which case the whole write fails with 409. */
    public long appendIfWritable(UUID conversationId, ConversationEvent event) {
        long seq = writableSeq(conversationId);
        appendWithSeq(conversationId, seq, event);
        return seq;
    }

    /** Takes the next seq of a conversation that is not archived; 409 (and a rollback) when it is. */
    public long writableSeq(UUID conversationId) {
        return logs.seqs().nextIfWritable(dsl, conversationId).orElseThrow(() ->
                new ApiException(ProblemType.CONFLICT, "This conversation is archived and read-only"));
    }

    /** Appends an event whose seq the caller already took with {@link #writableSeq} (a message row carries it). */
    public void appendWithSeq(UUID conversationId, long seq, ConversationEvent event) {
        String json = logs.json(event);
        logs.conversations().append(dsl, new StoredEvent(conversationId, seq, EventKinds.of(event), json), now);
        ConversationFrame frame = logs.frames().conversationFrame(conversationId, seq, json);
        afterCommit.add(() -> logs.bus().publish(frame));
    }

    /**
     * Rewrites the stored events that carried a message (its {@code message.posted} and every
     * {@code message.edited}) to carry {@code current} instead: after an edit or a deletion, even
     * a replay of the log shows only the current text (or none). Nothing is published; the
     * {@code message.edited} or {@code message.deleted} event the caller appends tells clients.
     */
    public void redact(MessageSnapshot current) {
        logs.conversations().redactMessage(dsl, current.conversationId(), current.seq(), current.id(),
                EventKinds.of(MessagePosted.class), logs.json(new MessagePosted(current)),
                EventKinds.of(MessageEdited.class), logs.json(new MessageEdited(current)));
    }

    /** Appends an event to one person's log (userSeq) and schedules its frame. */
    public void toUser(UUID userId, UserEvent event) {
        String json = logs.json(event);
        long userSeq = logs.users().append(dsl, userId, EventKinds.of(event), json, now);
        UserFrame frame = logs.frames().userFrame(userId, userSeq, json);
        afterCommit.add(() -> logs.bus().publish(frame));
    }

    /** An ephemeral frame for the conversation's other members, sent after commit and never stored. */
    public void ephemeral(UUID conversationId, UUID exceptUser, ServerFrame frame) {
        String encoded = logs.frames().write(frame);
        afterCommit.add(() -> logs.bus().ephemeral(conversationId, exceptUser, encoded));
    }

    /** Tells every node's gateway, after commit, that someone joined or left a conversation. */
    public void membershipChanged(UUID conversationId, UUID userId, boolean added) {
        afterCommit.add(() -> logs.bus().membershipChanged(conversationId, userId, added));
    }

    /** What to run once the transaction has committed, in the order it was appended. */
    List<Runnable> afterCommit() {
        return afterCommit;
    }
}

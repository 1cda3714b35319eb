package org.confer.activity;

import static org.confer.db.schema.Tables.ACTIVITY_SEEN;
import static org.confer.db.schema.Tables.CONVERSATIONS;
import static org.confer.db.schema.Tables.CONVERSATION_EVENTS;
import static org.confer.db.schema.Tables.CONVERSATION_MEMBERS;
import static org.confer.db.schema.Tables.MENTIONS;
import static org.confer.db.schema.Tables.MESSAGES;
import static org.confer.db.schema.Tables.REACTIONS;
import static org.confer.db.schema.Tables.URGENT_RECIPIENTS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.confer.db.schema.tables.Messages;
import org.jooq.impl.DSL;

/**
 * The SQL of the activity feed. Each source answers the newest {@code limit} activities at or
 * before {@code until}, always joined to the person's current memberships: a conversation they
 * have left (or been removed from) contributes nothing, old or new.
 */
public final class ActivityStore {

    /** Messages by others that mention me by id. Urgent ones are left to {@link #urgent} (one item per message). */
    public List<ActivityRow> mentions(DSLContext db, UUID me, OffsetDateTime until, int limit) {
        return db.select(messageFields())
                .from(MENTIONS)
                .join(MESSAGES).on(MESSAGES.ID.eq(MENTIONS.MESSAGE_ID))
                .join(CONVERSATION_MEMBERS).on(myMembership(me))
                .where(MENTIONS.USER_ID.eq(me).and(MESSAGES.AUTHOR_ID.ne(me)).and(MESSAGES.URGENT.isFalse())
                        .and(MESSAGES.CREATED_AT.le(until)))
                .orderBy(MESSAGES.CREATED_AT.desc()).limit(limit)
                .fetch(r -> messageRow(ActivityKind.MENTION, r, false));
    }

    /**
     * Messages by others with {@code @channel} or {@code @team} as a whole token, posted since I
     * joined: the {@code mentions_channel} column stored at send and edit, as for the mention badge.
     */
    public List<ActivityRow> everyoneMentions(DSLContext db, UUID me, OffsetDateTime until, int limit) {
        return db.select(messageFields())
                .from(MESSAGES)
                .join(CONVERSATION_MEMBERS).on(myMembership(me))
                .where(MESSAGES.AUTHOR_ID.ne(me).and(MESSAGES.URGENT.isFalse()).and(MESSAGES.DELETED_AT.isNull())
                        .and(MESSAGES.SEQ.gt(CONVERSATION_MEMBERS.JOINED_SEQ))
                        .and(MESSAGES.MENTIONS_CHANNEL.isTrue())
                        .and(MESSAGES.CREATED_AT.le(until)))
                .orderBy(MESSAGES.CREATED_AT.desc()).limit(limit)
                .fetch(r -> messageRow(ActivityKind.MENTION, r, true));
    }

    /** Urgent messages addressed to me; acknowledged ones count as read. */
    public List<ActivityRow> urgent(DSLContext db, UUID me, OffsetDateTime until, int limit) {
        return db.select(messageFields()).select(URGENT_RECIPIENTS.ACKNOWLEDGED_AT)
                .from(URGENT_RECIPIENTS)
                .join(MESSAGES).on(MESSAGES.ID.eq(URGENT_RECIPIENTS.MESSAGE_ID))
                .join(CONVERSATION_MEMBERS).on(myMembership(me))
                .where(URGENT_RECIPIENTS.USER_ID.eq(me).and(MESSAGES.AUTHOR_ID.ne(me)).and(MESSAGES.CREATED_AT.le(until)))
                .orderBy(MESSAGES.CREATED_AT.desc()).limit(limit)
                .fetch(r -> {
                    ActivityRow row = messageRow(ActivityKind.URGENT, r, false);
                    // Acknowledged: as good as read, whatever the read marker says.
                    return r.get(URGENT_RECIPIENTS.ACKNOWLEDGED_AT) == null ? row : withReadSeq(row, Long.MAX_VALUE);
                });
    }

    /** Reactions by others to my messages (a deleted message keeps none). */
    public List<ActivityRow> reactions(DSLContext db, UUID me, OffsetDateTime until, int limit) {
        return db.select(messageFields()).select(REACTIONS.USER_ID, REACTIONS.EMOJI, REACTIONS.CREATED_AT)
                .from(MESSAGES)
                .join(REACTIONS).on(REACTIONS.MESSAGE_ID.eq(MESSAGES.ID))
                .join(CONVERSATION_MEMBERS).on(myMembership(me))
                .where(MESSAGES.AUTHOR_ID.eq(me).and(REACTIONS.USER_ID.ne(me)).and(REACTIONS.CREATED_AT.le(until)))
                .orderBy(REACTIONS.CREATED_AT.desc()).limit(limit)
                .fetch(r -> new ActivityRow(ActivityKind.REACTION, r.get(MESSAGES.CONVERSATION_ID), r.get(MESSAGES.ID),
                        r.get(MESSAGES.THREAD_ROOT_ID), r.get(REACTIONS.USER_ID), r.get(REACTIONS.CREATED_AT), null,
                        r.get(CONVERSATION_MEMBERS.READ_SEQ), r.get(MESSAGES.TEXT), r.get(MESSAGES.EDITED_AT) != null,
                        r.get(MESSAGES.DELETED_AT) != null, r.get(REACTIONS.EMOJI), false, null));
    }

    /**
     * My current memberships that someone else gave me: a chat or channel they created with me
     * in it (joined at seq 0), or a {@code member.added} event (at joined seq + 1) whose
     * {@code by} is not me. The stored payload is the server's own JSON, so the match on
     * {@code "by":"<id>"} is exact; the service reads {@code by} from it.
     */
    public List<ActivityRow> added(DSLContext db, UUID me, OffsetDateTime until, int limit) {
        Condition createdByOther = CONVERSATION_MEMBERS.JOINED_SEQ.eq(0L).and(CONVERSATIONS.CREATED_BY.ne(me));
        Condition addedByOther = CONVERSATION_EVENTS.KIND.eq("member.added")
                .and(CONVERSATION_EVENTS.PAYLOAD.notContains("\"by\":\"" + me + "\""));
        return db.select(CONVERSATION_MEMBERS.CONVERSATION_ID, CONVERSATION_MEMBERS.JOINED_SEQ, CONVERSATION_MEMBERS.JOINED_AT,
                        CONVERSATION_MEMBERS.READ_SEQ, CONVERSATIONS.CREATED_BY, CONVERSATION_EVENTS.PAYLOAD)
                .from(CONVERSATION_MEMBERS)
                .join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(CONVERSATION_MEMBERS.CONVERSATION_ID))
                .leftJoin(CONVERSATION_EVENTS).on(CONVERSATION_EVENTS.CONVERSATION_ID.eq(CONVERSATION_MEMBERS.CONVERSATION_ID)
                        .and(CONVERSATION_EVENTS.SEQ.eq(CONVERSATION_MEMBERS.JOINED_SEQ.plus(1L))))
                .where(CONVERSATION_MEMBERS.USER_ID.eq(me).and(CONVERSATION_MEMBERS.JOINED_AT.le(until))
                        .and(createdByOther.or(CONVERSATION_MEMBERS.JOINED_SEQ.gt(0L).and(addedByOther))))
                .orderBy(CONVERSATION_MEMBERS.JOINED_AT.desc()).limit(limit)
                .fetch(r -> {
                    long joinedSeq = r.get(CONVERSATION_MEMBERS.JOINED_SEQ);
                    boolean created = joinedSeq == 0;
                    return new ActivityRow(ActivityKind.ADDED, r.get(CONVERSATION_MEMBERS.CONVERSATION_ID), null, null,
                            created ? r.get(CONVERSATIONS.CREATED_BY) : null, r.get(CONVERSATION_MEMBERS.JOINED_AT),
                            joinedSeq + 1, r.get(CONVERSATION_MEMBERS.READ_SEQ), null, false, false, null, false,
                            created ? null : r.get(CONVERSATION_EVENTS.PAYLOAD));
                });
    }

    /**
     * Thread replies by others in threads I take part in: the root is my message, or I replied
     * in the thread before them. Posted since I joined; deleted ones are not activity.
     */
    public List<ActivityRow> replies(DSLContext db, UUID me, OffsetDateTime until, int limit) {
        Messages mine = MESSAGES.as("mine");
        Messages root = MESSAGES.as("root");
        Condition rootIsMine = MESSAGES.THREAD_ROOT_ID.in(db.select(root.ID).from(root).where(root.AUTHOR_ID.eq(me)));
        Condition repliedBefore = DSL.exists(db.selectOne().from(mine).where(mine.THREAD_ROOT_ID.eq(MESSAGES.THREAD_ROOT_ID)
                .and(mine.AUTHOR_ID.eq(me)).and(mine.SEQ.lt(MESSAGES.SEQ))));
        return db.select(messageFields())
                .from(MESSAGES)
                .join(CONVERSATION_MEMBERS).on(myMembership(me))
                .where(MESSAGES.THREAD_ROOT_ID.isNotNull().and(MESSAGES.AUTHOR_ID.ne(me)).and(MESSAGES.DELETED_AT.isNull())
                        .and(MESSAGES.SEQ.gt(CONVERSATION_MEMBERS.JOINED_SEQ)).and(MESSAGES.CREATED_AT.le(until))
                        // Only threads with a message of mine: the author index narrows it before the thread index.
                        .and(MESSAGES.THREAD_ROOT_ID.in(db.select(mine.THREAD_ROOT_ID).from(mine).where(mine.AUTHOR_ID.eq(me)))
                                .or(rootIsMine))
                        .and(rootIsMine.or(repliedBefore)))
                .orderBy(MESSAGES.CREATED_AT.desc()).limit(limit)
                .fetch(r -> messageRow(ActivityKind.REPLY, r, false));
    }

    /** Messages by others in my direct and group chats (thread replies too), posted since I joined; not deleted ones. */
    public List<ActivityRow> direct(DSLContext db, UUID me, OffsetDateTime until, int limit) {
        return db.select(messageFields())
                .from(MESSAGES)
                .join(CONVERSATION_MEMBERS).on(myMembership(me))
                .join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(MESSAGES.CONVERSATION_ID))
                .where(CONVERSATIONS.KIND.in("direct", "group").and(MESSAGES.AUTHOR_ID.ne(me)).and(MESSAGES.DELETED_AT.isNull())
                        .and(MESSAGES.SEQ.gt(CONVERSATION_MEMBERS.JOINED_SEQ)).and(MESSAGES.CREATED_AT.le(until)))
                .orderBy(MESSAGES.CREATED_AT.desc()).limit(limit)
                .fetch(r -> messageRow(ActivityKind.DIRECT, r, false));
    }

    public Optional<OffsetDateTime> seenAt(DSLContext db, UUID me) {
        return db.select(ACTIVITY_SEEN.SEEN_AT).from(ACTIVITY_SEEN).where(ACTIVITY_SEEN.USER_ID.eq(me))
                .fetchOptional(ACTIVITY_SEEN.SEEN_AT);
    }

    /** Moves my "seen up to" marker forward only (a stale tab cannot move it back). */
    public void advanceSeen(DSLContext tx, UUID me, OffsetDateTime at) {
        int updated = tx.update(ACTIVITY_SEEN).set(ACTIVITY_SEEN.SEEN_AT, at)
                .where(ACTIVITY_SEEN.USER_ID.eq(me).and(ACTIVITY_SEEN.SEEN_AT.lt(at))).execute();
        if (updated == 0) {
            tx.insertInto(ACTIVITY_SEEN).set(ACTIVITY_SEEN.USER_ID, me).set(ACTIVITY_SEEN.SEEN_AT, at)
                    .onConflictDoNothing().execute();
        }
    }

    private static Condition myMembership(UUID me) {
        return CONVERSATION_MEMBERS.CONVERSATION_ID.eq(MESSAGES.CONVERSATION_ID).and(CONVERSATION_MEMBERS.USER_ID.eq(me));
    }

    private static List<org.jooq.SelectField<?>> messageFields() {
        return List.of(MESSAGES.ID, MESSAGES.CONVERSATION_ID, MESSAGES.THREAD_ROOT_ID, MESSAGES.AUTHOR_ID, MESSAGES.CREATED_AT,
                MESSAGES.SEQ, CONVERSATION_MEMBERS.READ_SEQ, MESSAGES.TEXT, MESSAGES.EDITED_AT, MESSAGES.DELETED_AT);
    }

    private static ActivityRow messageRow(ActivityKind kind, Record r, boolean everyone) {
        return new ActivityRow(kind, r.get(MESSAGES.CONVERSATION_ID), r.get(MESSAGES.ID), r.get(MESSAGES.THREAD_ROOT_ID),
                r.get(MESSAGES.AUTHOR_ID), r.get(MESSAGES.CREATED_AT), r.get(MESSAGES.SEQ), r.get(CONVERSATION_MEMBERS.READ_SEQ),
                r.get(MESSAGES.TEXT), r.get(MESSAGES.EDITED_AT) != null, r.get(MESSAGES.DELETED_AT) != null, null, everyone, null);
    }

    private static ActivityRow withReadSeq(ActivityRow r, long readSeq) {
        return new ActivityRow(r.kind(), r.conversationId(), r.messageId(), r.threadRootId(), r.actorId(), r.at(), r.seq(),
                readSeq, r.text(), r.edited(), r.deleted(), r.emoji(), r.everyone(), r.addedBy());
    }
}

package org.confer.retention;

import static org.confer.db.schema.Tables.CONVERSATION_MEMBERS;
import static org.confer.db.schema.Tables.LEGAL_HOLDS;
import static org.confer.db.schema.Tables.MESSAGES;
import static org.confer.db.schema.Tables.MESSAGE_FILES;
import static org.confer.db.schema.Tables.RETENTION_PLACEHOLDERS;
import static org.confer.db.schema.Tables.RETENTION_POLICIES;
import static org.confer.db.schema.Tables.RETENTION_RUNS;
import static org.confer.db.schema.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.confer.db.schema.tables.LegalHolds;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * SQL of retention: policies, holds, placeholders, runs, and which messages a policy reaches.
 * Messages are chat's table; retention reads and marks them here the way search and analytics
 * read chat's tables in their own stores (docs/retention.md, "How it is built").
 */
final class RetentionStore {
    /** A message a policy reaches: its id and conversation. */
    record Candidate(UUID messageId, UUID conversationId) {}

    // ---- policies

    Optional<RetentionPolicy> policy(DSLContext db, UUID organisationId) {
        return db.selectFrom(RETENTION_POLICIES).where(RETENTION_POLICIES.ORGANISATION_ID.eq(organisationId)).fetchOptional()
                .map(r -> new RetentionPolicy(r.getOrganisationId(), RetentionPolicy.Action.of(r.getAction()), r.getDays(),
                        r.getSetBy(), r.getSetAt()));
    }

    List<RetentionPolicy> policies(DSLContext db) {
        return db.selectFrom(RETENTION_POLICIES).orderBy(RETENTION_POLICIES.ORGANISATION_ID)
                .fetch(r -> new RetentionPolicy(r.getOrganisationId(), RetentionPolicy.Action.of(r.getAction()), r.getDays(),
                        r.getSetBy(), r.getSetAt()));
    }

    void savePolicy(DSLContext tx, RetentionPolicy p) {
        tx.deleteFrom(RETENTION_POLICIES).where(RETENTION_POLICIES.ORGANISATION_ID.eq(p.organisationId())).execute();
        tx.insertInto(RETENTION_POLICIES).set(RETENTION_POLICIES.ORGANISATION_ID, p.organisationId())
                .set(RETENTION_POLICIES.ACTION, p.action().code()).set(RETENTION_POLICIES.DAYS, p.days())
                .set(RETENTION_POLICIES.SET_BY, p.setBy()).set(RETENTION_POLICIES.SET_AT, p.setAt()).execute();
    }

    boolean removePolicy(DSLContext tx, UUID organisationId) {
        return tx.deleteFrom(RETENTION_POLICIES).where(RETENTION_POLICIES.ORGANISATION_ID.eq(organisationId)).execute() > 0;
    }

    // ---- holds

    void insertHold(DSLContext tx, LegalHold h) {
        tx.insertInto(LEGAL_HOLDS).set(LEGAL_HOLDS.ID, h.id()).set(LEGAL_HOLDS.ORGANISATION_ID, h.organisationId())
                .set(LEGAL_HOLDS.SUBJECT_TYPE, h.subjectType()).set(LEGAL_HOLDS.SUBJECT_ID, h.subjectId())
                .set(LEGAL_HOLDS.REASON, h.reason()).set(LEGAL_HOLDS.PLACED_BY, h.placedBy()).set(LEGAL_HOLDS.PLACED_AT, h.placedAt())
                .execute();
    }

    Optional<LegalHold> hold(DSLContext db, UUID id) {
        return db.selectFrom(LEGAL_HOLDS).where(LEGAL_HOLDS.ID.eq(id)).fetchOptional(RetentionStore::hold);
    }

    /** Holds of one organisation (all: null), active first, newest first, at most {@code limit}. */
    List<LegalHold> holds(DSLContext db, UUID organisationId, int limit) {
        Condition where = organisationId == null ? DSL.noCondition() : LEGAL_HOLDS.ORGANISATION_ID.eq(organisationId);
        return db.selectFrom(LEGAL_HOLDS).where(where)
                .orderBy(DSL.when(LEGAL_HOLDS.RELEASED_AT.isNull(), 0).otherwise(1), LEGAL_HOLDS.PLACED_AT.desc())
                .limit(limit).fetch(RetentionStore::hold);
    }

    boolean release(DSLContext tx, UUID id, UUID by, OffsetDateTime at) {
        return tx.update(LEGAL_HOLDS).set(LEGAL_HOLDS.RELEASED_BY, by).set(LEGAL_HOLDS.RELEASED_AT, at)
                .where(LEGAL_HOLDS.ID.eq(id).and(LEGAL_HOLDS.RELEASED_AT.isNull())).execute() == 1;
    }

    private static LegalHold hold(org.confer.db.schema.tables.records.LegalHoldsRecord r) {
        return new LegalHold(r.getId(), r.getOrganisationId(), r.getSubjectType(), r.getSubjectId(), r.getReason(), r.getPlacedBy(),
                r.getPlacedAt(), r.getReleasedBy(), r.getReleasedAt());
    }

    /**
     * The rule of docs/retention.md, "Legal hold", as one condition on a message: an active hold
     * on its conversation, on its author, or on a current member of its conversation.
     */
    static Condition held(org.confer.db.schema.tables.Messages m) {
        LegalHolds h = LEGAL_HOLDS.as("h");
        Condition onConversation = h.SUBJECT_TYPE.eq(LegalHold.CONVERSATION).and(h.SUBJECT_ID.eq(m.CONVERSATION_ID));
        Condition memberIsHeld = DSL.exists(DSL.selectOne().from(CONVERSATION_MEMBERS)
                .where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(m.CONVERSATION_ID))
                .and(CONVERSATION_MEMBERS.USER_ID.eq(h.SUBJECT_ID)));
        Condition onPerson = h.SUBJECT_TYPE.eq(LegalHold.USER).and(h.SUBJECT_ID.eq(m.AUTHOR_ID).or(memberIsHeld));
        return DSL.exists(DSL.selectOne().from(h).where(h.RELEASED_AT.isNull()).and(onConversation.or(onPerson)));
    }

    boolean isHeld(DSLContext db, UUID messageId) {
        return db.fetchExists(DSL.selectOne().from(MESSAGES).where(MESSAGES.ID.eq(messageId)).and(held(MESSAGES)));
    }

    // ---- what a policy reaches

    /** Messages whose author belongs to the organisation, created before the cut-off, that the action has not reached yet. */
    private static Condition due(UUID organisationId, OffsetDateTime cutoff, RetentionPolicy.Action action) {
        Condition notDone = action == RetentionPolicy.Action.DELETE
                ? MESSAGES.RETAINED.isNull().or(MESSAGES.RETAINED.ne(RetentionPolicy.Action.DELETE.done()))
                : MESSAGES.RETAINED.isNull();
        return MESSAGES.CREATED_AT.lt(cutoff).and(notDone)
                .and(MESSAGES.AUTHOR_ID.in(DSL.select(USERS.ID).from(USERS).where(USERS.ORGANISATION_ID.eq(organisationId))));
    }

    /** Up to {@code limit} messages due and not held, oldest first. */
    List<Candidate> due(DSLContext db, UUID organisationId, OffsetDateTime cutoff, RetentionPolicy.Action action, int limit) {
        return db.select(MESSAGES.ID, MESSAGES.CONVERSATION_ID).from(MESSAGES)
                .where(due(organisationId, cutoff, action)).andNot(held(MESSAGES))
                .orderBy(MESSAGES.CREATED_AT, MESSAGES.ID).limit(limit)
                .fetch(r -> new Candidate(r.value1(), r.value2()));
    }

    /** How many messages are due (and of them held), and how many files the due, unheld ones carry: the dry run. */
    Preview preview(DSLContext db, UUID organisationId, OffsetDateTime cutoff, RetentionPolicy.Action action) {
        int all = db.fetchCount(MESSAGES, due(organisationId, cutoff, action));
        int held = db.fetchCount(MESSAGES, due(organisationId, cutoff, action).and(held(MESSAGES)));
        int files = db.fetchCount(DSL.selectOne().from(MESSAGE_FILES).join(MESSAGES).on(MESSAGES.ID.eq(MESSAGE_FILES.MESSAGE_ID))
                .where(due(organisationId, cutoff, action)).andNot(held(MESSAGES)));
        return new Preview(cutoff, all - held, files, held);
    }

    record Preview(OffsetDateTime cutoff, int messages, int files, int held) {}

    /** The message as retention sees it, locked by the caller's conversation transaction. */
    record Row(UUID id, UUID conversationId, long seq, UUID authorId, OffsetDateTime createdAt, OffsetDateTime deletedAt, String retained) {}

    Optional<Row> row(DSLContext tx, UUID messageId) {
        return tx.select(MESSAGES.ID, MESSAGES.CONVERSATION_ID, MESSAGES.SEQ, MESSAGES.AUTHOR_ID, MESSAGES.CREATED_AT,
                        MESSAGES.DELETED_AT, MESSAGES.RETAINED).from(MESSAGES).where(MESSAGES.ID.eq(messageId))
                .fetchOptional(r -> new Row(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7()));
    }

    int filesOf(DSLContext tx, UUID messageId) {
        return tx.fetchCount(MESSAGE_FILES, MESSAGE_FILES.MESSAGE_ID.eq(messageId));
    }

    // ---- placeholders

    Optional<UUID> placeholder(DSLContext db, UUID organisationId) {
        return db.select(RETENTION_PLACEHOLDERS.USER_ID).from(RETENTION_PLACEHOLDERS)
                .where(RETENTION_PLACEHOLDERS.ORGANISATION_ID.eq(organisationId)).fetchOptional(RETENTION_PLACEHOLDERS.USER_ID);
    }

    void insertPlaceholder(DSLContext tx, UUID organisationId, UUID userId) {
        tx.insertInto(RETENTION_PLACEHOLDERS).set(RETENTION_PLACEHOLDERS.ORGANISATION_ID, organisationId)
                .set(RETENTION_PLACEHOLDERS.USER_ID, userId).execute();
    }

    // ---- runs

    void insertRun(DSLContext tx, RetentionRun r) {
        tx.insertInto(RETENTION_RUNS).set(RETENTION_RUNS.ID, r.id()).set(RETENTION_RUNS.ORGANISATION_ID, r.organisationId())
                .set(RETENTION_RUNS.TRIGGER_KIND, r.trigger()).set(RETENTION_RUNS.ACTION, r.action()).set(RETENTION_RUNS.DAYS, r.days())
                .set(RETENTION_RUNS.CUTOFF, r.cutoff()).set(RETENTION_RUNS.MESSAGES, r.messages()).set(RETENTION_RUNS.FILES, r.files())
                .set(RETENTION_RUNS.HELD, r.held()).set(RETENTION_RUNS.STARTED_AT, r.startedAt())
                .set(RETENTION_RUNS.FINISHED_AT, r.finishedAt()).execute();
    }

    List<RetentionRun> runs(DSLContext db, UUID organisationId, int limit) {
        return db.selectFrom(RETENTION_RUNS).where(RETENTION_RUNS.ORGANISATION_ID.eq(organisationId))
                .orderBy(RETENTION_RUNS.STARTED_AT.desc(), RETENTION_RUNS.ID).limit(limit)
                .fetch(r -> new RetentionRun(r.getId(), r.getOrganisationId(), r.getTriggerKind(), r.getAction(), r.getDays(),
                        r.getCutoff(), r.getMessages(), r.getFiles(), r.getHeld(), r.getStartedAt(), r.getFinishedAt()));
    }

    // ---- who may see what

    /** Whether the conversation has a current member of the organisation (null: whether it exists at all). */
    boolean conversationConcerns(DSLContext db, UUID conversationId, UUID organisationId) {
        if (organisationId == null) {
            return db.fetchExists(DSL.selectOne().from(org.confer.db.schema.Tables.CONVERSATIONS)
                    .where(org.confer.db.schema.Tables.CONVERSATIONS.ID.eq(conversationId)));
        }
        return db.fetchExists(DSL.selectOne().from(CONVERSATION_MEMBERS).join(USERS).on(USERS.ID.eq(CONVERSATION_MEMBERS.USER_ID))
                .where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(conversationId)).and(USERS.ORGANISATION_ID.eq(organisationId)));
    }

    Optional<UUID> organisationOf(DSLContext db, UUID userId) {
        return db.select(USERS.ORGANISATION_ID).from(USERS).where(USERS.ID.eq(userId)).fetchOptional(USERS.ORGANISATION_ID);
    }
}

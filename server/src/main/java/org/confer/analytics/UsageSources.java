package org.confer.analytics;

import static org.confer.db.schema.Tables.CALLS;
import static org.confer.db.schema.Tables.CALL_PARTICIPANTS;
import static org.confer.db.schema.Tables.MESSAGES;
import static org.confer.db.schema.Tables.RESULT_ALERTS;
import static org.confer.db.schema.Tables.SESSIONS;
import static org.confer.db.schema.Tables.USAGE_COUNTED;
import static org.confer.db.schema.Tables.USERS;
import static org.confer.db.schema.Tables.VISITS;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The rollup's reads of other features' tables, by SQL only (this package imports no feature):
 * each returns the events of {@code [from, to)} that usage_counted does not hold yet. Every
 * range is on an indexed instant column (V23__usage.sql).
 */
final class UsageSources {
    static final String MESSAGE = "message";
    static final String SESSION = "session";
    static final String CALL = "call";
    static final String VISIT = "visit";
    static final String RESULT = "result";

    /** One person's event: a message posted or a sign-in. */
    record Act(UUID id, UUID userId, UUID organisationId, Instant at) {}

    /** A call that ended; {@code organisationId} is its starter's. */
    record EndedCall(UUID id, UUID organisationId, Instant endedAt) {}

    /** One stay of a person in a call. */
    record Stay(UUID callId, UUID userId, UUID organisationId, Instant joinedAt, Instant leftAt) {}

    /** An event counted by its own instant and the day it belongs to ({@code dayOf}: a visit's slot). */
    record Dated(UUID id, UUID organisationId, Instant at, Instant dayOf) {}

    private static Condition notCounted(String source, Field<UUID> id) {
        return DSL.notExists(DSL.selectOne().from(USAGE_COUNTED)
                .where(USAGE_COUNTED.SOURCE.eq(source)).and(USAGE_COUNTED.ID.eq(id)));
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    /** Messages written by people (not bots, not visit guests). */
    List<Act> messages(DSLContext tx, Instant from, Instant to) {
        return tx.select(MESSAGES.ID, MESSAGES.AUTHOR_ID, USERS.ORGANISATION_ID, MESSAGES.CREATED_AT)
                .from(MESSAGES).join(USERS).on(USERS.ID.eq(MESSAGES.AUTHOR_ID))
                .where(MESSAGES.CREATED_AT.ge(utc(from))).and(MESSAGES.CREATED_AT.lt(utc(to)))
                .and(USERS.KIND.eq("person")).and(notCounted(MESSAGE, MESSAGES.ID))
                .fetch(r -> new Act(r.value1(), r.value2(), r.value3(), r.value4().toInstant()));
    }

    /** Sign-ins: a session is made by a sign-in (password, or single sign-on). */
    List<Act> signIns(DSLContext tx, Instant from, Instant to) {
        return tx.select(SESSIONS.ID, SESSIONS.USER_ID, USERS.ORGANISATION_ID, SESSIONS.CREATED_AT)
                .from(SESSIONS).join(USERS).on(USERS.ID.eq(SESSIONS.USER_ID))
                .where(SESSIONS.CREATED_AT.ge(utc(from))).and(SESSIONS.CREATED_AT.lt(utc(to)))
                .and(USERS.KIND.eq("person")).and(notCounted(SESSION, SESSIONS.ID))
                .fetch(r -> new Act(r.value1(), r.value2(), r.value3(), r.value4().toInstant()));
    }

    List<EndedCall> endedCalls(DSLContext tx, Instant from, Instant to) {
        return tx.select(CALLS.ID, USERS.ORGANISATION_ID, CALLS.ENDED_AT)
                .from(CALLS).join(USERS).on(USERS.ID.eq(CALLS.STARTED_BY))
                .where(CALLS.ENDED_AT.ge(utc(from))).and(CALLS.ENDED_AT.lt(utc(to)))
                .and(notCounted(CALL, CALLS.ID))
                .fetch(r -> new EndedCall(r.value1(), r.value2(), r.value3().toInstant()));
    }

    /** Every stay in these calls; a stay still open (a lost leave) ends with its call. */
    List<Stay> stays(DSLContext tx, Collection<UUID> callIds) {
        List<Stay> out = new ArrayList<>();
        List<UUID> ids = List.copyOf(callIds);
        for (int i = 0; i < ids.size(); i += 1000) {
            tx.select(CALL_PARTICIPANTS.CALL_ID, CALL_PARTICIPANTS.USER_ID, CALL_PARTICIPANTS.ORGANISATION_ID,
                            CALL_PARTICIPANTS.JOINED_AT, DSL.coalesce(CALL_PARTICIPANTS.LEFT_AT, CALLS.ENDED_AT))
                    .from(CALL_PARTICIPANTS).join(CALLS).on(CALLS.ID.eq(CALL_PARTICIPANTS.CALL_ID))
                    .where(CALL_PARTICIPANTS.CALL_ID.in(ids.subList(i, Math.min(ids.size(), i + 1000))))
                    .forEach(r -> out.add(new Stay(r.value1(), r.value2(), r.value3(), r.value4().toInstant(), r.value5().toInstant())));
        }
        return out;
    }

    /** Visits marked attended; each belongs to the day of its slot. */
    List<Dated> attendedVisits(DSLContext tx, Instant from, Instant to) {
        return tx.select(VISITS.ID, VISITS.ORGANISATION_ID, VISITS.OUTCOME_AT, VISITS.SLOT_START)
                .from(VISITS)
                .where(VISITS.OUTCOME_AT.ge(utc(from))).and(VISITS.OUTCOME_AT.lt(utc(to)))
                .and(VISITS.STATUS.eq("attended")).and(notCounted(VISIT, VISITS.ID))
                .fetch(r -> new Dated(r.value1(), r.value2(), r.value3().toInstant(), r.value4().toInstant()));
    }

    /** Results whose first alert (level 0) reached a person's chat: one per result, at its first such alert. */
    List<Dated> deliveredResults(DSLContext tx, Instant from, Instant to) {
        Field<OffsetDateTime> first = DSL.min(RESULT_ALERTS.POSTED_AT);
        return tx.select(RESULT_ALERTS.RESULT_ID, RESULT_ALERTS.ORGANISATION_ID, first)
                .from(RESULT_ALERTS)
                .where(RESULT_ALERTS.POSTED_AT.ge(utc(from))).and(RESULT_ALERTS.POSTED_AT.lt(utc(to)))
                .and(RESULT_ALERTS.LEVEL.eq(0)).and(notCounted(RESULT, RESULT_ALERTS.RESULT_ID))
                .groupBy(RESULT_ALERTS.RESULT_ID, RESULT_ALERTS.ORGANISATION_ID)
                .fetch(r -> new Dated(r.value1(), r.value2(), r.value3().toInstant(), r.value3().toInstant()));
    }

    /** The earliest event at or after {@code from} in any source (an index seek each), to skip quiet stretches. */
    Optional<Instant> nextEvent(DSLContext tx, Instant from) {
        OffsetDateTime f = utc(from);
        return Stream.of(
                        tx.select(DSL.min(MESSAGES.CREATED_AT)).from(MESSAGES).where(MESSAGES.CREATED_AT.ge(f)).fetchOne(0, OffsetDateTime.class),
                        tx.select(DSL.min(SESSIONS.CREATED_AT)).from(SESSIONS).where(SESSIONS.CREATED_AT.ge(f)).fetchOne(0, OffsetDateTime.class),
                        tx.select(DSL.min(CALLS.ENDED_AT)).from(CALLS).where(CALLS.ENDED_AT.ge(f)).fetchOne(0, OffsetDateTime.class),
                        tx.select(DSL.min(VISITS.OUTCOME_AT)).from(VISITS).where(VISITS.OUTCOME_AT.ge(f)).fetchOne(0, OffsetDateTime.class),
                        tx.select(DSL.min(RESULT_ALERTS.POSTED_AT)).from(RESULT_ALERTS).where(RESULT_ALERTS.POSTED_AT.ge(f))
                                .fetchOne(0, OffsetDateTime.class))
                .filter(java.util.Objects::nonNull).map(OffsetDateTime::toInstant).min(Instant::compareTo);
    }
}

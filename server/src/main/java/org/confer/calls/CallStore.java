package org.confer.calls;

import static org.confer.db.schema.Tables.CALLS;
import static org.confer.db.schema.Tables.CALL_LOBBY;
import static org.confer.db.schema.Tables.CALL_PARTICIPANTS;
import static org.confer.db.schema.Tables.LIVE_CALLS;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/** The SQL of calls: the calls, the live call of each conversation, who joined, and the lobby. */
public final class CallStore {

    /** One peer's stay in a call, for the usage figures; {@code leftAt} is null while they are in it. */
    public record Stay(UUID callId, UUID userId, UUID organisationId, OffsetDateTime joinedAt, OffsetDateTime leftAt) {}

    /** A lobby row. */
    public record LobbyRow(UUID userId, String state, OffsetDateTime since) {}

    /** Inserts the call and makes it the conversation's live call; fails on the key when another is live. */
    public void insert(DSLContext tx, Call c) {
        tx.insertInto(CALLS, CALLS.ID, CALLS.CONVERSATION_ID, CALLS.MEETING_ID, CALLS.OCCURRENCE_START, CALLS.MEDIA,
                        CALLS.TOPOLOGY, CALLS.SFU_ROOM, CALLS.STARTED_BY, CALLS.STARTED_AT, CALLS.OWNER_NODE)
                .values(c.id(), c.conversationId(), c.meetingId(), c.occurrenceStart(), c.media(), c.topology(), c.sfuRoom(),
                        c.startedBy(), c.startedAt(), c.ownerNode())
                .execute();
        tx.insertInto(LIVE_CALLS, LIVE_CALLS.CONVERSATION_ID, LIVE_CALLS.CALL_ID).values(c.conversationId(), c.id()).execute();
    }

    public Optional<UUID> liveIn(DSLContext db, UUID conversationId) {
        return db.select(LIVE_CALLS.CALL_ID).from(LIVE_CALLS).where(LIVE_CALLS.CONVERSATION_ID.eq(conversationId))
                .fetchOptional(LIVE_CALLS.CALL_ID);
    }

    public Optional<Call> byId(DSLContext db, UUID callId) {
        return db.selectFrom(CALLS).where(CALLS.ID.eq(callId)).fetchOptional(CallStore::call);
    }

    /** The live calls of these conversations. */
    public List<Call> liveIn(DSLContext db, Collection<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return List.of();
        }
        return db.select(CALLS.fields()).from(CALLS).join(LIVE_CALLS).on(LIVE_CALLS.CALL_ID.eq(CALLS.ID))
                .where(LIVE_CALLS.CONVERSATION_ID.in(conversationIds))
                .orderBy(CALLS.STARTED_AT, CALLS.ID)
                .fetch(CallStore::call);
    }

    /** Every call still marked live (at start: calls left over from before a restart). */
    public List<Call> allLive(DSLContext db) {
        return db.select(CALLS.fields()).from(CALLS).join(LIVE_CALLS).on(LIVE_CALLS.CALL_ID.eq(CALLS.ID)).fetch(CallStore::call);
    }

    /**
     * Ends the call: its end time, no longer the live one, and every peer still in it has left.
     * False when it had already ended (another node ended it first): the caller then says nothing.
     */
    public boolean end(DSLContext tx, Call c, OffsetDateTime at) {
        int ended = tx.update(CALLS).set(CALLS.ENDED_AT, at).where(CALLS.ID.eq(c.id()).and(CALLS.ENDED_AT.isNull())).execute();
        if (ended == 0) {
            return false;
        }
        tx.deleteFrom(LIVE_CALLS).where(LIVE_CALLS.CALL_ID.eq(c.id())).execute();
        tx.update(CALL_PARTICIPANTS).set(CALL_PARTICIPANTS.LEFT_AT, at)
                .where(CALL_PARTICIPANTS.CALL_ID.eq(c.id()).and(CALL_PARTICIPANTS.LEFT_AT.isNull())).execute();
        return true;
    }

    /** The live call on this SFU room, if any (the media relay asks on whichever node the browser reached). */
    public Optional<Call> liveOnRoom(DSLContext db, long room) {
        return db.select(CALLS.fields()).from(CALLS).join(LIVE_CALLS).on(LIVE_CALLS.CALL_ID.eq(CALLS.ID))
                .where(CALLS.SFU_ROOM.eq(room)).fetchOptional(CallStore::call);
    }

    public void joined(DSLContext db, UUID peerId, UUID callId, UUID userId, UUID organisationId, OffsetDateTime at) {
        db.insertInto(CALL_PARTICIPANTS, CALL_PARTICIPANTS.PEER_ID, CALL_PARTICIPANTS.CALL_ID, CALL_PARTICIPANTS.USER_ID,
                CALL_PARTICIPANTS.ORGANISATION_ID, CALL_PARTICIPANTS.JOINED_AT).values(peerId, callId, userId, organisationId, at).execute();
    }

    public void left(DSLContext db, UUID peerId, OffsetDateTime at) {
        db.update(CALL_PARTICIPANTS).set(CALL_PARTICIPANTS.LEFT_AT, at)
                .where(CALL_PARTICIPANTS.PEER_ID.eq(peerId).and(CALL_PARTICIPANTS.LEFT_AT.isNull())).execute();
    }

    /** Everyone who joined the call, in the order they first joined. */
    public List<UUID> participants(DSLContext db, UUID callId) {
        return db.select(CALL_PARTICIPANTS.USER_ID, org.jooq.impl.DSL.min(CALL_PARTICIPANTS.JOINED_AT))
                .from(CALL_PARTICIPANTS).where(CALL_PARTICIPANTS.CALL_ID.eq(callId))
                .groupBy(CALL_PARTICIPANTS.USER_ID)
                .orderBy(org.jooq.impl.DSL.min(CALL_PARTICIPANTS.JOINED_AT), CALL_PARTICIPANTS.USER_ID)
                .fetch(CALL_PARTICIPANTS.USER_ID);
    }

    /** Records a lobby state for a person (waiting, admitted, denied, removed), replacing the one before. */
    public void lobby(DSLContext db, UUID callId, UUID userId, String state, OffsetDateTime since, UUID decidedBy) {
        db.insertInto(CALL_LOBBY, CALL_LOBBY.CALL_ID, CALL_LOBBY.USER_ID, CALL_LOBBY.STATE, CALL_LOBBY.SINCE, CALL_LOBBY.DECIDED_BY)
                .values(callId, userId, state, since, decidedBy)
                .onConflict(CALL_LOBBY.CALL_ID, CALL_LOBBY.USER_ID).doUpdate()
                .set(CALL_LOBBY.STATE, state).set(CALL_LOBBY.SINCE, since).set(CALL_LOBBY.DECIDED_BY, decidedBy)
                .execute();
    }

    public List<LobbyRow> lobby(DSLContext db, UUID callId) {
        return db.select(CALL_LOBBY.USER_ID, CALL_LOBBY.STATE, CALL_LOBBY.SINCE).from(CALL_LOBBY)
                .where(CALL_LOBBY.CALL_ID.eq(callId)).orderBy(CALL_LOBBY.SINCE, CALL_LOBBY.USER_ID)
                .fetch(r -> new LobbyRow(r.get(CALL_LOBBY.USER_ID), r.get(CALL_LOBBY.STATE), r.get(CALL_LOBBY.SINCE)));
    }

    /** Whether the person was denied or removed in any call of this meeting occurrence. */
    public boolean refusedInOccurrence(DSLContext db, UUID meetingId, OffsetDateTime occurrenceStart, UUID userId) {
        return db.fetchExists(db.selectOne().from(CALL_LOBBY).join(CALLS).on(CALLS.ID.eq(CALL_LOBBY.CALL_ID))
                .where(CALLS.MEETING_ID.eq(meetingId))
                .and(occurrenceStart == null ? CALLS.OCCURRENCE_START.isNull() : CALLS.OCCURRENCE_START.eq(occurrenceStart))
                .and(CALL_LOBBY.USER_ID.eq(userId))
                .and(CALL_LOBBY.STATE.in(LiveCall.DENIED, LiveCall.REMOVED)));
    }

    /** Stays that overlap [from, to), of one organisation's people or (null) everyone's. */
    public List<Stay> stays(DSLContext db, OffsetDateTime from, OffsetDateTime to, UUID organisationId) {
        var where = CALL_PARTICIPANTS.JOINED_AT.lt(to)
                .and(CALL_PARTICIPANTS.LEFT_AT.isNull().or(CALL_PARTICIPANTS.LEFT_AT.gt(from)));
        if (organisationId != null) {
            where = where.and(CALL_PARTICIPANTS.ORGANISATION_ID.eq(organisationId));
        }
        return db.select(CALL_PARTICIPANTS.CALL_ID, CALL_PARTICIPANTS.USER_ID, CALL_PARTICIPANTS.ORGANISATION_ID,
                        CALL_PARTICIPANTS.JOINED_AT, CALL_PARTICIPANTS.LEFT_AT)
                .from(CALL_PARTICIPANTS).where(where)
                .fetch(r -> new Stay(r.get(CALL_PARTICIPANTS.CALL_ID), r.get(CALL_PARTICIPANTS.USER_ID),
                        r.get(CALL_PARTICIPANTS.ORGANISATION_ID), r.get(CALL_PARTICIPANTS.JOINED_AT), r.get(CALL_PARTICIPANTS.LEFT_AT)));
    }

    private static Call call(Record r) {
        return new Call(r.get(CALLS.ID), r.get(CALLS.CONVERSATION_ID), r.get(CALLS.MEETING_ID), r.get(CALLS.OCCURRENCE_START),
                r.get(CALLS.MEDIA), r.get(CALLS.TOPOLOGY), r.get(CALLS.SFU_ROOM), r.get(CALLS.STARTED_BY), r.get(CALLS.STARTED_AT),
                r.get(CALLS.ENDED_AT), r.get(CALLS.OWNER_NODE));
    }
}

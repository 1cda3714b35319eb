package org.confer.calls;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.BiFunction;
import org.confer.calls.CallViews.JoinGrant;
import org.confer.calls.CallViews.JoinResult;
import org.confer.calls.CallViews.Waiting;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Principal;

/**
 * The lobby of meeting calls (docs/calls-and-meetings.md, "Model"): who goes straight in (the
 * organiser, presenters, and whoever the meeting's {@link LobbyPolicy} lets bypass), who waits, and
 * the hosts' decisions. A denial or removal holds for the whole meeting occurrence, also in a
 * later call of it. Every method expects the call's monitor held.
 */
final class CallLobby {
    private final Database db;
    private final CallStore store;
    private final CallLifecycle lifecycle;
    private final BiFunction<Principal, LiveCall, JoinGrant> grant;

    CallLobby(Database db, CallStore store, CallLifecycle lifecycle, BiFunction<Principal, LiveCall, JoinGrant> grant) {
        this.db = db;
        this.store = store;
        this.lifecycle = lifecycle;
        this.grant = grant;
    }

    /** A grant for who may go in; otherwise a place in the lobby (the hosts are told). */
    JoinResult enter(Principal who, LiveCall l, MeetingAccess meeting) {
        UUID me = who.userId();
        if (l.refused.contains(me)
                || (l.call.isMeeting() && store.refusedInOccurrence(db.dsl(), l.call.meetingId(), l.call.occurrenceStart(), me))) {
            throw new ApiException(ProblemType.LOBBY_DENIED, "A host of this meeting turned you away; you cannot rejoin it");
        }
        if (l.hasPeersOf(me) || l.admitted.contains(me) || bypasses(who, meeting)) {
            if (l.waiting.remove(me) != null) {
                lifecycle.notices().lobby(l);
            }
            return grant.apply(who, l);
        }
        if (!l.waiting.containsKey(me)) {
            java.time.Instant now = lifecycle.now();
            l.waiting.put(me, now);
            lifecycle.seen(me);
            store.lobby(db.dsl(), l.call.id(), me, LiveCall.WAITING, at(now), null);
            lifecycle.notices().lobby(l);
        }
        return new Waiting(l.call.id());
    }

    /** The organiser and presenters always; then the meeting's policy. */
    private static boolean bypasses(Principal who, MeetingAccess meeting) {
        if (meeting == null) {
            return false; // nothing known of the meeting (a restart): everyone waits for a host
        }
        UUID me = who.userId();
        if (meeting.organiserId().equals(me) || meeting.presenters().contains(me)) {
            return true;
        }
        return switch (meeting.lobby()) {
            case EVERYONE -> true;
            case ORGANISATION -> who.organisationId().equals(meeting.organiserOrganisationId());
            case INVITEES -> meeting.namedInvitees().contains(me);
        };
    }

    /** A host admits or denies someone waiting. */
    void decide(Principal host, LiveCall l, UUID userId, boolean admit) {
        requireHost(host, l);
        if (l.waiting.remove(userId) == null) {
            throw ApiException.notFound("Waiting person");
        }
        String state = admit ? LiveCall.ADMITTED : LiveCall.DENIED;
        (admit ? l.admitted : l.refused).add(userId);
        store.lobby(db.dsl(), l.call.id(), userId, state, at(lifecycle.now()), host.userId());
        lifecycle.notices().admission(l.call.id(), userId, state);
        lifecycle.notices().lobby(l);
    }

    /** A host removes someone from the call (or the lobby); they cannot come back to this occurrence. */
    void remove(Principal host, LiveCall l, UUID userId) {
        requireHost(host, l);
        if (!l.hasPeersOf(userId) && !l.waiting.containsKey(userId)) {
            throw ApiException.notFound("Participant");
        }
        l.refused.add(userId);
        l.admitted.remove(userId);
        store.lobby(db.dsl(), l.call.id(), userId, LiveCall.REMOVED, at(lifecycle.now()), host.userId());
        lifecycle.dropPerson(l, userId);
        lifecycle.notices().admission(l.call.id(), userId, LiveCall.REMOVED);
    }

    private static void requireHost(Principal who, LiveCall l) {
        if (!l.isHost(who.userId())) {
            throw new ApiException(ProblemType.NOT_A_HOST, "Only the meeting's organiser and presenters can do this");
        }
    }

    private static OffsetDateTime at(java.time.Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}

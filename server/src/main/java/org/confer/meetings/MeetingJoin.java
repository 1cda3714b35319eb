package org.confer.meetings;

import java.time.Instant;
import java.util.UUID;
import org.confer.calls.CallService;
import org.confer.calls.CallViews.JoinResult;
import org.confer.identity.Principal;

/**
 * Joining one occurrence of a meeting: meetings decide who may join and when (MeetingQueries:
 * 404 for people without access, 410 once cancelled, 409 outside the join window); calls starts
 * or joins the occurrence's call and applies the lobby (a grant, or waiting).
 */
public final class MeetingJoin {
    private final MeetingQueries queries;
    private final CallService calls;

    public MeetingJoin(MeetingQueries queries, CallService calls) {
        this.queries = queries;
        this.calls = calls;
    }

    public JoinResult join(Principal who, UUID meetingId, Instant occurrence) {
        return calls.joinMeeting(who, queries.joinable(who, meetingId, occurrence));
    }
}

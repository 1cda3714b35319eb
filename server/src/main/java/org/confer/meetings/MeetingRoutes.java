package org.confer.meetings;

import static org.confer.http.Route.delete;
import static org.confer.http.Route.get;
import static org.confer.http.Route.patch;
import static org.confer.http.Route.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.confer.calls.CallViews.JoinResult;
import org.confer.calls.CallViews.Waiting;
import org.confer.http.Access;
import org.confer.http.ApiException;
import org.confer.http.Requests;
import org.confer.http.Route;
import org.confer.identity.SignedIn;
import org.confer.meetings.MeetingService.MeetingChanges;
import org.confer.meetings.MeetingService.NewMeeting;

/** HTTP routes of scheduled meetings (docs/calls-and-meetings.md). Thin: parse, call one service method, map. */
public final class MeetingRoutes {

    record Items<T>(List<T> items) {}

    record RsvpRequest(String response) {}

    record JoinRequest(OffsetDateTime occurrence) {}

    private static final String MEETING = "/api/v1/meetings/{meetingId}";

    private final MeetingService meetings;
    private final MeetingQueries queries;
    private final MeetingJoin joining;
    private final ObjectMapper mapper;

    public MeetingRoutes(MeetingService meetings, MeetingQueries queries, MeetingJoin joining, ObjectMapper mapper) {
        this.meetings = meetings;
        this.queries = queries;
        this.joining = joining;
        this.mapper = mapper;
    }

    public List<Route> routes() {
        return List.of(
                post("/api/v1/meetings", Access.SIGNED_IN, "Schedule a meeting: invitations as user events and mail with .ics", this::create),
                get("/api/v1/meetings", Access.SIGNED_IN, "Occurrences of my meetings in a range of at most 62 days (the calendar)", this::list),
                get(MEETING, Access.SIGNED_IN, "A meeting's details and its invitees' answers", this::one),
                patch(MEETING, Access.SIGNED_IN, "Change a meeting (organiser): SEQUENCE+1, updates mailed", this::update),
                delete(MEETING, Access.SIGNED_IN, "Cancel a meeting (organiser): cancellations mailed", this::cancel),
                post(MEETING + "/rsvp", Access.SIGNED_IN, "Answer an invitation: accepted, declined or tentative", this::rsvp),
                get(MEETING + "/invitation.ics", Access.SIGNED_IN, "The meeting's iCalendar object (text/calendar)", this::ics),
                post(MEETING + "/join", Access.SIGNED_IN, "Join an occurrence (from 10 min before its start to its end): a grant, or 202 waiting in the lobby", this::join));
    }

    private static UUID meetingId(Context ctx) {
        return Requests.uuidPath(ctx, "meetingId", "Meeting");
    }

    private void create(Context ctx) {
        NewMeeting req = Requests.body(ctx, mapper, NewMeeting.class);
        ctx.status(201).json(meetings.create(SignedIn.principal(ctx), req));
    }

    private void list(Context ctx) {
        Instant from = instant(ctx, "from");
        Instant to = instant(ctx, "to");
        ctx.json(new Items<>(queries.between(SignedIn.principal(ctx), from, to)));
    }

    private void one(Context ctx) {
        ctx.json(queries.meeting(SignedIn.principal(ctx), meetingId(ctx)));
    }

    private void update(Context ctx) {
        UUID id = meetingId(ctx);
        MeetingChanges req = Requests.body(ctx, mapper, MeetingChanges.class);
        ctx.json(meetings.update(SignedIn.principal(ctx), id, req));
    }

    private void cancel(Context ctx) {
        meetings.cancel(SignedIn.principal(ctx), meetingId(ctx));
        ctx.status(204);
    }

    private void rsvp(Context ctx) {
        UUID id = meetingId(ctx);
        RsvpRequest req = Requests.body(ctx, mapper, RsvpRequest.class);
        ctx.json(meetings.answer(SignedIn.principal(ctx), id, req.response()));
    }

    private void ics(Context ctx) {
        UUID id = meetingId(ctx);
        String ics = queries.ics(SignedIn.principal(ctx), id);
        ctx.header("Content-Disposition", "attachment; filename=\"meeting-" + id + ".ics\"");
        ctx.contentType("text/calendar; charset=utf-8").result(ics);
    }

    private void join(Context ctx) {
        UUID id = meetingId(ctx);
        JoinRequest req = Requests.body(ctx, mapper, JoinRequest.class);
        JoinResult r = joining.join(SignedIn.principal(ctx), id, req.occurrence() == null ? null : req.occurrence().toInstant());
        ctx.status(r instanceof Waiting ? 202 : 200).json(r);
    }

    /** An instant such as 2026-12-07T00:00:00Z (an offset such as +01:00 is accepted too). */
    static Instant instant(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw ApiException.invalid(name, "'" + name + "' is required: an instant such as 2026-12-07T00:00:00Z");
        }
        try {
            return OffsetDateTime.parse(v.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "'" + name + "' must be an instant such as 2026-12-07T00:00:00Z");
        }
    }
}

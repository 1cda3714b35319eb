package org.confer.visits;

import static org.confer.http.Route.get;
import static org.confer.http.Route.patch;
import static org.confer.http.Route.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;
import org.confer.http.Access;
import org.confer.http.Requests;
import org.confer.http.Route;
import org.confer.identity.SignedIn;
import org.confer.visits.VisitCalendars.CalendarBody;
import org.confer.visits.VisitViews.Items;

/** The signed-in routes of virtual visits (docs/virtual-visits.md, "HTTP API"). Thin: parse, call one service, map. */
public final class VisitRoutes {
    private final VisitCalendars calendars;
    private final WardVisits ward;
    private final VisitUsage usage;
    private final ObjectMapper mapper;

    public VisitRoutes(VisitCalendars calendars, WardVisits ward, VisitUsage usage, ObjectMapper mapper) {
        this.calendars = calendars;
        this.ward = ward;
        this.usage = usage;
        this.mapper = mapper;
    }

    public List<Route> routes() {
        return List.of(
                get("/api/v1/visit-calendars", Access.SIGNED_IN, "The booking calendars I may see (my teams', those I host or manage)", this::list),
                post("/api/v1/visit-calendars", Access.SIGNED_IN, "Create a booking calendar of a team (team owners, organisation admins)", this::create),
                get("/api/v1/visit-calendars/{calendarId}", Access.SIGNED_IN, "One booking calendar (its team)", this::one),
                patch("/api/v1/visit-calendars/{calendarId}", Access.SIGNED_IN, "Change a booking calendar (its managers)", this::change),
                get("/api/v1/visit-calendars/{calendarId}/visits", Access.SIGNED_IN, "The visits of a calendar, by start (its team)", this::visits),
                post("/api/v1/visits/{visitId}/outcome", Access.SIGNED_IN, "Mark a visit attended or no-show (its team)", this::outcome),
                post("/api/v1/visits/{visitId}/cancel", Access.SIGNED_IN, "Cancel a visit (its team)", this::cancel),
                post("/api/v1/visits/{visitId}/email", Access.SIGNED_IN, "Email the visitor (its team)", this::email),
                get("/api/v1/admin/usage/visits", Access.USER_ADMIN, "Virtual visits per calendar per local day", this::usage));
    }

    static UUID calendarId(Context ctx) {
        return Requests.uuidPath(ctx, "calendarId", "Calendar");
    }

    private static UUID visitId(Context ctx) {
        return Requests.uuidPath(ctx, "visitId", "Visit");
    }

    private void visits(Context ctx) {
        ctx.json(new Items<>(ward.visits(SignedIn.principal(ctx), calendarId(ctx), ctx.queryParam("from"),
                Requests.intQuery(ctx, "days", 1))));
    }

    private void outcome(Context ctx) {
        ctx.json(ward.outcome(SignedIn.principal(ctx), visitId(ctx), Requests.body(ctx, mapper, WardVisits.Outcome.class)));
    }

    private void cancel(Context ctx) {
        ctx.json(ward.cancel(SignedIn.principal(ctx), visitId(ctx), Requests.body(ctx, mapper, WardVisits.Cancellation.class)));
    }

    private void email(Context ctx) {
        ward.email(SignedIn.principal(ctx), visitId(ctx), Requests.body(ctx, mapper, WardVisits.Message.class));
        ctx.status(204);
    }

    private void usage(Context ctx) {
        ctx.json(usage.usage(SignedIn.principal(ctx), ctx.queryParam("from"), ctx.queryParam("to")));
    }

    private void list(Context ctx) {
        ctx.json(new Items<>(calendars.list(SignedIn.principal(ctx))));
    }

    private void create(Context ctx) {
        CalendarBody body = Requests.body(ctx, mapper, CalendarBody.class);
        ctx.status(201).json(calendars.create(SignedIn.principal(ctx), body));
    }

    private void one(Context ctx) {
        ctx.json(calendars.read(SignedIn.principal(ctx), calendarId(ctx)));
    }

    private void change(Context ctx) {
        CalendarBody body = Requests.body(ctx, mapper, CalendarBody.class);
        ctx.json(calendars.change(SignedIn.principal(ctx), calendarId(ctx), body));
    }
}

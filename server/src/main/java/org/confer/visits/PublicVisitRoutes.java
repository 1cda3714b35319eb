package org.confer.visits;

import static org.confer.http.Route.get;
import static org.confer.http.Route.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.List;
import org.confer.http.Access;
import org.confer.http.Requests;
import org.confer.http.Route;
import org.confer.visits.VisitViews.Items;

/**
 * The public routes of virtual visits: no sign-in, and nothing rides on a cookie, so they are
 * outside the CSRF check (docs/security.md). Tokens travel in bodies, never in paths or queries,
 * so they stay out of access logs. Thin: parse, call one service, map.
 */
public final class PublicVisitRoutes {
    /** POST /api/v1/public/visits/manage, /cancel, /join-info. */
    public record TokenBody(String token) {}

    /** POST /api/v1/public/visits/reschedule. */
    public record RescheduleBody(String token, String slotStart) {}

    private final Bookings bookings;
    private final ManageLinks links;
    private final ObjectMapper mapper;

    public PublicVisitRoutes(Bookings bookings, ManageLinks links, ObjectMapper mapper) {
        this.bookings = bookings;
        this.links = links;
        this.mapper = mapper;
    }

    public List<Route> routes() {
        return List.of(
                get("/api/v1/public/visit-calendars/{slug}", Access.PUBLIC, "A published booking calendar's public face", this::face),
                get("/api/v1/public/visit-calendars/{slug}/slots", Access.PUBLIC, "Bookable slots of a published calendar", this::slots),
                get("/api/v1/public/visit-challenge", Access.PUBLIC, "A proof-of-work challenge for one booking", this::challenge),
                post("/api/v1/public/visit-calendars/{slug}/bookings", Access.PUBLIC, "Book a visit", this::book),
                post("/api/v1/public/visits/manage", Access.PUBLIC, "The visit behind a manage link", this::manage),
                post("/api/v1/public/visits/cancel", Access.PUBLIC, "Cancel a visit through its manage link", this::cancel),
                post("/api/v1/public/visits/reschedule", Access.PUBLIC, "Move a visit to another slot of its calendar", this::reschedule),
                post("/api/v1/public/visits/join-info", Access.PUBLIC, "The visit behind a join link, and whether it is open", this::joinInfo));
    }

    private void face(Context ctx) {
        ctx.json(bookings.face(ctx.pathParam("slug")));
    }

    private void slots(Context ctx) {
        ctx.json(new Items<>(bookings.slots(ctx.pathParam("slug"), ctx.queryParam("from"), Requests.intQuery(ctx, "days", 7),
                Requests.clientAddress(ctx))));
    }

    private void challenge(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(bookings.challenge());
    }

    private void book(Context ctx) {
        BookingRequest body = Requests.body(ctx, mapper, BookingRequest.class);
        ctx.status(201).json(bookings.book(ctx.pathParam("slug"), body, Requests.clientAddress(ctx)));
    }

    private void manage(Context ctx) {
        ctx.json(links.manage(Requests.body(ctx, mapper, TokenBody.class).token(), Requests.clientAddress(ctx)));
    }

    private void cancel(Context ctx) {
        links.cancel(Requests.body(ctx, mapper, TokenBody.class).token(), Requests.clientAddress(ctx));
        ctx.status(204);
    }

    private void reschedule(Context ctx) {
        RescheduleBody body = Requests.body(ctx, mapper, RescheduleBody.class);
        ctx.json(links.reschedule(body.token(), body.slotStart(), Requests.clientAddress(ctx)));
    }

    private void joinInfo(Context ctx) {
        ctx.json(links.joinInfo(Requests.body(ctx, mapper, TokenBody.class).token(), Requests.clientAddress(ctx)));
    }
}

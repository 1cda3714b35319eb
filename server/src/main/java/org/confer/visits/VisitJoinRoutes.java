package org.confer.visits;

import static org.confer.http.Route.get;
import static org.confer.http.Route.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.confer.calls.CallViews.JoinResult;
import org.confer.calls.CallViews.Waiting;
import org.confer.http.Access;
import org.confer.http.ApiException;
import org.confer.http.Requests;
import org.confer.http.Route;
import org.confer.identity.Authenticator;
import org.confer.identity.SignedIn;

/**
 * Joining a visit (docs/virtual-visits.md, "Joining"): the exchange of a join link for a guest
 * session, the guest routes (only a guest credential is read there), and the ward's join, admit,
 * turn away and interpreter routes. Thin: parse, call one service, map.
 */
public final class VisitJoinRoutes {
    /** POST /api/v1/public/visits/guest-session. */
    public record GuestSessionBody(String token, String name) {}

    /** The exchange's answer: the token also travels in the cookie; the CSRF value goes with cookie-authenticated changes. */
    public record GuestSessionView(String token, UUID guestId, String csrf, OffsetDateTime expiresAt, VisitCalls.GuestVisit visit) {}

    /** POST /api/v1/guest/leave. */
    public record LeaveBody(UUID peerId) {}

    /** POST /api/v1/visits/{id}/admit and /deny. */
    public record GuestBody(UUID guestId) {}

    private final GuestSessions sessions;
    private final VisitCalls calls;
    private final Interpreters interpreters;
    private final Authenticator authenticator;
    private final ObjectMapper mapper;

    VisitJoinRoutes(GuestSessions sessions, VisitCalls calls, Interpreters interpreters, Authenticator authenticator, ObjectMapper mapper) {
        this.sessions = sessions;
        this.calls = calls;
        this.interpreters = interpreters;
        this.authenticator = authenticator;
        this.mapper = mapper;
    }

    public List<Route> routes() {
        return List.of(
                post("/api/v1/public/visits/guest-session", Access.PUBLIC, "Exchange a visit's join link for a guest session", this::exchange),
                get("/api/v1/guest/visit", Access.GUEST, "The guest's visit and whether it is open", this::visit),
                post("/api/v1/guest/join", Access.GUEST, "Join the visit's call: the lobby first, then a grant", this::guestJoin),
                post("/api/v1/guest/leave", Access.GUEST, "Leave the visit's call", this::guestLeave),
                post("/api/v1/visits/{visitId}/join", Access.SIGNED_IN, "Join a visit's call as a host (its team)", this::hostJoin),
                post("/api/v1/visits/{visitId}/admit", Access.SIGNED_IN, "Admit a guest waiting for the visit (its team)", this::admit),
                post("/api/v1/visits/{visitId}/deny", Access.SIGNED_IN, "Turn away a guest waiting for the visit (its team)", this::deny),
                post("/api/v1/visits/{visitId}/interpreter", Access.SIGNED_IN, "Email an interpreter their own join link (its team)",
                        this::interpreter));
    }

    private void exchange(Context ctx) {
        GuestSessionBody body = Requests.body(ctx, mapper, GuestSessionBody.class);
        GuestSessions.Exchanged e = sessions.exchange(body.token(), body.name(), Requests.clientAddress(ctx));
        authenticator.setGuestCookie(ctx, e.token(), e.lifetime());
        ctx.header("Cache-Control", "no-store");
        ctx.json(new GuestSessionView(e.token(), e.guestId(), e.csrf(), e.expiresAt(),
                calls.guestVisit(sessions.resolve(e.token(), false).orElseThrow())));
    }

    private void visit(Context ctx) {
        ctx.json(calls.guestVisit(SignedIn.principal(ctx)));
    }

    private void guestJoin(Context ctx) {
        answer(ctx, calls.guestJoin(SignedIn.principal(ctx)));
    }

    private void guestLeave(Context ctx) {
        LeaveBody body = Requests.body(ctx, mapper, LeaveBody.class);
        calls.guestLeave(SignedIn.principal(ctx), body.peerId());
        ctx.status(204);
    }

    private void hostJoin(Context ctx) {
        answer(ctx, calls.hostJoin(SignedIn.principal(ctx), visitId(ctx)));
    }

    private void admit(Context ctx) {
        calls.decide(SignedIn.principal(ctx), visitId(ctx), guestId(ctx), true);
        ctx.status(204);
    }

    private void deny(Context ctx) {
        calls.decide(SignedIn.principal(ctx), visitId(ctx), guestId(ctx), false);
        ctx.status(204);
    }

    private void interpreter(Context ctx) {
        interpreters.add(SignedIn.principal(ctx), visitId(ctx), Requests.body(ctx, mapper, Interpreters.NewInterpreter.class));
        ctx.status(201).json(java.util.Map.of("guestLink", "sent"));
    }

    private UUID guestId(Context ctx) {
        UUID id = Requests.body(ctx, mapper, GuestBody.class).guestId();
        if (id == null) {
            throw ApiException.invalid("guestId", "'guestId' is required: the guest waiting");
        }
        return id;
    }

    private static UUID visitId(Context ctx) {
        return Requests.uuidPath(ctx, "visitId", "Visit");
    }

    /** A grant is 200; a place in the lobby 202, as for meetings. */
    private static void answer(Context ctx, JoinResult r) {
        ctx.status(r instanceof Waiting ? 202 : 200).json(r);
    }
}

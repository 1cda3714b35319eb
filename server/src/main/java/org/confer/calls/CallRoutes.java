package org.confer.calls;

import static org.confer.http.Route.get;
import static org.confer.http.Route.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;
import org.confer.calls.CallViews.JoinResult;
import org.confer.calls.CallViews.Started;
import org.confer.calls.CallViews.Waiting;
import org.confer.http.Access;
import org.confer.http.Requests;
import org.confer.http.Route;
import org.confer.identity.SignedIn;

/** HTTP routes of calls (docs/calls-and-meetings.md, "HTTP API"). Thin: parse, call CallService, map. */
public final class CallRoutes {

    record StartRequest(String media) {}

    record LeaveRequest(UUID peerId) {}

    record Items<T>(List<T> items) {}

    private final CallService calls;
    private final CallUsage usage;
    private final ObjectMapper mapper;

    public CallRoutes(CallService calls, CallUsage usage, ObjectMapper mapper) {
        this.calls = calls;
        this.usage = usage;
        this.mapper = mapper;
    }

    public List<Route> routes() {
        return List.of(
                post("/api/v1/conversations/{conversationId}/calls", Access.SIGNED_IN, "Start a call, or get the live one", this::start),
                get("/api/v1/calls", Access.SIGNED_IN, "Live calls in the caller's conversations", this::list),
                get("/api/v1/calls/{callId}", Access.SIGNED_IN, "One call and its roster", this::call),
                post("/api/v1/calls/{callId}/join", Access.SIGNED_IN, "Join a call: a join grant", this::join),
                post("/api/v1/calls/{callId}/leave", Access.SIGNED_IN, "Leave a call with one peer", this::leave),
                post("/api/v1/calls/{callId}/decline", Access.SIGNED_IN, "Stop ringing on all the caller's devices", this::decline),
                post("/api/v1/calls/{callId}/lobby/{userId}/admit", Access.SIGNED_IN, "Admit someone waiting in the lobby", this::admit),
                post("/api/v1/calls/{callId}/lobby/{userId}/deny", Access.SIGNED_IN, "Turn away someone waiting in the lobby", this::deny),
                post("/api/v1/calls/{callId}/participants/{userId}/remove", Access.SIGNED_IN,
                        "Remove someone from a meeting call", this::remove),
                get("/api/v1/admin/usage/meetings", Access.USER_ADMIN,
                        "Calls, participants and participant-minutes per day per organisation", this::usage));
    }

    private void start(Context ctx) {
        StartRequest req = Requests.body(ctx, mapper, StartRequest.class);
        Started s = calls.start(SignedIn.principal(ctx), Requests.uuidPath(ctx, "conversationId", "Conversation"), req.media());
        ctx.status(s.created() ? 201 : 200).json(s.call());
    }

    private void list(Context ctx) {
        ctx.json(new Items<>(calls.liveCalls(SignedIn.principal(ctx))));
    }

    private void call(Context ctx) {
        ctx.json(calls.call(SignedIn.principal(ctx), callId(ctx)));
    }

    private void join(Context ctx) {
        JoinResult r = calls.join(SignedIn.principal(ctx), callId(ctx));
        ctx.status(r instanceof Waiting ? 202 : 200).json(r);
    }

    private void leave(Context ctx) {
        LeaveRequest req = Requests.body(ctx, mapper, LeaveRequest.class);
        calls.leave(SignedIn.principal(ctx), callId(ctx), req.peerId());
        ctx.status(204);
    }

    private void decline(Context ctx) {
        calls.decline(SignedIn.principal(ctx), callId(ctx));
        ctx.status(204);
    }

    private void admit(Context ctx) {
        calls.admit(SignedIn.principal(ctx), callId(ctx), userId(ctx));
        ctx.status(204);
    }

    private void deny(Context ctx) {
        calls.deny(SignedIn.principal(ctx), callId(ctx), userId(ctx));
        ctx.status(204);
    }

    private void remove(Context ctx) {
        calls.remove(SignedIn.principal(ctx), callId(ctx), userId(ctx));
        ctx.status(204);
    }

    private void usage(Context ctx) {
        ctx.json(usage.meetings(SignedIn.principal(ctx), ctx.queryParam("from"), ctx.queryParam("to")));
    }

    private static UUID callId(Context ctx) {
        return Requests.uuidPath(ctx, "callId", "Call");
    }

    private static UUID userId(Context ctx) {
        return Requests.uuidPath(ctx, "userId", "Person");
    }
}

package org.confer.activity;

import static org.confer.http.Route.get;
import static org.confer.http.Route.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.confer.http.Access;
import org.confer.http.Requests;
import org.confer.identity.SignedIn;
import org.confer.http.Route;

/** HTTP routes of the activity feed. Thin: parse, call ActivityService, map. */
public final class ActivityRoutes {

    record Seen(OffsetDateTime at) {}

    private final ActivityService activity;
    private final ObjectMapper mapper;

    /** The feature as App wires it: its store and service behind these routes. */
    public static ActivityRoutes build(org.confer.db.Database db, ObjectMapper mapper, java.time.Clock clock) {
        return new ActivityRoutes(new ActivityService(db, new ActivityStore(), mapper, clock), mapper);
    }

    public ActivityRoutes(ActivityService activity, ObjectMapper mapper) {
        this.activity = activity;
        this.mapper = mapper;
    }

    public List<Route> routes() {
        return List.of(
                get("/api/v1/activity", Access.SIGNED_IN, "The caller's activity feed, newest first: direct and group messages, replies in their threads, mentions, urgent messages, reactions to their messages, being added", this::feed)
                        .withBotScope(org.confer.identity.BotGrant.MENTIONS_READ),
                post("/api/v1/activity/seen", Access.SIGNED_IN, "The caller has seen the feed up to a time (items at or before it count as read)", this::seen));
    }

    private void feed(Context ctx) {
        ctx.json(activity.feed(SignedIn.principal(ctx), ctx.queryParam("before"), Requests.intQuery(ctx, "limit", 30)));
    }

    private void seen(Context ctx) {
        Seen req = Requests.body(ctx, mapper, Seen.class);
        ctx.json(Map.of("seenAt", activity.markSeen(SignedIn.principal(ctx), req.at())));
    }
}

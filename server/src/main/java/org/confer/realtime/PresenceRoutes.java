package org.confer.realtime;

import static org.confer.http.Route.get;
import static org.confer.http.Route.put;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.confer.http.Access;
import org.confer.http.ApiException;
import org.confer.http.Requests;
import org.confer.identity.SignedIn;
import org.confer.http.Route;

/** HTTP routes for presence. Thin: parse, call PresenceService, map. */
public final class PresenceRoutes {

    record Choice(String status, String note, OffsetDateTime until) {}

    /** note, lastActiveAt and until are always present (null when unset), as in the stream's presence frame. */
    record PresenceView(UUID userId, String status, @JsonInclude(JsonInclude.Include.ALWAYS) String note,
                        @JsonInclude(JsonInclude.Include.ALWAYS) Instant lastActiveAt,
                        @JsonInclude(JsonInclude.Include.ALWAYS) Instant until, boolean inCall) {
        static PresenceView of(Presence p) {
            return new PresenceView(p.userId(), p.status().code(), p.note(), p.lastActiveAt(), p.until(), p.inCall());
        }
    }

    record Items(List<PresenceView> items) {}

    private final PresenceService presence;
    private final ObjectMapper mapper;

    public PresenceRoutes(PresenceService presence, ObjectMapper mapper) {
        this.presence = presence;
        this.mapper = mapper;
    }

    public List<Route> routes() {
        return List.of(
                put("/api/v1/me/presence", Access.SIGNED_IN, "Choose the caller's status and status note", this::choose),
                get("/api/v1/presence", Access.SIGNED_IN, "Presence of people who share a team or conversation with the caller", this::lookup));
    }

    private void choose(Context ctx) {
        Choice req = Requests.body(ctx, mapper, Choice.class);
        ctx.json(PresenceView.of(presence.choose(SignedIn.principal(ctx).userId(), req.status(), req.note(),
                req.until() == null ? null : req.until().toInstant())));
    }

    private void lookup(Context ctx) {
        List<UUID> ids = userIds(ctx);
        ctx.json(new Items(presence.lookup(SignedIn.principal(ctx).userId(), ids).stream().map(PresenceView::of).toList()));
    }

    /** userIds=a,b,c (the parameter may also be repeated). */
    private static List<UUID> userIds(Context ctx) {
        List<UUID> ids = new ArrayList<>();
        for (String param : ctx.queryParams("userIds")) {
            for (String part : param.split(",", -1)) {
                String id = part.strip();
                if (id.isEmpty()) {
                    continue;
                }
                if (id.length() != 36) {
                    throw ApiException.invalid("userIds", "'userIds' must be user ids (UUIDs) separated by commas");
                }
                try {
                    ids.add(UUID.fromString(id));
                } catch (IllegalArgumentException e) {
                    throw ApiException.invalid("userIds", "'userIds' must be user ids (UUIDs) separated by commas");
                }
            }
        }
        if (ids.isEmpty()) {
            throw ApiException.invalid("userIds", "'userIds' is required: the ids of the people to look up, separated by commas");
        }
        return ids;
    }
}

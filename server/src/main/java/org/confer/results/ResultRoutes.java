package org.confer.results;

import static org.confer.http.Route.delete;
import static org.confer.http.Route.get;
import static org.confer.http.Route.post;
import static org.confer.http.Route.put;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;
import org.confer.http.Access;
import org.confer.http.Requests;
import org.confer.http.Route;
import org.confer.identity.SignedIn;

/** HTTP routes of results (docs/bots-and-results.md, "API"). Thin: parse, call the service, map. */
public final class ResultRoutes {
    record WatchRequest(String nhsNumber, String test) {}

    record NameRequest(String name) {}

    record UserRequest(UUID userId) {}

    record FeedRequest(String sendingFacility, String name) {}

    record IdentifiersRequest(List<ResultViews.Identifier> items) {}

    private static final String RESULT = "/api/v1/results/{resultId}";

    private final ResultService results;
    private final ResultAdmin admin;
    private final ObjectMapper mapper;

    public ResultRoutes(ResultService results, ResultAdmin admin, ObjectMapper mapper) {
        this.results = results;
        this.admin = admin;
        this.mapper = mapper;
    }

    public List<Route> routes() {
        return List.of(
                // The fixed paths first: /results/watches is not a result id.
                get("/api/v1/results/watches", Access.SIGNED_IN, "My watches of patients (and tests)", this::watches),
                post("/api/v1/results/watches", Access.SIGNED_IN, "Watch a patient's results, or one test of theirs", this::watch),
                delete("/api/v1/results/watches/{watchId}", Access.SIGNED_IN, "Stop one watch of mine", this::unwatch),
                get("/api/v1/results/recent", Access.SIGNED_IN, "Results I was alerted of, newest first", this::recent),
                get("/api/v1/results/settings", Access.USER_ADMIN, "The organisation's results inbox and escalation chain", this::settings),
                put("/api/v1/results/settings", Access.USER_ADMIN, "Set the results inbox and escalation chain", this::saveSettings),
                get("/api/v1/results/feeds", Access.USER_ADMIN, "The organisation's HL7 feeds", this::feeds),
                post("/api/v1/results/feeds", Access.USER_ADMIN, "Add an HL7 feed (a sending facility, MSH-4)", this::createFeed),
                get(RESULT, Access.SIGNED_IN, "One result with its alerts (audited as result.viewed)", this::view),
                post(RESULT + "/acknowledge", Access.SIGNED_IN, "Acknowledge a critical result for everyone", this::acknowledge),
                get(RESULT + "/audit", Access.SIGNED_IN, "A result's audit trail (lab liaison and organisation admins)", this::audit),
                get("/api/v1/on-call-roles", Access.SIGNED_IN, "On-call roles of my organisation with their holders", this::roles),
                post("/api/v1/on-call-roles", Access.USER_ADMIN, "Create an on-call role", this::createRole),
                put("/api/v1/on-call-roles/{roleId}/holder", Access.SIGNED_IN, "Hand an on-call role over (admins), or take it over yourself", this::setHolder),
                get("/api/v1/me/deputy", Access.SIGNED_IN, "My named deputy for unacknowledged critical results ({userId: null}: none)", this::deputy),
                put("/api/v1/me/deputy", Access.SIGNED_IN, "Name (or clear) my deputy for unacknowledged critical results", this::setDeputy),
                get("/api/v1/users/{userId}/identifiers", Access.SIGNED_IN, "A person's professional identifiers (GMC, NMC, HCPC, local)", this::identifiers),
                put("/api/v1/users/{userId}/identifiers", Access.USER_ADMIN, "Set a person's professional identifiers", this::setIdentifiers));
    }

    private static UUID resultId(Context ctx) {
        return Requests.uuidPath(ctx, "resultId", "Result");
    }

    private void view(Context ctx) {
        ctx.json(results.view(SignedIn.principal(ctx), resultId(ctx)));
    }

    private void acknowledge(Context ctx) {
        ctx.json(results.acknowledge(SignedIn.principal(ctx), resultId(ctx), "api"));
    }

    private void audit(Context ctx) {
        ctx.json(new ResultViews.Items<>(results.auditTrail(SignedIn.principal(ctx), resultId(ctx))));
    }

    private void recent(Context ctx) {
        ctx.json(new ResultViews.Items<>(results.recent(SignedIn.principal(ctx))));
    }

    private void watches(Context ctx) {
        ctx.json(new ResultViews.Items<>(admin.watches(SignedIn.principal(ctx))));
    }

    private void watch(Context ctx) {
        WatchRequest req = Requests.body(ctx, mapper, WatchRequest.class);
        ctx.status(201).json(admin.watch(SignedIn.principal(ctx), req.nhsNumber(), req.test()));
    }

    private void unwatch(Context ctx) {
        admin.unwatch(SignedIn.principal(ctx), Requests.uuidPath(ctx, "watchId", "Watch"));
        ctx.status(204);
    }

    private void settings(Context ctx) {
        ctx.json(admin.settings(SignedIn.principal(ctx)));
    }

    private void saveSettings(Context ctx) {
        ctx.json(admin.saveSettings(SignedIn.principal(ctx), Requests.body(ctx, mapper, ResultViews.Settings.class)));
    }

    private void feeds(Context ctx) {
        ctx.json(new ResultViews.Items<>(admin.feeds(SignedIn.principal(ctx))));
    }

    private void createFeed(Context ctx) {
        FeedRequest req = Requests.body(ctx, mapper, FeedRequest.class);
        ctx.status(201).json(admin.createFeed(SignedIn.principal(ctx), req.sendingFacility(), req.name()));
    }

    private void roles(Context ctx) {
        ctx.json(new ResultViews.Items<>(admin.roles(SignedIn.principal(ctx))));
    }

    private void createRole(Context ctx) {
        ctx.status(201).json(admin.createRole(SignedIn.principal(ctx), Requests.body(ctx, mapper, NameRequest.class).name()));
    }

    private void setHolder(Context ctx) {
        UUID roleId = Requests.uuidPath(ctx, "roleId", "On-call role");
        ctx.json(admin.setHolder(SignedIn.principal(ctx), roleId, Requests.body(ctx, mapper, UserRequest.class).userId()));
    }

    private void deputy(Context ctx) {
        ctx.json(new UserRequest(admin.deputy(SignedIn.principal(ctx))));
    }

    private void setDeputy(Context ctx) {
        admin.setDeputy(SignedIn.principal(ctx), Requests.body(ctx, mapper, UserRequest.class).userId());
        ctx.status(204);
    }

    private void identifiers(Context ctx) {
        ctx.json(new ResultViews.Items<>(admin.identifiers(SignedIn.principal(ctx), Requests.uuidPath(ctx, "userId", "User"))));
    }

    private void setIdentifiers(Context ctx) {
        UUID userId = Requests.uuidPath(ctx, "userId", "User");
        IdentifiersRequest req = Requests.body(ctx, mapper, IdentifiersRequest.class);
        ctx.json(new ResultViews.Items<>(admin.setIdentifiers(SignedIn.principal(ctx), userId, req.items())));
    }
}

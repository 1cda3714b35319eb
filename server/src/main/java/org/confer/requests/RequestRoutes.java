package org.confer.requests;

import static org.confer.http.Route.get;
import static org.confer.http.Route.patch;
import static org.confer.http.Route.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;
import org.confer.http.Access;
import org.confer.http.ApiException;
import org.confer.http.Requests;
import org.confer.http.Route;
import org.confer.identity.BotGrant;
import org.confer.identity.SignedIn;
import org.confer.requests.RequestService.Filing;
import org.confer.requests.RequestService.StatusChange;
import org.confer.requests.ServiceCatalogue.NewService;
import org.confer.requests.ServiceCatalogue.ServiceChange;

/** HTTP routes of service requests (docs/bots-and-results.md, "API"). Thin: parse, call one service, map. */
public final class RequestRoutes {

    record Items<T>(List<T> items) {}

    private final ServiceCatalogue catalogue;
    private final RequestService requests;
    private final RequestQueries queries;
    private final ObjectMapper mapper;

    public RequestRoutes(ServiceCatalogue catalogue, RequestService requests, RequestQueries queries, ObjectMapper mapper) {
        this.catalogue = catalogue;
        this.requests = requests;
        this.queries = queries;
        this.mapper = mapper;
    }

    public List<Route> routes() {
        // A bot token with requests:manage files, reads and works requests as itself (an
        // integration engine's delegate); services stay with people (team owners, admins).
        String scope = BotGrant.REQUESTS_MANAGE;
        return List.of(
                get("/api/v1/request-services", Access.SIGNED_IN, "The services of my organisation, with their forms and targets", this::services)
                        .withBotScope(scope),
                post("/api/v1/request-services", Access.SIGNED_IN, "Create a service of a team (team owners, organisation admins)", this::createService),
                patch("/api/v1/request-services/{serviceId}", Access.SIGNED_IN, "Change a service (team owners, organisation admins)", this::changeService),
                post("/api/v1/requests", Access.SIGNED_IN, "File a service request (idempotent by clientRequestId)", this::file)
                        .withBotScope(scope),
                get("/api/v1/requests", Access.SIGNED_IN, "My requests (mine=true) or a service's queue (serviceId, status), newest first", this::list)
                        .withBotScope(scope),
                get("/api/v1/requests/{requestId}", Access.SIGNED_IN, "One request with its history", this::one).withBotScope(scope),
                post("/api/v1/requests/{requestId}/claim", Access.SIGNED_IN, "Claim an open request (a member of the service's team)", this::claim)
                        .withBotScope(scope),
                post("/api/v1/requests/{requestId}/status", Access.SIGNED_IN, "Start, complete or cancel a request", this::status)
                        .withBotScope(scope));
    }

    private static UUID requestId(Context ctx) {
        return Requests.uuidPath(ctx, "requestId", "Request");
    }

    private void services(Context ctx) {
        ctx.json(new Items<>(catalogue.list(SignedIn.principal(ctx))));
    }

    private void createService(Context ctx) {
        NewService body = Requests.body(ctx, mapper, NewService.class);
        ctx.status(201).json(catalogue.create(SignedIn.principal(ctx), body));
    }

    private void changeService(Context ctx) {
        UUID id = Requests.uuidPath(ctx, "serviceId", "Service");
        ServiceChange body = Requests.body(ctx, mapper, ServiceChange.class);
        ctx.json(catalogue.change(SignedIn.principal(ctx), id, body));
    }

    private void file(Context ctx) {
        Filing body = Requests.body(ctx, mapper, Filing.class);
        ctx.status(201).json(requests.file(SignedIn.principal(ctx), body));
    }

    private void list(Context ctx) {
        if ("true".equals(ctx.queryParam("mine"))) {
            ctx.json(new Items<>(queries.mine(SignedIn.principal(ctx))));
            return;
        }
        UUID serviceId = Requests.uuidQuery(ctx, "serviceId");
        if (serviceId == null) {
            throw ApiException.invalid("serviceId", "Ask for mine=true or a serviceId");
        }
        ctx.json(new Items<>(queries.ofService(SignedIn.principal(ctx), serviceId, ctx.queryParam("status"))));
    }

    private void one(Context ctx) {
        ctx.json(queries.one(SignedIn.principal(ctx), requestId(ctx)));
    }

    private void claim(Context ctx) {
        ctx.json(requests.claim(SignedIn.principal(ctx), requestId(ctx)));
    }

    private void status(Context ctx) {
        StatusChange body = Requests.body(ctx, mapper, StatusChange.class);
        ctx.json(requests.changeStatus(SignedIn.principal(ctx), requestId(ctx), body));
    }
}

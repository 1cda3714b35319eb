package org.confer.bots;

import static org.confer.http.Route.delete;
import static org.confer.http.Route.get;
import static org.confer.http.Route.post;
import static org.confer.http.Route.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.confer.events.MessageCard;
import org.confer.http.Access;
import org.confer.http.ApiException;
import org.confer.http.Json;
import org.confer.http.ProblemType;
import org.confer.http.Requests;
import org.confer.http.Route;
import org.confer.identity.SignedIn;

/** HTTP routes of incoming and outgoing webhooks. Thin: parse, call the service, map. */
public final class WebhookRoutes {

    record Items<T>(List<T> items) {}

    record NewHook(String name) {}

    record HookView(UUID id, UUID conversationId, UUID botId, String name, UUID createdBy, OffsetDateTime createdAt) {
        static HookView of(WebhookStore.IncomingHook h) {
            return new HookView(h.id(), h.conversationId(), h.botUserId(), h.name(), h.createdBy(), h.createdAt());
        }
    }

    record CreatedView(UUID id, UUID conversationId, UUID botId, String name, UUID createdBy, OffsetDateTime createdAt,
                       String token, String url) {}

    record ReceivedView(boolean ok, UUID messageId, List<String> ignored) {}

    record OutgoingRequest(String url, List<String> events, Boolean enabled) {}

    record AllowedHosts(List<String> hosts) {}

    record Answer(String text, MessageCard card) {}

    private final WebhookService incoming;
    private final OutgoingWebhookService outgoing;
    private final ObjectMapper mapper;

    public WebhookRoutes(WebhookService incoming, OutgoingWebhookService outgoing, ObjectMapper mapper) {
        this.incoming = incoming;
        this.outgoing = outgoing;
        this.mapper = mapper;
    }

    public List<Route> routes() {
        return List.of(
                post("/api/v1/hooks/{token}", Access.PUBLIC, "Post to a channel through an incoming webhook (Slack-compatible body; the token is the secret)", this::receive),
                post("/api/v1/conversations/{conversationId}/webhooks", Access.SIGNED_IN, "Make an incoming webhook for a channel or group; its URL is shown once", this::create),
                get("/api/v1/conversations/{conversationId}/webhooks", Access.SIGNED_IN, "The conversation's incoming webhooks (those who may manage it)", this::list),
                delete("/api/v1/webhooks/{webhookId}", Access.SIGNED_IN, "Revoke an incoming webhook", this::revoke),
                put("/api/v1/bots/{botId}/outgoing", Access.USER_ADMIN, "Set a bot's outgoing webhook; answers its new signing secret once", this::configure),
                get("/api/v1/bots/{botId}/outgoing", Access.USER_ADMIN, "A bot's outgoing webhook (without its secret)", this::outgoing),
                get("/api/v1/admin/webhook-allowed-hosts", Access.USER_ADMIN, "Hosts outgoing webhooks may reach although private", this::allowedHosts),
                put("/api/v1/admin/webhook-allowed-hosts", Access.USER_ADMIN, "Replace the organisation's webhook allow-list", this::replaceAllowedHosts),
                post("/api/v1/commands/{invocationId}/response", Access.SIGNED_IN, "A bot's answer to a command or button press (its response_url)", this::answer)
                        .withBotScope("commands"));
    }

    private void receive(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > WebhookService.MAX_BODY_BYTES) {
            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "A webhook body is at most " + WebhookService.MAX_BODY_BYTES + " bytes");
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            // Slack also takes a form (payload=<json>), but a form is what a cross-site page can send
            // (docs/security.md, CSRF): JSON only, like every other unsafe operation open without a session.
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json");
        }
        JsonNode body = Json.parse(mapper, bytes, JsonNode.class);
        WebhookService.Received r = incoming.receive(ctx.pathParam("token"), body);
        ctx.json(new ReceivedView(true, r.messageId(), r.ignored()));
    }

    private void create(Context ctx) {
        NewHook req = Requests.body(ctx, mapper, NewHook.class);
        WebhookService.Created c = incoming.create(SignedIn.principal(ctx), conversationId(ctx), req.name());
        WebhookStore.IncomingHook h = c.hook();
        ctx.status(201).json(new CreatedView(h.id(), h.conversationId(), h.botUserId(), h.name(), h.createdBy(), h.createdAt(),
                c.token(), c.url()));
    }

    private void list(Context ctx) {
        ctx.json(new Items<>(incoming.list(SignedIn.principal(ctx), conversationId(ctx)).stream().map(HookView::of).toList()));
    }

    private void revoke(Context ctx) {
        incoming.revoke(SignedIn.principal(ctx), Requests.uuidPath(ctx, "webhookId", "Webhook"));
        ctx.status(204);
    }

    private void configure(Context ctx) {
        OutgoingRequest req = Requests.body(ctx, mapper, OutgoingRequest.class);
        ctx.json(outgoing.configure(SignedIn.principal(ctx), botId(ctx), req.url(), req.events(), req.enabled()));
    }

    private void outgoing(Context ctx) {
        ctx.json(outgoing.outgoing(SignedIn.principal(ctx), botId(ctx)));
    }

    private void allowedHosts(Context ctx) {
        ctx.json(new AllowedHosts(outgoing.allowedHosts(SignedIn.principal(ctx))));
    }

    private void replaceAllowedHosts(Context ctx) {
        AllowedHosts req = Requests.body(ctx, mapper, AllowedHosts.class);
        ctx.json(new AllowedHosts(outgoing.replaceAllowedHosts(SignedIn.principal(ctx), req.hosts())));
    }

    private void answer(Context ctx) {
        Answer req = Requests.body(ctx, mapper, Answer.class);
        outgoing.answer(SignedIn.principal(ctx), Requests.uuidPath(ctx, "invocationId", "Invocation"), req.text(), req.card());
        ctx.status(204);
    }

    private static UUID conversationId(Context ctx) {
        return Requests.uuidPath(ctx, "conversationId", "Conversation");
    }

    private static UUID botId(Context ctx) {
        return Requests.uuidPath(ctx, "botId", "Bot");
    }
}

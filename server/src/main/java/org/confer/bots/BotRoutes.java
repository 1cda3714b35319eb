package org.confer.bots;

import static org.confer.http.Route.delete;
import static org.confer.http.Route.get;
import static org.confer.http.Route.patch;
import static org.confer.http.Route.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.confer.events.MessageCard;
import org.confer.http.Access;
import org.confer.http.Requests;
import org.confer.http.Route;
import org.confer.identity.BotGrant;
import org.confer.identity.SignedIn;

/** HTTP routes of bots: managing them (admins), their commands, and running commands and buttons (people). Thin. */
public final class BotRoutes {

    record NewBot(String displayName, String description, UUID organisationId) {}

    record BotChanges(String description, Boolean enabled) {}

    record NewToken(String name, List<String> scopes, List<UUID> conversationIds) {}

    record NewCommand(String name, String usage, String description) {}

    record RunCommand(String command, String text) {}

    record Items<T>(List<T> items) {}

    record BotView(UUID id, UUID organisationId, String displayName, String description, String builtin, boolean enabled,
                   UUID createdBy, OffsetDateTime createdAt) {
        static BotView of(Bot b) {
            return new BotView(b.id(), b.organisationId(), b.displayName(), b.description(),
                    b.builtin() == null ? null : b.builtin().name().toLowerCase(java.util.Locale.ROOT), b.enabled(), b.createdBy(),
                    b.createdAt());
        }
    }

    /** A token as listed: never its value. */
    record TokenView(UUID id, String name, Set<String> scopes, Set<UUID> conversationIds, UUID createdBy,
                     OffsetDateTime createdAt, OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {
        static TokenView of(BotToken t) {
            return new TokenView(t.id(), t.name(), t.scopes(), t.conversationIds(), t.createdBy(), t.createdAt(), t.lastUsedAt(),
                    t.revokedAt());
        }
    }

    /** A new token: {@code token} is shown this once. */
    record IssuedTokenView(String token, TokenView stored) {}

    record CommandItem(String name, String usage, String description, UUID botId) {}

    record CommandAnswer(String text, MessageCard card) {}

    record ActionAnswer(String text) {}

    private final BotService bots;
    private final BotInteractions interactions;
    private final ObjectMapper mapper;

    public BotRoutes(BotService bots, BotInteractions interactions, ObjectMapper mapper) {
        this.bots = bots;
        this.interactions = interactions;
        this.mapper = mapper;
    }

    public List<Route> routes() {
        return List.of(
                post("/api/v1/bots", Access.USER_ADMIN, "Create a bot of the organisation", this::create),
                get("/api/v1/bots", Access.USER_ADMIN, "The organisation's bots", this::list),
                get("/api/v1/bots/{botId}", Access.USER_ADMIN, "One bot", this::one),
                patch("/api/v1/bots/{botId}", Access.USER_ADMIN, "Change a bot's description, or disable or enable it", this::update),
                delete("/api/v1/bots/{botId}", Access.USER_ADMIN, "Delete a bot: disabled, every token revoked; its messages stay", this::deleteBot),
                post("/api/v1/bots/{botId}/tokens", Access.USER_ADMIN, "Issue an API token for the bot (shown once)", this::createToken),
                get("/api/v1/bots/{botId}/tokens", Access.USER_ADMIN, "The bot's tokens, without their values", this::tokens),
                delete("/api/v1/bots/{botId}/tokens/{tokenId}", Access.USER_ADMIN, "Revoke a bot token", this::revokeToken),
                get("/api/v1/bots/{botId}/commands", Access.SIGNED_IN, "The bot's slash commands", this::commands)
                        .withBotScope(BotGrant.COMMANDS),
                post("/api/v1/bots/{botId}/commands", Access.SIGNED_IN, "Register a slash command of the bot", this::registerCommand)
                        .withBotScope(BotGrant.COMMANDS),
                delete("/api/v1/bots/{botId}/commands/{name}", Access.SIGNED_IN, "Remove a slash command of the bot", this::deleteCommand)
                        .withBotScope(BotGrant.COMMANDS),
                get("/api/v1/conversations/{conversationId}/commands", Access.SIGNED_IN, "The slash commands usable in a conversation", this::usable),
                post("/api/v1/conversations/{conversationId}/commands", Access.SIGNED_IN, "Run a slash command; the answer is private to the caller", this::run),
                post("/api/v1/conversations/{conversationId}/messages/{messageId}/actions/{actionId}", Access.SIGNED_IN,
                        "Press a button of a message's card", this::act));
    }

    private static UUID botId(Context ctx) {
        return Requests.uuidPath(ctx, "botId", "Bot");
    }

    private static UUID conversationId(Context ctx) {
        return Requests.uuidPath(ctx, "conversationId", "Conversation");
    }

    private void create(Context ctx) {
        NewBot req = Requests.body(ctx, mapper, NewBot.class);
        ctx.status(201).json(BotView.of(bots.create(SignedIn.principal(ctx), req.organisationId(), req.displayName(), req.description())));
    }

    private void list(Context ctx) {
        UUID org = ctx.queryParam("organisationId") == null ? null : Requests.uuidQuery(ctx, "organisationId");
        ctx.json(new Items<>(bots.list(SignedIn.principal(ctx), org).stream().map(BotView::of).toList()));
    }

    private void one(Context ctx) {
        ctx.json(BotView.of(bots.bot(SignedIn.principal(ctx), botId(ctx))));
    }

    private void update(Context ctx) {
        BotChanges req = Requests.body(ctx, mapper, BotChanges.class);
        ctx.json(BotView.of(bots.update(SignedIn.principal(ctx), botId(ctx), req.description(), req.enabled())));
    }

    private void deleteBot(Context ctx) {
        bots.delete(SignedIn.principal(ctx), botId(ctx));
        ctx.status(204);
    }

    private void createToken(Context ctx) {
        NewToken req = Requests.body(ctx, mapper, NewToken.class);
        BotService.IssuedToken issued = bots.createToken(SignedIn.principal(ctx), botId(ctx), req.name(), req.scopes(), req.conversationIds());
        ctx.status(201).json(new IssuedTokenView(issued.token(), TokenView.of(issued.stored())));
    }

    private void tokens(Context ctx) {
        ctx.json(new Items<>(bots.tokens(SignedIn.principal(ctx), botId(ctx)).stream().map(TokenView::of).toList()));
    }

    private void revokeToken(Context ctx) {
        bots.revokeToken(SignedIn.principal(ctx), botId(ctx), Requests.uuidPath(ctx, "tokenId", "Token"));
        ctx.status(204);
    }

    private void commands(Context ctx) {
        ctx.json(new Items<>(bots.commands(SignedIn.principal(ctx), botId(ctx)).stream()
                .map(c -> new CommandItem(c.name(), c.usage(), c.description(), c.botUserId())).toList()));
    }

    private void registerCommand(Context ctx) {
        NewCommand req = Requests.body(ctx, mapper, NewCommand.class);
        SlashCommand c = bots.registerCommand(SignedIn.principal(ctx), botId(ctx), req.name(), req.usage(), req.description());
        ctx.status(201).json(new CommandItem(c.name(), c.usage(), c.description(), c.botUserId()));
    }

    private void deleteCommand(Context ctx) {
        bots.deleteCommand(SignedIn.principal(ctx), botId(ctx), ctx.pathParam("name"));
        ctx.status(204);
    }

    private void usable(Context ctx) {
        ctx.json(new Items<>(interactions.commands(SignedIn.principal(ctx), conversationId(ctx)).stream()
                .map(c -> new CommandItem(c.name(), c.usage(), c.description(), c.botId())).toList()));
    }

    private void run(Context ctx) {
        RunCommand req = Requests.body(ctx, mapper, RunCommand.class);
        CommandReply reply = interactions.run(SignedIn.principal(ctx), conversationId(ctx), req.command(), req.text());
        ctx.json(new CommandAnswer(reply.text(), reply.card()));
    }

    private void act(Context ctx) {
        ActionReply reply = interactions.act(SignedIn.principal(ctx), conversationId(ctx),
                Requests.uuidPath(ctx, "messageId", "Message"), ctx.pathParam("actionId"));
        ctx.json(new ActionAnswer(reply.text()));
    }
}

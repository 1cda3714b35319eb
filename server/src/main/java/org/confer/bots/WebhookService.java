package org.confer.bots;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.chat.Conversation;
import org.confer.chat.ConversationAccess;
import org.confer.chat.ConversationKind;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.http.RateLimitedException;
import org.confer.identity.Principal;
import org.confer.identity.Tokens;
import org.confer.limits.KeyedBudget;
import org.confer.text.Fields;
import org.jooq.DSLContext;

/**
 * Incoming webhooks (docs/bots-and-results.md, "Webhooks"): made, listed and revoked by those who
 * may rename the conversation (a channel's team owners; any member of a group chat), each with a
 * bot account of its own that posts what arrives on {@code POST /api/v1/hooks/{token}}.
 */
public final class WebhookService {
    /** Slack's own limit for an incoming webhook is about one a second; a minute's burst of 60 matches it. */
    static final int POSTS_PER_MINUTE = 60;
    /** Slack's limit for a message payload is 40 KB of text; 64 KiB leaves room for blocks' JSON. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** Hooks per conversation: one per integration is the norm; this bounds a runaway script. */
    static final int MAX_PER_CONVERSATION = 20;

    /** Creates the bot account a new hook posts as, in the caller's transaction (the bots feature's accounts). */
    @FunctionalInterface
    public interface BotAccountMaker {
        UUID create(DSLContext tx, UUID organisationId, String displayName, UUID createdBy, OffsetDateTime now);
    }

    /** A new hook: its token is in {@code url} and is shown this once. */
    public record Created(WebhookStore.IncomingHook hook, String token, String url) {}

    /** What a post did: the message, and what of the body was not understood. */
    public record Received(UUID messageId, List<String> ignored) {}

    private final Database db;
    private final WebhookStore store;
    private final ConversationAccess access;
    private final BotPoster poster;
    private final BotAccountMaker accounts;
    private final AuditTrail audit;
    private final Tokens tokens;
    private final Clock clock;
    private final java.util.function.Supplier<String> baseUrl;
    private final KeyedBudget<UUID> budget;

    public WebhookService(Database db, WebhookStore store, ConversationAccess access, BotPoster poster, BotAccountMaker accounts,
                          AuditTrail audit, Tokens tokens, Clock clock, java.util.function.Supplier<String> baseUrl) {
        this.db = db;
        this.store = store;
        this.access = access;
        this.poster = poster;
        this.accounts = accounts;
        this.audit = audit;
        this.tokens = tokens;
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.budget = new KeyedBudget<>(POSTS_PER_MINUTE, Duration.ofMinutes(1), clock, 100_000);
    }

    public Created create(Principal who, UUID conversationId, String name) {
        Conversation c = requireManager(who, conversationId);
        String n = Fields.required("name", name, Fields.MAX_NAME);
        if (store.incomingOf(db.dsl(), conversationId).size() >= MAX_PER_CONVERSATION) {
            throw new ApiException(ProblemType.CONFLICT, "This conversation has " + MAX_PER_CONVERSATION + " webhooks already");
        }
        String token = "cwh_" + tokens.newToken();
        OffsetDateTime now = now();
        WebhookStore.IncomingHook hook = db.dsl().transactionResult(cfg -> {
            UUID bot = accounts.create(cfg.dsl(), who.organisationId(), n, who.userId(), now);
            WebhookStore.IncomingHook h = new WebhookStore.IncomingHook(UUID.randomUUID(), c.id(), bot, n, who.userId(), now, null);
            store.insertIncoming(cfg.dsl(), h, Tokens.sha256Hex(token));
            audit.record(cfg.dsl(), who.organisationId(), who.userId(), "webhook.created", "webhook", h.id(),
                    Map.of("conversationId", c.id().toString(), "name", n), now);
            return h;
        });
        poster.join(hook.botUserId(), c.id());
        return new Created(hook, token, baseUrl.get() + "/api/v1/hooks/" + token);
    }

    public List<WebhookStore.IncomingHook> list(Principal who, UUID conversationId) {
        requireManager(who, conversationId);
        return store.incomingOf(db.dsl(), conversationId);
    }

    public void revoke(Principal who, UUID hookId) {
        WebhookStore.IncomingHook h = store.incoming(db.dsl(), hookId).filter(x -> x.revokedAt() == null)
                .orElseThrow(() -> ApiException.notFound("Webhook"));
        try {
            requireManager(who, h.conversationId());
        } catch (ApiException e) {
            // Someone who cannot see the conversation cannot learn that the hook exists.
            throw e.type() == ProblemType.FORBIDDEN ? e : ApiException.notFound("Webhook");
        }
        OffsetDateTime now = now();
        db.dsl().transaction(cfg -> {
            store.revoke(cfg.dsl(), hookId, now);
            audit.record(cfg.dsl(), who.organisationId(), who.userId(), "webhook.revoked", "webhook", hookId, Map.of(), now);
        });
    }

    /** A post to a hook: 404 for an unknown or revoked token, 429 beyond 60 a minute, else the message. */
    public Received receive(String token, JsonNode body) {
        if (token == null || token.length() > 200) {
            throw ApiException.notFound("Webhook");
        }
        WebhookStore.IncomingHook hook = store.activeByTokenHash(db.dsl(), Tokens.sha256Hex(token))
                .orElseThrow(() -> ApiException.notFound("Webhook"));
        OptionalLong wait = budget.tryTake(hook.id());
        if (wait.isPresent()) {
            throw new RateLimitedException("This webhook may post " + POSTS_PER_MINUTE + " messages a minute", wait.getAsLong());
        }
        IncomingPayloads.IncomingMessage m = IncomingPayloads.parse(body);
        BotPoster.Posted posted = poster.post(hook.botUserId(), hook.conversationId(), m.text(), m.card(), false,
                "hook-" + UUID.randomUUID());
        return new Received(posted.messageId(), m.ignored());
    }

    /** The same rule as renaming: a member, and for a channel one of its team's owners; never a direct chat. */
    private Conversation requireManager(Principal who, UUID conversationId) {
        Conversation c = access.requireMember(who, conversationId);
        ConversationAccess.requireWritable(c);
        if (c.kind() == ConversationKind.DIRECT) {
            throw new ApiException(ProblemType.CONFLICT, "Direct chats have no webhooks");
        }
        if (c.kind() == ConversationKind.CHANNEL) {
            access.requireTeamOwner(who, c.teamId());
        }
        return c;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}

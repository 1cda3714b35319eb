package org.confer.bots;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.BotAccounts;
import org.confer.identity.BotGrant;
import org.confer.identity.Principal;
import org.confer.identity.User;
import org.confer.text.Fields;
import org.jooq.exception.DataAccessException;

/**
 * Managing bots (docs/bots-and-results.md, "Bot accounts", "Tokens and scopes"): organisation
 * admins manage their own organisation's bots, platform admins any. A bot of another
 * organisation answers 404, like one that does not exist. Every step is in the audit trail.
 */
public final class BotService {
    /** A token names at most this many conversations (the column holds 20 ids; a bot serving more needs no list). */
    static final int MAX_TOKEN_CONVERSATIONS = 20;
    /** Live tokens per bot: enough for rotation across a few deployments, few enough to review. */
    static final int MAX_LIVE_TOKENS = 10;
    static final int MAX_COMMANDS_PER_BOT = 20;
    static final Pattern COMMAND_NAME = Pattern.compile("^[a-z][a-z0-9-]{0,31}$");

    /** A new token: its value, shown this once, and what is stored about it. */
    public record IssuedToken(String token, BotToken stored) {}

    private final Database db;
    private final BotStore bots;
    private final BotAccounts accounts;
    private final BotTokens tokens;
    private final CommandRegistry registry;
    private final AuditTrail audit;
    private final Clock clock;

    public BotService(Database db, BotStore bots, BotAccounts accounts, BotTokens tokens, CommandRegistry registry, AuditTrail audit,
                      Clock clock) {
        this.db = db;
        this.bots = bots;
        this.accounts = accounts;
        this.tokens = tokens;
        this.registry = registry;
        this.audit = audit;
        this.clock = clock;
    }

    public Bot create(Principal who, UUID organisationId, String displayName, String description) {
        UUID org = organisationId == null ? who.organisationId() : organisationId;
        if (!who.administers(org)) {
            throw ApiException.forbidden("You can create bots only in your own organisation");
        }
        String name = Fields.required("displayName", displayName, Fields.MAX_NAME);
        String about = Fields.multiline("description", description, 500);
        OffsetDateTime now = OffsetDateTime.now(clock);
        UUID id = db.dsl().transactionResult(cfg -> {
            User account = accounts.create(cfg.dsl(), org, name, true, now);
            bots.insert(cfg.dsl(), account.id(), org, about, null, who.userId(), now);
            audit.record(cfg.dsl(), org, who.userId(), "bot.created", "bot", account.id(), Map.of("displayName", name), now);
            return account.id();
        });
        return bots.byId(db.dsl(), id).orElseThrow();
    }

    public List<Bot> list(Principal who, UUID organisationId) {
        UUID org = organisationId == null ? who.organisationId() : organisationId;
        if (!who.administers(org)) {
            throw ApiException.forbidden("You can list bots only of your own organisation");
        }
        return bots.ofOrganisation(db.dsl(), org);
    }

    /** A bot {@code who} administers; 404 for any other (ids of other organisations cannot be probed). */
    public Bot bot(Principal who, UUID botId) {
        return bots.byId(db.dsl(), botId).filter(b -> who.administers(b.organisationId()))
                .orElseThrow(() -> ApiException.notFound("Bot"));
    }

    public Bot update(Principal who, UUID botId, String description, Boolean enabled) {
        Bot b = bot(who, botId);
        String about = description == null ? b.description() : Fields.multiline("description", description, 500);
        boolean on = enabled == null ? b.enabled() : enabled;
        if (!on && b.builtin() != null) {
            throw new ApiException(ProblemType.CONFLICT, "The built-in " + b.displayName() + " bot cannot be disabled");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.dsl().transaction(cfg -> {
            bots.update(cfg.dsl(), botId, about, on);
            accounts.setActive(cfg.dsl(), botId, on, now);
            audit.record(cfg.dsl(), b.organisationId(), who.userId(), "bot.updated", "bot", botId, Map.of("enabled", on), now);
        });
        return bots.byId(db.dsl(), botId).orElseThrow();
    }

    /** Disables the bot and revokes every token (its messages and memberships stay: history must not change). */
    public void delete(Principal who, UUID botId) {
        Bot b = bot(who, botId);
        if (b.builtin() != null) {
            throw new ApiException(ProblemType.CONFLICT, "The built-in " + b.displayName() + " bot cannot be deleted");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.dsl().transaction(cfg -> {
            bots.update(cfg.dsl(), botId, b.description(), false);
            accounts.setActive(cfg.dsl(), botId, false, now);
            int revoked = bots.revokeAllTokens(cfg.dsl(), botId, now);
            audit.record(cfg.dsl(), b.organisationId(), who.userId(), "bot.deleted", "bot", botId, Map.of("tokensRevoked", revoked), now);
        });
    }

    public IssuedToken createToken(Principal who, UUID botId, String name, List<String> scopes, List<UUID> conversationIds) {
        Bot b = bot(who, botId);
        if (!b.enabled()) {
            throw new ApiException(ProblemType.CONFLICT, "This bot is disabled; enable it first");
        }
        String label = Fields.required("name", name, 100);
        if (scopes == null || scopes.isEmpty()) {
            throw ApiException.invalid("scopes", "'scopes' names at least one of " + String.join(", ", BotGrant.ALL_SCOPES.stream().sorted().toList()));
        }
        Set<String> granted = new LinkedHashSet<>();
        for (String s : scopes) {
            if (s == null || !BotGrant.ALL_SCOPES.contains(s)) {
                throw ApiException.invalid("scopes", "Unknown scope '" + s + "'; scopes are " + String.join(", ", BotGrant.ALL_SCOPES.stream().sorted().toList()));
            }
            granted.add(s);
        }
        Set<UUID> limited = null;
        if (conversationIds != null) {
            if (conversationIds.isEmpty() || conversationIds.size() > MAX_TOKEN_CONVERSATIONS || conversationIds.contains(null)) {
                throw ApiException.invalid("conversationIds", "'conversationIds' names 1 to " + MAX_TOKEN_CONVERSATIONS
                        + " conversations, or is left out for all of the bot's");
            }
            limited = new LinkedHashSet<>(conversationIds);
        }
        String value = tokens.newToken();
        OffsetDateTime now = OffsetDateTime.now(clock);
        BotToken t = new BotToken(UUID.randomUUID(), botId, label, granted, limited, who.userId(), now, null, null);
        db.dsl().transaction(cfg -> {
            long live = bots.tokens(cfg.dsl(), botId).stream().filter(x -> x.revokedAt() == null).count();
            if (live >= MAX_LIVE_TOKENS) {
                throw new ApiException(ProblemType.CONFLICT, "A bot has at most " + MAX_LIVE_TOKENS + " live tokens; revoke one first");
            }
            bots.insertToken(cfg.dsl(), t, BotTokens.hash(value));
            audit.record(cfg.dsl(), b.organisationId(), who.userId(), "bot.token.created", "bot", botId,
                    Map.of("tokenId", t.id().toString(), "scopes", String.join(" ", granted)), now);
        });
        return new IssuedToken(value, t);
    }

    public List<BotToken> tokens(Principal who, UUID botId) {
        bot(who, botId);
        return bots.tokens(db.dsl(), botId);
    }

    public void revokeToken(Principal who, UUID botId, UUID tokenId) {
        Bot b = bot(who, botId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.dsl().transaction(cfg -> {
            if (!bots.revokeToken(cfg.dsl(), botId, tokenId, now)) {
                throw ApiException.notFound("Token");
            }
            audit.record(cfg.dsl(), b.organisationId(), who.userId(), "bot.token.revoked", "bot", botId,
                    Map.of("tokenId", tokenId.toString()), now);
        });
    }

    /** The bot itself (a token with scope commands) or an admin of its organisation. */
    private Bot botForCommands(Principal who, UUID botId) {
        if (who.isBot()) {
            if (!who.userId().equals(botId)) {
                throw ApiException.notFound("Bot");
            }
            return bots.byId(db.dsl(), botId).orElseThrow(() -> ApiException.notFound("Bot"));
        }
        return bot(who, botId);
    }

    public SlashCommand registerCommand(Principal who, UUID botId, String name, String usage, String description) {
        Bot b = botForCommands(who, botId);
        String n = name == null ? "" : name.startsWith("/") ? name.substring(1) : name;
        if (!COMMAND_NAME.matcher(n).matches()) {
            throw ApiException.invalid("name", "'name' is 1-32 lower-case letters, digits or '-', starting with a letter");
        }
        if (registry.builtIn(n).isPresent() || "help".equals(n)) {
            throw new ApiException(ProblemType.CONFLICT, "/" + n + " is a built-in command", Map.of("field", "name"));
        }
        SlashCommand c = new SlashCommand(n, Fields.optional("usage", usage, 200), Fields.required("description", description, 300), botId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        try {
            db.dsl().transaction(cfg -> {
                if (bots.commandsOfBot(cfg.dsl(), botId).size() >= MAX_COMMANDS_PER_BOT) {
                    throw new ApiException(ProblemType.CONFLICT, "A bot has at most " + MAX_COMMANDS_PER_BOT + " commands");
                }
                bots.insertCommand(cfg.dsl(), botId, b.organisationId(), c, now);
                audit.record(cfg.dsl(), b.organisationId(), who.userId(), "bot.command.created", "bot", botId, Map.of("name", n), now);
            });
        } catch (DataAccessException taken) {
            throw new ApiException(ProblemType.CONFLICT, "/" + n + " is already a command of a bot of this organisation", Map.of("field", "name"));
        }
        return c;
    }

    public void deleteCommand(Principal who, UUID botId, String name) {
        Bot b = botForCommands(who, botId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.dsl().transaction(cfg -> {
            if (!bots.deleteCommand(cfg.dsl(), botId, name)) {
                throw ApiException.notFound("Command");
            }
            audit.record(cfg.dsl(), b.organisationId(), who.userId(), "bot.command.deleted", "bot", botId, Map.of("name", name), now);
        });
    }

    public List<SlashCommand> commands(Principal who, UUID botId) {
        botForCommands(who, botId);
        return bots.commandsOfBot(db.dsl(), botId);
    }
}

package org.confer.bots;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.chat.ConversationService;
import org.confer.chat.Message;
import org.confer.chat.MessageService;
import org.confer.db.Database;
import org.confer.events.MessageCard;
import org.confer.http.ApiException;
import org.confer.identity.BotAccounts;
import org.confer.identity.BotGrant;
import org.confer.identity.Principal;
import org.confer.identity.User;
import org.confer.identity.UserDirectory;
import org.jooq.exception.DataAccessException;

/**
 * {@link BotPoster} on top of chat: a bot posts through {@link MessageService} like anyone (the
 * same membership check, the same event log), as a principal with every scope of its own
 * organisation. Built-in bots are made on first use, once per organisation and kind.
 */
public final class ChatBotPoster implements BotPoster {
    private final Database db;
    private final BotStore bots;
    private final BotAccounts accounts;
    private final MessageService messages;
    private final ConversationService conversations;
    private final UserDirectory users;
    private final AuditTrail audit;
    private final Clock clock;
    /**
     * Built-in bots by organisation and kind. They are never disabled or removed (BotService refuses
     * it), so an id once known stays right; it saves a query on every result alert and request step.
     */
    private final java.util.concurrent.ConcurrentMap<String, UUID> builtIns = new java.util.concurrent.ConcurrentHashMap<>();

    public ChatBotPoster(Database db, BotStore bots, BotAccounts accounts, MessageService messages, ConversationService conversations,
                         UserDirectory users, AuditTrail audit, Clock clock) {
        this.db = db;
        this.bots = bots;
        this.accounts = accounts;
        this.messages = messages;
        this.conversations = conversations;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public UUID builtIn(UUID organisationId, BuiltInBot kind) {
        String key = organisationId + "/" + kind;
        UUID known = builtIns.get(key);
        if (known != null) {
            return known;
        }
        UUID id = findOrMakeBuiltIn(organisationId, kind);
        builtIns.put(key, id);
        return id;
    }

    private UUID findOrMakeBuiltIn(UUID organisationId, BuiltInBot kind) {
        Optional<Bot> existing = bots.builtIn(db.dsl(), organisationId, kind);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        try {
            return db.dsl().transactionResult(cfg -> {
                User account = accounts.create(cfg.dsl(), organisationId, kind.displayName(), false, now);
                bots.insert(cfg.dsl(), account.id(), organisationId, kind.description(), kind, null, now);
                audit.record(cfg.dsl(), organisationId, null, "bot.created", "bot", account.id(), Map.of("builtin", kind.name()), now);
                return account.id();
            });
        } catch (DataAccessException raced) {
            // Another request (or node) made it at the same moment: the unique (organisation, builtin) kept one.
            return bots.builtIn(db.dsl(), organisationId, kind).map(Bot::id).orElseThrow(() -> raced);
        }
    }

    @Override
    public Principal principalOf(UUID botUserId) {
        Bot bot = bots.byId(db.dsl(), botUserId).orElseThrow(() -> new IllegalArgumentException("no bot " + botUserId));
        return Principal.ofBot(bot.id(), bot.organisationId(), BotGrant.internal());
    }

    @Override
    public Posted post(UUID botUserId, UUID conversationId, String text, MessageCard card, boolean urgent, String clientMsgId) {
        Message m = messages.post(principalOf(botUserId), conversationId, text, card, clientMsgId(clientMsgId), null, urgent).message();
        return new Posted(m.conversationId(), m.id(), m.seq());
    }

    @Override
    public Posted direct(UUID botUserId, UUID personId, String text, MessageCard card, boolean urgent, String clientMsgId) {
        Principal bot = principalOf(botUserId);
        User person = users.activeUser(personId).orElseThrow(() -> ApiException.invalid("personId", "No such active user"));
        if (!person.organisationId().equals(bot.organisationId()) || person.bot()) {
            throw ApiException.invalid("personId", "A bot speaks directly only to people of its own organisation");
        }
        UUID conversationId = conversations.createChat(bot, "direct", List.of(personId), null).conversation().id();
        Message m = messages.post(bot, conversationId, text, card, clientMsgId(clientMsgId), null, urgent).message();
        return new Posted(conversationId, m.id(), m.seq());
    }

    @Override
    public void join(UUID botUserId, UUID conversationId) {
        Bot bot = bots.byId(db.dsl(), botUserId).orElseThrow(() -> new IllegalArgumentException("no bot " + botUserId));
        conversations.addBotBySystem(conversationId, botUserId, botUserId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.dsl().transaction(cfg -> audit.record(cfg.dsl(), bot.organisationId(), null, "bot.joined", "bot", botUserId,
                Map.of("conversationId", conversationId.toString()), now));
    }

    @Override
    public void updateCard(UUID botUserId, UUID conversationId, UUID messageId, MessageCard card) {
        messages.updateCard(principalOf(botUserId), conversationId, messageId, card);
    }

    /** A caller's key, or a fresh one: without a key a retry cannot be recognised, so every call is new. */
    private static String clientMsgId(String given) {
        return given != null ? given : UUID.randomUUID().toString();
    }
}

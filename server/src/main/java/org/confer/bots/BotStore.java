package org.confer.bots;

import static org.confer.db.schema.Tables.BOTS;
import static org.confer.db.schema.Tables.BOT_COMMANDS;
import static org.confer.db.schema.Tables.BOT_TOKENS;
import static org.confer.db.schema.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * SQL for bots, their tokens and their slash commands (migration V13). A bot's name and status
 * are its account's (users); they are read here by a join, never written.
 */
public final class BotStore {

    public void insert(DSLContext tx, UUID botUserId, UUID organisationId, String description, BuiltInBot builtin,
                       UUID createdBy, OffsetDateTime now) {
        tx.insertInto(BOTS)
                .set(BOTS.USER_ID, botUserId)
                .set(BOTS.ORGANISATION_ID, organisationId)
                .set(BOTS.DESCRIPTION, description)
                .set(BOTS.BUILTIN, builtin == null ? null : builtin.name())
                .set(BOTS.ENABLED, true)
                .set(BOTS.CREATED_BY, createdBy)
                .set(BOTS.CREATED_AT, now)
                .execute();
    }

    public Optional<Bot> byId(DSLContext db, UUID botUserId) {
        return select(db).where(BOTS.USER_ID.eq(botUserId)).fetchOptional(BotStore::bot);
    }

    public Optional<Bot> builtIn(DSLContext db, UUID organisationId, BuiltInBot kind) {
        return select(db).where(BOTS.ORGANISATION_ID.eq(organisationId).and(BOTS.BUILTIN.eq(kind.name()))).fetchOptional(BotStore::bot);
    }

    public List<Bot> ofOrganisation(DSLContext db, UUID organisationId) {
        return select(db).where(BOTS.ORGANISATION_ID.eq(organisationId)).orderBy(USERS.DISPLAY_NAME, BOTS.USER_ID).fetch(BotStore::bot);
    }

    public void update(DSLContext tx, UUID botUserId, String description, boolean enabled) {
        tx.update(BOTS).set(BOTS.DESCRIPTION, description).set(BOTS.ENABLED, enabled).where(BOTS.USER_ID.eq(botUserId)).execute();
    }

    private static org.jooq.SelectOnConditionStep<Record> select(DSLContext db) {
        return db.select(BOTS.fields()).select(USERS.DISPLAY_NAME, USERS.STATUS).from(BOTS).join(USERS).on(USERS.ID.eq(BOTS.USER_ID));
    }

    private static Bot bot(Record r) {
        String builtin = r.get(BOTS.BUILTIN);
        return new Bot(r.get(BOTS.USER_ID), r.get(BOTS.ORGANISATION_ID), r.get(USERS.DISPLAY_NAME), r.get(BOTS.DESCRIPTION),
                builtin == null ? null : BuiltInBot.valueOf(builtin),
                r.get(BOTS.ENABLED) && "active".equals(r.get(USERS.STATUS)), r.get(BOTS.CREATED_BY), r.get(BOTS.CREATED_AT));
    }

    // ---- tokens ----

    public void insertToken(DSLContext tx, BotToken t, String tokenHash) {
        tx.insertInto(BOT_TOKENS)
                .set(BOT_TOKENS.ID, t.id())
                .set(BOT_TOKENS.BOT_USER_ID, t.botId())
                .set(BOT_TOKENS.NAME, t.name())
                .set(BOT_TOKENS.TOKEN_HASH, tokenHash)
                .set(BOT_TOKENS.SCOPES, String.join(" ", t.scopes()))
                .set(BOT_TOKENS.CONVERSATION_IDS, t.conversationIds() == null ? null
                        : t.conversationIds().stream().map(UUID::toString).collect(Collectors.joining(",")))
                .set(BOT_TOKENS.CREATED_BY, t.createdBy())
                .set(BOT_TOKENS.CREATED_AT, t.createdAt())
                .execute();
    }

    public List<BotToken> tokens(DSLContext db, UUID botUserId) {
        return db.selectFrom(BOT_TOKENS).where(BOT_TOKENS.BOT_USER_ID.eq(botUserId)).orderBy(BOT_TOKENS.CREATED_AT, BOT_TOKENS.ID)
                .fetch(BotStore::token);
    }

    /** A live token by its hash: not revoked (the bot's own state is checked by the caller). */
    public Optional<BotToken> liveToken(DSLContext db, String tokenHash) {
        return db.selectFrom(BOT_TOKENS).where(BOT_TOKENS.TOKEN_HASH.eq(tokenHash).and(BOT_TOKENS.REVOKED_AT.isNull()))
                .fetchOptional(BotStore::token);
    }

    public void touchToken(DSLContext db, UUID tokenId, OffsetDateTime now) {
        db.update(BOT_TOKENS).set(BOT_TOKENS.LAST_USED_AT, now).where(BOT_TOKENS.ID.eq(tokenId)).execute();
    }

    public boolean revokeToken(DSLContext tx, UUID botUserId, UUID tokenId, OffsetDateTime now) {
        return tx.update(BOT_TOKENS).set(BOT_TOKENS.REVOKED_AT, now)
                .where(BOT_TOKENS.ID.eq(tokenId).and(BOT_TOKENS.BOT_USER_ID.eq(botUserId)).and(BOT_TOKENS.REVOKED_AT.isNull()))
                .execute() == 1;
    }

    public int revokeAllTokens(DSLContext tx, UUID botUserId, OffsetDateTime now) {
        return tx.update(BOT_TOKENS).set(BOT_TOKENS.REVOKED_AT, now)
                .where(BOT_TOKENS.BOT_USER_ID.eq(botUserId).and(BOT_TOKENS.REVOKED_AT.isNull())).execute();
    }

    private static BotToken token(org.confer.db.schema.tables.records.BotTokensRecord r) {
        Set<String> scopes = new LinkedHashSet<>(Arrays.asList(r.getScopes().split(" ")));
        Set<UUID> conversations = r.getConversationIds() == null ? null
                : Arrays.stream(r.getConversationIds().split(",")).map(UUID::fromString).collect(Collectors.toCollection(LinkedHashSet::new));
        return new BotToken(r.getId(), r.getBotUserId(), r.getName(), scopes, conversations, r.getCreatedBy(), r.getCreatedAt(),
                r.getLastUsedAt(), r.getRevokedAt());
    }

    // ---- commands ----

    public void insertCommand(DSLContext tx, UUID botUserId, UUID organisationId, SlashCommand c, OffsetDateTime now) {
        tx.insertInto(BOT_COMMANDS)
                .set(BOT_COMMANDS.BOT_USER_ID, botUserId)
                .set(BOT_COMMANDS.ORGANISATION_ID, organisationId)
                .set(BOT_COMMANDS.NAME, c.name())
                .set(BOT_COMMANDS.USAGE_HINT, c.usage())
                .set(BOT_COMMANDS.DESCRIPTION, c.description())
                .set(BOT_COMMANDS.CREATED_AT, now)
                .execute();
    }

    public boolean deleteCommand(DSLContext tx, UUID botUserId, String name) {
        return tx.deleteFrom(BOT_COMMANDS).where(BOT_COMMANDS.BOT_USER_ID.eq(botUserId).and(BOT_COMMANDS.NAME.eq(name))).execute() == 1;
    }

    public Optional<SlashCommand> commandInOrganisation(DSLContext db, UUID organisationId, String name) {
        return db.selectFrom(BOT_COMMANDS).where(BOT_COMMANDS.ORGANISATION_ID.eq(organisationId).and(BOT_COMMANDS.NAME.eq(name)))
                .fetchOptional(BotStore::command);
    }

    /** Commands of the given bots (those that are members of a conversation), by name. */
    public List<SlashCommand> commandsOf(DSLContext db, Collection<UUID> botUserIds) {
        if (botUserIds.isEmpty()) {
            return List.of();
        }
        return db.selectFrom(BOT_COMMANDS).where(BOT_COMMANDS.BOT_USER_ID.in(botUserIds)).orderBy(BOT_COMMANDS.NAME)
                .fetch(BotStore::command);
    }

    public List<SlashCommand> commandsOfBot(DSLContext db, UUID botUserId) {
        return commandsOf(db, List.of(botUserId));
    }

    /** Which of these users are enabled bots (a conversation's members: which may answer commands there). */
    public List<UUID> enabledBotsAmong(DSLContext db, Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return db.select(BOTS.USER_ID).from(BOTS).join(USERS).on(USERS.ID.eq(BOTS.USER_ID))
                .where(BOTS.USER_ID.in(userIds).and(BOTS.ENABLED.isTrue()).and(USERS.STATUS.eq("active"))).fetch(BOTS.USER_ID);
    }

    private static SlashCommand command(org.confer.db.schema.tables.records.BotCommandsRecord r) {
        return new SlashCommand(r.getName(), r.getUsageHint(), r.getDescription(), r.getBotUserId());
    }
}

package org.confer.bots;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;
import org.confer.db.Database;
import org.confer.identity.BotGrant;
import org.confer.identity.BotTokenResolver;
import org.confer.identity.Principal;
import org.confer.identity.Tokens;

/**
 * Bot tokens: {@code cb_} + 43 base64url characters (256 random bits), of which only the SHA-256
 * is stored. Resolving one gives the bot's principal with the token's grant; a revoked token or a
 * disabled bot resolves to nothing (401).
 */
public final class BotTokens implements BotTokenResolver {
    /** last_used_at is written at most this often per token, so a busy bot's reads do not each cost a write. */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    /** The prefix plus 43 characters (32 bytes base64url); anything longer is not ours and is not hashed. */
    private static final int TOKEN_LENGTH = PREFIX.length() + 43;

    private final Database db;
    private final BotStore bots;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public BotTokens(Database db, BotStore bots, Clock clock) {
        this.db = db;
        this.bots = bots;
        this.clock = clock;
    }

    /** A new token value (shown to the admin once). */
    String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        return Tokens.sha256Hex(token);
    }

    @Override
    public Optional<Principal> resolve(String token) {
        if (token == null || token.length() != TOKEN_LENGTH || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Optional<BotToken> found = bots.liveToken(db.dsl(), hash(token));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        BotToken t = found.get();
        Optional<Bot> bot = bots.byId(db.dsl(), t.botId()).filter(Bot::enabled);
        if (bot.isEmpty()) {
            return Optional.empty();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (t.lastUsedAt() == null || !now.isBefore(t.lastUsedAt().plus(TOUCH_INTERVAL))) {
            bots.touchToken(db.dsl(), t.id(), now);
        }
        return Optional.of(Principal.ofBot(t.botId(), bot.get().organisationId(), new BotGrant(t.id(), t.scopes(), t.conversationIds())));
    }
}

package org.confer.identity;

import java.util.Set;
import java.util.UUID;

/**
 * What a bot principal may do (docs/bots-and-results.md, "Tokens and scopes"): the scopes of its
 * token and, when the token names conversations, only those. A built-in bot acting inside
 * Confer has every scope, no token and no conversation limit.
 *
 * @param tokenId         the token presented, or null for a built-in bot acting inside Confer
 * @param conversationIds the token's allow-list, or null for every conversation the bot is in
 */
public record BotGrant(UUID tokenId, Set<String> scopes, Set<UUID> conversationIds) {
    public static final String MESSAGES_WRITE = "messages:write";
    public static final String MENTIONS_READ = "mentions:read";
    public static final String COMMANDS = "commands";
    public static final String REQUESTS_MANAGE = "requests:manage";
    public static final String RESULTS_SUBMIT = "results:submit";
    public static final Set<String> ALL_SCOPES = Set.of(MESSAGES_WRITE, MENTIONS_READ, COMMANDS, REQUESTS_MANAGE, RESULTS_SUBMIT);

    public BotGrant {
        scopes = Set.copyOf(scopes);
        conversationIds = conversationIds == null ? null : Set.copyOf(conversationIds);
    }

    /** A built-in bot acting inside Confer (BotPoster): every scope, every conversation it is in. */
    public static BotGrant internal() {
        return new BotGrant(null, ALL_SCOPES, null);
    }

    public boolean has(String scope) {
        return scopes.contains(scope);
    }

    /** False when the token is limited to other conversations. */
    public boolean allows(UUID conversationId) {
        return conversationIds == null || conversationIds.contains(conversationId);
    }

    /** True for a built-in bot acting inside Confer (no token; rate limits meant for API callers do not apply). */
    public boolean isInternal() {
        return tokenId == null;
    }
}

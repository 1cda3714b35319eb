package org.confer.identity;

import java.util.Optional;

/**
 * Resolves a bot token ({@code cb_...}) to its bot's principal; implemented by the bots feature
 * and handed to {@link SessionService} by the composition root (identity cannot see bots).
 * Empty for an unknown or revoked token and for a disabled bot.
 */
@FunctionalInterface
public interface BotTokenResolver {
    String PREFIX = "cb_";

    Optional<Principal> resolve(String token);
}

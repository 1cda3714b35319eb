package org.confer.bots;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A bot of one organisation; {@code id} is its account's user id. {@code builtin} names the
 * built-in bot it is, or null for one an admin made. {@code enabled}: the bot and its account
 * are both on (a disabled bot's tokens stop working).
 */
public record Bot(UUID id, UUID organisationId, String displayName, String description, BuiltInBot builtin, boolean enabled,
                  UUID createdBy, OffsetDateTime createdAt) {}

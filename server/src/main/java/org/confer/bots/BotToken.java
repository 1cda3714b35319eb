package org.confer.bots;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/** A bot's API token as stored: never its value (only the SHA-256 is kept). {@code conversationIds} null = no limit. */
public record BotToken(UUID id, UUID botId, String name, Set<String> scopes, Set<UUID> conversationIds, UUID createdBy,
                       OffsetDateTime createdAt, OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {}

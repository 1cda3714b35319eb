package org.confer.chat;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A team: people from one or more organisations, with channels. */
public record Team(UUID id, String name, String description, UUID createdBy, OffsetDateTime createdAt, OffsetDateTime archivedAt) {}

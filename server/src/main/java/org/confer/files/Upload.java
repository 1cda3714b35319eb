package org.confer.files;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A resumable upload in progress: {@code received} bytes of {@code size} are staged. */
public record Upload(UUID id, UUID uploaderId, UUID conversationId, String name, long size, long received,
                     OffsetDateTime createdAt, OffsetDateTime expiresAt) {}

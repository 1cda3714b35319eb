package org.confer.files;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A completed upload as stored; {@code thumbnailSha256} is null when it has no thumbnail. */
public record StoredFile(UUID id, UUID uploaderId, UUID conversationId, String name, long size, String sha256, String contentType,
                         String status, Integer width, Integer height, String thumbnailSha256, OffsetDateTime createdAt) {
    public static final String SCANNING = "scanning";
    public static final String READY = "ready";
    public static final String INFECTED = "infected";
}

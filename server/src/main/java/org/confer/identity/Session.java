package org.confer.identity;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A signed-in device. The token that proves it is held only by the client. */
public record Session(
        UUID id,
        UUID userId,
        OffsetDateTime createdAt,
        OffsetDateTime lastSeenAt,
        OffsetDateTime expiresAt,
        String userAgent,
        String clientAddress) {

    public Session withLastSeenAt(OffsetDateTime at) {
        return new Session(id, userId, createdAt, at, expiresAt, userAgent, clientAddress);
    }
}

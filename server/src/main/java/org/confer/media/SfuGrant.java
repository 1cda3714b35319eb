package org.confer.media;

import java.time.Instant;

/**
 * What a browser needs to publish and subscribe in one room: the WebSocket path it opens on
 * Confer's own origin (relayed to Janus), the room, and the two signed tokens Janus checks (the
 * core token for every request, the room token for the VideoRoom join). Both expire together.
 */
public record SfuGrant(String path, long room, String token, String roomToken, Instant expiresAt) {}

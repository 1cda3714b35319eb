package org.confer.media;

import java.time.Duration;
import java.util.UUID;

/**
 * The selective forwarding unit calls use above the mesh size and for every scheduled meeting
 * (docs/calls-and-meetings.md): Janus's VideoRoom, driven by the server. When no Janus is
 * configured or running, {@link #available()} is false and calls fall back to the mesh.
 */
public interface Sfu {

    /** Whether rooms can be created now (a configured or embedded Janus that answers). */
    boolean available();

    /** Creates a room for one call, with a secret only the server holds; throws when Janus refuses or is down. */
    SfuRoom openRoom(UUID callId, int maxPublishers);

    /** Destroys the room; a room that no longer exists is not an error. */
    void closeRoom(SfuRoom room);

    /** Tokens for one person to join one room, valid for {@code ttl}; no call to Janus is needed. */
    SfuGrant grant(SfuRoom room, UUID userId, Duration ttl);
}

package org.confer.media;

import java.time.Duration;
import java.util.UUID;

/** No Janus configured or installed: calls use the mesh (docs/calls-and-meetings.md, "Media topology"). */
public final class NoSfu implements Sfu {
    @Override
    public boolean available() {
        return false;
    }

    @Override
    public SfuRoom openRoom(UUID callId, int maxPublishers) {
        throw new IllegalStateException("no SFU: check available() first");
    }

    @Override
    public void closeRoom(SfuRoom room) {
        // Nothing was ever opened.
    }

    @Override
    public SfuGrant grant(SfuRoom room, UUID userId, Duration ttl) {
        throw new IllegalStateException("no SFU: check available() first");
    }
}

package org.confer.media;

import java.time.Duration;
import java.util.UUID;

/**
 * No SFU at all: no Janus is configured, embedded or running. Calls then use the mesh (capped at
 * four peers, docs/calls-and-meetings.md), so nothing ever asks this for a room.
 */
public final class NoSfu implements Sfu {

    @Override
    public boolean available() {
        return false;
    }

    @Override
    public SfuRoom openRoom(UUID callId, int maxPublishers) {
        throw new IllegalStateException("no SFU is configured: calls use the mesh");
    }

    @Override
    public void closeRoom(SfuRoom room) {
        throw new IllegalStateException("no SFU is configured: calls use the mesh");
    }

    @Override
    public SfuGrant grant(SfuRoom room, UUID userId, Duration ttl) {
        throw new IllegalStateException("no SFU is configured: calls use the mesh");
    }
}

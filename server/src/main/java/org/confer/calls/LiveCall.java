package org.confer.calls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.confer.events.ServerFrame;

/**
 * A live call as this node holds it in memory: its peers and their controls, who is being rung,
 * who waits in the lobby and who was refused. Guarded by its own monitor: every change of one
 * call happens inside {@code synchronized (live)}. Only the call's owner node holds one
 * (docs/calls-and-meetings.md, "Where a call lives"); the other nodes ask it.
 */
final class LiveCall {
    static final String WAITING = "waiting";
    static final String ADMITTED = "admitted";
    static final String DENIED = "denied";
    static final String REMOVED = "removed";

    /** One peer: a person on one device, with their controls. */
    static final class Peer {
        final UUID peerId;
        final UUID userId;
        final Instant joinedAt;
        boolean muted;
        boolean camera;
        boolean screen;
        boolean hand;

        Peer(UUID peerId, UUID userId, Instant joinedAt) {
            this.peerId = peerId;
            this.userId = userId;
            this.joinedAt = joinedAt;
        }

        ServerFrame.CallPeer frame() {
            return new ServerFrame.CallPeer(peerId, userId, joinedAt, muted, camera, screen, hand);
        }
    }

    final Call call;
    /** The meeting occurrence's hosts and lobby policy, as the meetings feature last told it (null: ad hoc). */
    MeetingAccess meeting;
    final Map<UUID, Peer> peers = new LinkedHashMap<>();
    /** People who joined at some time (for call.missed: the rung who never did). */
    final Set<UUID> joinedEver = new LinkedHashSet<>();
    /** People rung at the start of a direct or group call. */
    final Set<UUID> rung = new LinkedHashSet<>();
    /** Of those, still ringing. */
    final Set<UUID> ringing = new LinkedHashSet<>();
    final Set<UUID> declined = new LinkedHashSet<>();
    /** Whether call.missed was settled (the ring timed out or was answered by everyone). */
    boolean ringSettled;
    final Instant ringUntil;
    final Map<UUID, Instant> waiting = new LinkedHashMap<>();
    final Set<UUID> admitted = new LinkedHashSet<>();
    /** Denied or removed: they cannot come back to this occurrence. */
    final Set<UUID> refused = new LinkedHashSet<>();
    /** People holding an SFU grant for this call's room. */
    final Set<UUID> granted = new LinkedHashSet<>();
    boolean ended;

    LiveCall(Call call, Instant ringUntil) {
        this.call = call;
        this.ringUntil = ringUntil;
    }

    boolean hasPeersOf(UUID userId) {
        return peers.values().stream().anyMatch(p -> p.userId.equals(userId));
    }

    List<Peer> peersOf(UUID userId) {
        return peers.values().stream().filter(p -> p.userId.equals(userId)).toList();
    }

    Set<UUID> people() {
        Set<UUID> out = new LinkedHashSet<>();
        peers.values().forEach(p -> out.add(p.userId));
        return out;
    }

    boolean isHost(UUID userId) {
        return meeting != null && (meeting.organiserId().equals(userId) || meeting.presenters().contains(userId));
    }

    Set<UUID> hosts() {
        Set<UUID> out = new LinkedHashSet<>();
        if (meeting != null) {
            out.add(meeting.organiserId());
            out.addAll(meeting.presenters());
        }
        return out;
    }

    List<ServerFrame.CallPeer> roster() {
        List<ServerFrame.CallPeer> out = new ArrayList<>();
        peers.values().forEach(p -> out.add(p.frame()));
        return out;
    }

    List<ServerFrame.LobbyEntry> lobby() {
        List<ServerFrame.LobbyEntry> out = new ArrayList<>();
        waiting.forEach((user, since) -> out.add(new ServerFrame.LobbyEntry(user, since)));
        return out;
    }
}

package org.confer.calls;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.confer.events.Audience;
import org.confer.events.Bus;
import org.confer.events.FrameWriter;
import org.confer.events.ServerFrame;

/**
 * The ephemeral frames of calls (docs/calls-and-meetings.md, "Stream frames"): each encoded once
 * and put on the bus for every stream of the people it concerns. Never stored: what a person must
 * not miss (a call started, ended or missed) is an event in the conversation's log instead.
 */
final class CallNotices {
    private final Bus bus;
    private final FrameWriter frames;
    private final Audience audience;

    CallNotices(Bus bus, FrameWriter frames, Audience audience) {
        this.bus = bus;
        this.frames = frames;
        this.audience = audience;
    }

    /** Who is in the call now, for every member of its conversation and everyone in or waiting for it. */
    void roster(LiveCall live) {
        Set<UUID> to = new LinkedHashSet<>(audience.memberIds(live.call.conversationId()));
        to.addAll(live.people());
        to.addAll(live.waiting.keySet());
        send(to, new ServerFrame.CallRoster(live.call.id(), live.call.conversationId(), live.call.topology(), live.roster(),
                live.ended));
    }

    /** A call ended without its roster (its node is gone): its members see it end, and nobody rings on. */
    void ended(LiveCall live) {
        Set<UUID> members = audience.memberIds(live.call.conversationId());
        roster(live);
        ringStopped(live.call.id(), members, "ended");
    }

    void ring(LiveCall live, Set<UUID> to) {
        send(to, new ServerFrame.CallRing(live.call.id(), live.call.conversationId(), live.call.startedBy(), live.call.media()));
    }

    void ringStopped(UUID callId, Set<UUID> to, String reason) {
        send(to, new ServerFrame.CallRingStopped(callId, reason));
    }

    /** Who waits, for the hosts (only those with a stream open receive it). */
    void lobby(LiveCall live) {
        send(live.hosts(), new ServerFrame.CallLobby(live.call.id(), live.lobby()));
    }

    void admission(UUID callId, UUID userId, String state) {
        send(Set.of(userId), new ServerFrame.CallAdmission(callId, state));
    }

    void signal(UUID toUser, ServerFrame.CallSignal signal) {
        send(Set.of(toUser), signal);
    }

    private void send(Set<UUID> to, ServerFrame frame) {
        if (!to.isEmpty()) {
            bus.ephemeralToUsers(Set.copyOf(to), frames.write(frame));
        }
    }
}

package org.confer.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.confer.calls.CallViews.CallView;
import org.confer.calls.CallViews.JoinResult;
import org.confer.calls.CallViews.Started;
import org.confer.calls.CallsElsewhere.Args;
import org.confer.calls.CallsElsewhere.Op;
import org.confer.chat.ConversationAccess;
import org.confer.db.Database;
import org.confer.events.Audience;
import org.confer.events.Bus;
import org.confer.events.ConversationWriter;
import org.confer.events.FrameWriter;
import org.confer.events.ServerFrame;
import org.confer.http.ApiException;
import org.confer.identity.Principal;
import org.confer.media.Sfu;
import org.confer.realtime.PresenceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls (docs/calls-and-meetings.md): the one entry point of every other feature and route. Each
 * live call is held by one node, the one that started it ({@code calls.owner_node}); what concerns
 * a call held here goes to {@link CallsHere}, where the rules are, and what concerns a call of
 * another node is asked of that node ({@link CallsElsewhere}), which runs it through its own
 * {@code CallsHere}. What happens over time (missed calls, dropped peers, the end) is
 * {@link CallLifecycle}'s.
 */
public final class CallService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallService.class);

    /** The most peers a mesh carries: each sends its media N-1 times (docs/performance.md). */
    public static final int MESH_MAX = 4;
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(5);

    private final Database db;
    private final CallStore store;
    private final Audience audience;
    private final CallLifecycle lifecycle;
    private final CallsHere here;
    private final CallsElsewhere elsewhere;
    private final CallSignalling signalling;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("calls-sweep").factory());
    private final CallMembership membership;

    public CallService(Database db, CallStore store, ConversationWriter writer, ConversationAccess access, Audience audience,
                       Bus bus, FrameWriter frames, PresenceService presence, ObjectMapper mapper, Sfu sfu, IceServers ice,
                       Clock clock) {
        this.db = db;
        this.store = store;
        this.audience = audience;
        // A peer stays while its person has a stream open on any node (the call's node may hold none of them).
        this.lifecycle = new CallLifecycle(db, store, writer, sfu, new CallNotices(bus, frames, audience),
                presence::setInCall, presence::connectedAnywhere, clock, bus.nodeId(), bus.clustered());
        this.here = new CallsHere(db, store, access, audience, sfu, ice, lifecycle,
                new CallOpener(db, store, writer, sfu, lifecycle, bus.nodeId()));
        this.elsewhere = new CallsElsewhere(bus, mapper, db, store, lifecycle, this::answer);
        this.signalling = new CallSignalling(lifecycle, clock, this::frameElsewhere);
        this.membership = new CallMembership(this::dropFrom);
    }

    /** Ends calls left live by a previous run (one node), then sweeps every few seconds. */
    public void start() {
        int ended = lifecycle.endLeftovers();
        if (ended > 0) {
            log.info("{} calls left from before the restart ended", ended);
        }
        timer.scheduleWithFixedDelay(() -> {
            try {
                lifecycle.sweep();
                elsewhere.endCallsOfGoneNodes();
            } catch (RuntimeException e) {
                log.warn("calls sweep failed; retrying at the next tick", e);
            }
        }, SWEEP_EVERY.toMillis(), SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Missed rings, streamless peers, calls nobody joined (tests call it after moving the clock). */
    public void sweep() {
        lifecycle.sweep();
    }

    // ---- start, list, read ----

    /** Starts a call in a conversation the caller belongs to, or answers the live one (created = false). */
    public Started start(Principal who, UUID conversationId, String media) {
        try {
            return here.start(who, conversationId, media);
        } catch (CallsHere.HeldElsewhere h) {
            return elsewhere.ask(h.node, Op.START, who, new Args(null, conversationId, null, null, media, null, null, null),
                    Started.class);
        }
    }

    /** The live calls of the caller's conversations, wherever they are held. */
    public List<CallView> liveCalls(Principal who) {
        List<UUID> mine = audience.conversationsOf(who.userId()).stream().map(Audience.Cursor::conversationId).toList();
        List<CallView> out = new ArrayList<>();
        for (Call c : store.liveIn(db.dsl(), mine)) {
            Optional<String> owner = lifecycle.ownerElsewhere(c.id());
            if (owner.isEmpty()) {
                here.liveView(c.id()).ifPresent(out::add);
                continue;
            }
            try {
                CallView v = elsewhere.ask(owner.get(), Op.CALL, who, Args.call(c.id()), CallView.class);
                if (v.endedAt() == null) {
                    out.add(v);
                }
            } catch (ApiException unanswered) {
                log.debug("live call {} left out: {}", c.id(), unanswered.getMessage());
            }
        }
        return out;
    }

    /** A call of a conversation the caller belongs to (or is in, or waits for); ended calls too. */
    public CallView call(Principal who, UUID callId) {
        return onOwner(callId, Op.CALL, who, Args.call(callId), CallView.class, () -> here.call(who, callId));
    }

    // ---- join, leave, decline ----

    /** Joins a call: a grant, or waiting when it is a meeting call whose lobby holds the caller. */
    public JoinResult join(Principal who, UUID callId) {
        return onOwner(callId, Op.JOIN, who, Args.call(callId), JoinResult.class, () -> here.join(who, callId));
    }

    /**
     * Joins (starting it when none is live) the call of one meeting occurrence. The meetings
     * feature has checked that the person may join the meeting at all; this applies the lobby.
     */
    public JoinResult joinMeeting(Principal who, MeetingAccess meeting) {
        try {
            return here.joinMeeting(who, meeting);
        } catch (CallsHere.HeldElsewhere h) {
            return elsewhere.ask(h.node, Op.JOIN_MEETING, who, new Args(null, null, null, null, null, meeting, null, null),
                    JoinResult.class);
        }
    }

    /** Leaves with one peer (one device); the last one out ends the call. */
    public void leave(Principal who, UUID callId, UUID peerId) {
        onOwner(callId, Op.LEAVE, who, new Args(callId, null, null, peerId, null, null, null, null), Void.class, () -> {
            here.leave(who, callId, peerId);
            return null;
        });
    }

    /** Stops ringing on all of the caller's devices; nothing else changes. */
    public void decline(Principal who, UUID callId) {
        onOwner(callId, Op.DECLINE, who, Args.call(callId), Void.class, () -> {
            here.decline(who, callId);
            return null;
        });
    }

    // ---- the lobby (meeting calls) ----

    public void admit(Principal who, UUID callId, UUID userId) {
        decide(who, callId, userId, true);
    }

    public void deny(Principal who, UUID callId, UUID userId) {
        decide(who, callId, userId, false);
    }

    private void decide(Principal who, UUID callId, UUID userId, boolean admit) {
        onOwner(callId, admit ? Op.ADMIT : Op.DENY, who, Args.person(callId, userId), Void.class, () -> {
            here.decide(who, callId, userId, admit);
            return null;
        });
    }

    /** A host removes someone; they cannot rejoin this meeting occurrence. */
    public void remove(Principal who, UUID callId, UUID userId) {
        onOwner(callId, Op.REMOVE, who, Args.person(callId, userId), Void.class, () -> {
            here.remove(who, callId, userId);
            return null;
        });
    }

    /** The live call of a conversation as a feature that owns one shows it: who waits (since when) and how many are in. */
    public record LiveSummary(UUID callId, Map<UUID, java.time.Instant> waiting, int people) {}

    /** The live call in a conversation, if any (visits: the ward view's "Waiting" and "In call"). */
    public Optional<LiveSummary> liveIn(UUID conversationId) {
        return store.liveIn(db.dsl(), conversationId).flatMap(callId -> Optional.ofNullable(
                onOwner(callId, Op.LIVE_IN, null, Args.call(callId), LiveSummary.class, () -> here.liveIn(callId).orElse(null))));
    }

    // ---- for the media relay ----

    /** Whether the person holds a grant for a live call on this SFU room now (and was not denied or removed). */
    public boolean mayJoinRoom(UUID userId, long room) {
        if (lifecycle.mayJoinRoom(userId, room)) {
            return true;
        }
        Optional<String> owner = store.liveOnRoom(db.dsl(), room).flatMap(c -> lifecycle.ownerElsewhere(c.id()));
        try {
            return owner.isPresent() && Boolean.TRUE.equals(elsewhere.ask(owner.get(), Op.MAY_JOIN_ROOM, null,
                    new Args(null, null, userId, null, null, null, room, null), Boolean.class));
        } catch (ApiException unanswered) {
            return false; // the relay lets nobody in that the call's node does not vouch for
        }
    }

    /** Called with (person, room) when a person's grant for a room ends: they left, were removed, or the call ended. */
    public void onRevoked(BiConsumer<UUID, Long> listener) {
        lifecycle.onRevoked(listener);
    }

    // ---- the bus ----

    /** What calls take from the bus: membership changes, and requests and replies about calls held on one node. */
    public List<Bus.Listener> listeners() {
        return List.of(membership, elsewhere);
    }

    /** A feature ends someone's part in the live call of a conversation at once (visits: a cancelled visit's guests). */
    public void dropFrom(UUID conversationId, UUID userId) {
        store.liveIn(db.dsl(), conversationId).ifPresent(callId ->
                onOwner(callId, Op.DROP, null, Args.person(callId, userId), Void.class, () -> {
                    here.dropFrom(callId, userId);
                    return null;
                }));
    }

    /** The stream's handler of call.signal and call.state. */
    public CallSignalling signalling() {
        return signalling;
    }

    // ---- between nodes ----

    /** Runs {@code local} when this node holds the call (or nobody does: it answers ended), else asks its node. */
    private <T> T onOwner(UUID callId, Op op, Principal who, Args args, Class<T> type, Supplier<T> local) {
        Optional<String> owner = lifecycle.ownerElsewhere(callId);
        return owner.isPresent() ? elsewhere.ask(owner.get(), op, who, args, type) : local.get();
    }

    /** Another node asks about a call held here: the same rules as for this node's own requests, and no second hop. */
    private Object answer(Op op, Principal who, Args a) {
        return switch (op) {
            case START -> here.start(who, a.conversationId(), a.media());
            case CALL -> here.call(who, a.callId());
            case JOIN -> here.join(who, a.callId());
            case JOIN_MEETING -> here.joinMeeting(who, a.meeting());
            case LEAVE -> {
                here.leave(who, a.callId(), a.peerId());
                yield null;
            }
            case DECLINE -> {
                here.decline(who, a.callId());
                yield null;
            }
            case ADMIT, DENY -> {
                here.decide(who, a.callId(), a.userId(), op == Op.ADMIT);
                yield null;
            }
            case REMOVE -> {
                here.remove(who, a.callId(), a.userId());
                yield null;
            }
            case LIVE_IN -> here.liveIn(a.callId()).orElse(null);
            case MAY_JOIN_ROOM -> lifecycle.mayJoinRoom(a.userId(), a.room());
            case DROP -> {
                here.dropFrom(a.callId(), a.userId());
                yield null;
            }
            case FRAME -> {
                List<ServerFrame.Error> refused = new ArrayList<>();
                signalling.here(a.userId(), a.frame(), f -> refused.add((ServerFrame.Error) f));
                yield refused.isEmpty() ? null : new Refusal(refused.getFirst().code(), refused.getFirst().message());
            }
        };
    }

    /** A stream frame's refusal on the call's node, carried back to the connection that sent the frame. */
    record Refusal(String code, String message) {}

    private boolean frameElsewhere(UUID userId, UUID callId, JsonNode frame, Consumer<ServerFrame> reply) {
        Optional<String> owner = lifecycle.ownerElsewhere(callId);
        if (owner.isEmpty()) {
            return false;
        }
        elsewhere.later(owner.get(), Op.FRAME, null, new Args(callId, null, userId, null, null, null, null, frame))
                .whenComplete((result, failed) -> {
                    if (result != null && result.hasNonNull("code")) {
                        reply.accept(new ServerFrame.Error(result.get("code").asText(), result.path("message").asText()));
                    } else if (failed != null) {
                        // Best effort, like all signalling: the browser's own timers retry or give up.
                        log.debug("call frame for {} not handled by node {}: {}", callId, owner.get(), failed.toString());
                    }
                });
        return true;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        membership.close();
        elsewhere.close();
    }
}

package org.confer.calls;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.confer.events.ServerFrame;
import org.confer.limits.KeyedBudget;
import org.confer.realtime.ClientFrameHandler;

/**
 * The client frames of calls on the stream (docs/calls-and-meetings.md, "Stream frames"):
 * {@code call.signal}, relayed to the person of the peer it is addressed to, and
 * {@code call.state}, a peer's controls, which change the roster. Refusals are error frames; the
 * connection stays open.
 */
public final class CallSignalling implements ClientFrameHandler {
    public static final String SIGNAL = "call.signal";
    public static final String STATE = "call.state";
    /** An SDP offer with many codecs and candidates is a few KiB; 16 KiB leaves room without letting one frame be huge. */
    public static final int MAX_SIGNAL_BYTES = 16 * 1024;
    /**
     * Call frames per person per second, all at once at most: ICE gathering sends a burst of
     * candidates per peer (a few dozen at most in a four-person mesh), then next to nothing.
     */
    public static final int FRAMES_PER_SECOND = 50;

    /** Hands a frame to the node holding its call; false when no other node holds it. */
    interface Elsewhere {
        boolean forwarded(UUID userId, UUID callId, JsonNode frame, Consumer<ServerFrame> reply);
    }

    private final CallLifecycle lifecycle;
    private final KeyedBudget<UUID> budget;
    private final Elsewhere elsewhere;

    CallSignalling(CallLifecycle lifecycle, Clock clock, Elsewhere elsewhere) {
        this.lifecycle = lifecycle;
        this.elsewhere = elsewhere;
        this.budget = new KeyedBudget<>(FRAMES_PER_SECOND, Duration.ofSeconds(1), clock, 200_000);
    }

    @Override
    public boolean handles(String type) {
        return SIGNAL.equals(type) || STATE.equals(type);
    }

    @Override
    public void handle(UUID userId, JsonNode frame, Consumer<ServerFrame> reply) {
        if (budget.tryTake(userId).isPresent()) {
            reply.accept(new ServerFrame.Error("rate-limited", "at most " + FRAMES_PER_SECOND + " call frames a second"));
            return;
        }
        Optional<UUID> callId = uuid(frame.path("callId"));
        if (callId.isPresent() && lifecycle.existing(callId.get()).isEmpty()
                && elsewhere.forwarded(userId, callId.get(), frame, reply)) {
            return; // the budget was taken here, where the person's stream is
        }
        here(userId, frame, reply);
    }

    /** A frame about a call this node holds (from this node's stream, or forwarded by another node). */
    void here(UUID userId, JsonNode frame, Consumer<ServerFrame> reply) {
        if (SIGNAL.equals(frame.path("type").asText())) {
            signal(userId, frame, reply);
        } else {
            state(userId, frame, reply);
        }
    }

    private void signal(UUID userId, JsonNode frame, Consumer<ServerFrame> reply) {
        Optional<UUID> callId = uuid(frame.path("callId"));
        Optional<UUID> from = uuid(frame.path("fromPeer"));
        Optional<UUID> to = uuid(frame.path("toPeer"));
        JsonNode signal = frame.path("signal");
        if (callId.isEmpty() || from.isEmpty() || to.isEmpty() || !signal.isObject()) {
            reply.accept(new ServerFrame.Error("invalid-call-frame",
                    "call.signal needs callId, fromPeer and toPeer (UUIDs) and signal (an object)"));
            return;
        }
        String json = signal.toString();
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_SIGNAL_BYTES) {
            reply.accept(new ServerFrame.Error("invalid-call-frame", "signal must be at most " + MAX_SIGNAL_BYTES + " bytes"));
            return;
        }
        Optional<LiveCall> l = lifecycle.existing(callId.get());
        if (l.isEmpty()) {
            reply.accept(notInCall(callId.get()));
            return;
        }
        UUID target;
        synchronized (l.get()) {
            LiveCall.Peer sender = l.get().peers.get(from.get());
            LiveCall.Peer receiver = l.get().peers.get(to.get());
            if (l.get().ended || sender == null || !sender.userId.equals(userId) || receiver == null) {
                reply.accept(notInCall(callId.get()));
                return;
            }
            target = receiver.userId;
        }
        lifecycle.notices().signal(target, new ServerFrame.CallSignal(callId.get(), from.get(), userId, to.get(), json));
    }

    private void state(UUID userId, JsonNode frame, Consumer<ServerFrame> reply) {
        Optional<UUID> callId = uuid(frame.path("callId"));
        Optional<UUID> peerId = uuid(frame.path("peerId"));
        if (callId.isEmpty() || peerId.isEmpty() || !flags(frame)) {
            reply.accept(new ServerFrame.Error("invalid-call-frame",
                    "call.state needs callId and peerId (UUIDs); muted, camera, screen and hand are booleans when sent"));
            return;
        }
        Optional<LiveCall> l = lifecycle.existing(callId.get());
        if (l.isEmpty()) {
            reply.accept(notInCall(callId.get()));
            return;
        }
        synchronized (l.get()) {
            LiveCall.Peer p = l.get().peers.get(peerId.get());
            if (l.get().ended || p == null || !p.userId.equals(userId)) {
                reply.accept(notInCall(callId.get()));
                return;
            }
            p.muted = flag(frame, "muted", p.muted);
            p.camera = flag(frame, "camera", p.camera);
            p.screen = flag(frame, "screen", p.screen);
            p.hand = flag(frame, "hand", p.hand);
            lifecycle.notices().roster(l.get());
        }
    }

    private static boolean flags(JsonNode frame) {
        for (String name : new String[] {"muted", "camera", "screen", "hand"}) {
            JsonNode v = frame.path(name);
            if (!v.isMissingNode() && !v.isBoolean()) {
                return false;
            }
        }
        return true;
    }

    private static boolean flag(JsonNode frame, String name, boolean current) {
        JsonNode v = frame.path(name);
        return v.isBoolean() ? v.asBoolean() : current;
    }

    private static ServerFrame.Error notInCall(UUID callId) {
        return new ServerFrame.Error("not-in-call", "you have no peer in call " + callId + ", or the peer you named is not in it");
    }

    private static Optional<UUID> uuid(JsonNode id) {
        try {
            return id.isTextual() && id.asText().length() == 36 ? Optional.of(UUID.fromString(id.asText())) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

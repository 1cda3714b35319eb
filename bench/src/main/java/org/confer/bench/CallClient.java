package org.confer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One person's stream in the meetings scenario: records when each peer first appears in a
 * {@code call.roster}, every {@code call.signal} addressed to this person (by its sender's
 * number, to count losses and duplicates), and the calls whose {@code call.ended} line arrived.
 * Sends its own signalling frames on the same stream. Public because Jetty calls listener
 * methods only on public classes.
 */
public final class CallClient extends TextStream {
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Map<String, Long> peerSeenAt = new ConcurrentHashMap<>();
    private final Set<String> signals = ConcurrentHashMap.newKeySet();
    private final Set<String> endedCalls = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicateSignals = new AtomicLong();
    private volatile Session session;

    CompletableFuture<Void> connect(Api api, int client, String token) {
        return api.openStream(client, this, token, Duration.ofSeconds(30))
                .thenCompose(s -> Callback.Completable.with(sent -> s.sendText("{\"type\":\"hello\",\"cursors\":{}}", sent)))
                .thenCompose(x -> ready);
    }

    @Override
    public void onWebSocketOpen(Session s) {
        super.onWebSocketOpen(s);
        session = s;
    }

    void send(String frame) {
        session.sendText(frame, Callback.NOOP);
    }

    @Override
    protected void onFrame(String f) {
        long now = System.nanoTime();
        if (f.startsWith("{\"type\":\"ready\"")) {
            ready.complete(null);
        } else if (f.startsWith("{\"type\":\"call.roster\"")) {
            for (JsonNode p : read(f).path("participants")) {
                peerSeenAt.putIfAbsent(p.get("peerId").asText(), now);
            }
        } else if (f.startsWith("{\"type\":\"call.signal\"")) {
            JsonNode s = read(f);
            if (!signals.add(s.get("fromPeer").asText() + "/" + s.path("signal").path("n").asText())) {
                duplicateSignals.incrementAndGet();
            }
        } else if (f.startsWith("{\"type\":\"event\"") && f.contains("\"kind\":\"call.ended\"")) {
            endedCalls.add(read(f).path("event").path("callId").asText());
        }
    }

    private static JsonNode read(String frame) {
        try {
            return Api.JSON.readTree(frame);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable frame " + frame, e);
        }
    }

    /** When this stream first saw the peer in a roster (System.nanoTime), or null. */
    Long peerSeenAt(String peerId) {
        return peerSeenAt.get(peerId);
    }

    int signalsReceived() {
        return signals.size();
    }

    long duplicateSignals() {
        return duplicateSignals.get();
    }

    boolean sawEnd(String callId) {
        return endedCalls.contains(callId);
    }
}

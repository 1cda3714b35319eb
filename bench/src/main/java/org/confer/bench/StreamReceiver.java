package org.confer.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * One connected person with several conversations (rooms, nhs-day): a real stream client that
 * says hello without cursors (everything live from now; scenarios connect everyone before the
 * first send) and records, per tracked conversation, the seq of every message.posted event, and
 * the end-to-end latency from the time carried in the text ({@code t=<nanoTime>;}, the scheduled
 * send time in open-loop scenarios). Frames are handled on Jetty's threads, one at a time per stream.
 * Public only because Jetty calls a listener's methods through a public method-handle lookup.
 */
public final class StreamReceiver extends TextStream {
    private final Map<String, LongList> seqs = new HashMap<>();
    private final LongList latencyNanos = new LongList();
    private final LongAdder deliveries;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile String closedReason;
    /** The node (0-based) this stream is connected to; set by {@link #connect}. */
    private volatile int node;

    /** @param deliveries counts every recorded delivery across all receivers, for waiting on the drain */
    StreamReceiver(List<String> conversationIds, LongAdder deliveries) {
        for (String c : conversationIds) {
            seqs.put(c, new LongList());
        }
        this.deliveries = deliveries;
    }

    /** Connects through source address {@code client}; completes once the hello is sent. */
    CompletableFuture<?> connect(Api api, int client, String token) {
        node = api.node(client);
        return api.openStream(client, this, token, Duration.ofSeconds(30))
                .thenCompose(s -> Callback.Completable.with(sent -> s.sendText("{\"type\":\"hello\",\"cursors\":{}}", sent)));
    }

    /**
     * Connects every receiver (receiver i as tokens[i]) with at most {@code parallel} handshakes
     * under way, and returns when all of them are ready. A receiver that cannot connect fails the
     * set-up: the run would measure fewer members than it claims.
     */
    static void connectAll(Api api, List<StreamReceiver> receivers, List<String> tokens, int parallel) throws Exception {
        java.util.concurrent.Semaphore opening = new java.util.concurrent.Semaphore(parallel);
        List<CompletableFuture<Void>> all = new java.util.ArrayList<>();
        for (int i = 0; i < receivers.size(); i++) {
            opening.acquire();
            StreamReceiver r = receivers.get(i);
            all.add(r.connect(api, i, tokens.get(i)).thenCompose(x -> r.ready())
                    .whenComplete((x, e) -> opening.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, java.util.concurrent.TimeUnit.MINUTES);
    }

    /** Completes when the server's ready frame arrives: from then on every event is live. */
    CompletableFuture<Void> ready() {
        return ready;
    }

    @Override
    protected synchronized void onFrame(String f) {
        if (!f.startsWith("{\"type\":\"event\"")) {
            if (f.startsWith("{\"type\":\"ready\"")) {
                ready.complete(null);
            }
            return;
        }
        if (!f.contains("\"kind\":\"message.posted\"")) {
            return;
        }
        long now = System.nanoTime();
        int c = f.indexOf("\"conversationId\":\"") + 18;
        LongList list = seqs.get(f.substring(c, f.indexOf('"', c)));
        if (list == null) {
            return;
        }
        int s = f.indexOf("\"seq\":") + 6;
        list.add(Long.parseLong(f, s, f.indexOf(',', s), 10));
        int t = f.indexOf("t=") + 2;
        latencyNanos.add(now - Long.parseLong(f, t, f.indexOf(';', t), 10));
        deliveries.increment();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        // Jetty reports a close after an error too; the error, reported first, is the better reason.
        if (closedReason == null) {
            closedReason = statusCode + " " + reason;
        }
        ready.completeExceptionally(new IllegalStateException("stream closed before ready: " + closedReason));
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable error) {
        closedReason = "error " + error;
        ready.completeExceptionally(error);
    }

    synchronized Map<String, LongList> seqs() {
        return seqs;
    }

    synchronized LongList latencies() {
        return latencyNanos;
    }

    /** Forgets what was recorded (between the steps of a speed search). */
    synchronized void reset() {
        seqs.values().forEach(LongList::clear);
        latencyNanos.clear();
    }

    int node() {
        return node;
    }

    String closedReason() {
        return closedReason;
    }
}

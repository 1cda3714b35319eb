package org.confer.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * One requesting clinician's stream in the results scenario: records, for every
 * {@code message.posted} event carrying a result marker ({@code BR<index>X}), how often that
 * result arrived and when it first did. It does not know the Results bot's direct chat in
 * advance (the bot opens it with the first alert), so it looks at every message it is sent.
 * Public only because Jetty calls a listener's methods through a public method-handle lookup.
 */
public final class ResultsReceiver extends TextStream {
    private final int[] counts;
    private final long[] firstSeenNanos;
    private final LongAdder alerts;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile String closedReason;

    /** @param results how many results the run sends (indices 0 to results - 1) */
    ResultsReceiver(int results, LongAdder alerts) {
        this.counts = new int[results];
        this.firstSeenNanos = new long[results];
        this.alerts = alerts;
    }

    CompletableFuture<Void> connect(Api api, int client, String token) {
        return api.openStream(client, this, token, Duration.ofSeconds(30))
                .thenCompose(s -> Callback.Completable.with(sent -> s.sendText("{\"type\":\"hello\",\"cursors\":{}}", sent)))
                .thenCompose(x -> ready);
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
        int m = f.indexOf("BR");
        while (m >= 0) {
            int end = m + 2;
            while (end < f.length() && Character.isDigit(f.charAt(end))) {
                end++;
            }
            if (end > m + 2 && end < f.length() && f.charAt(end) == 'X') {
                int index = Integer.parseInt(f, m + 2, end, 10);
                if (index < counts.length) {
                    if (counts[index]++ == 0) {
                        firstSeenNanos[index] = now;
                    }
                    alerts.increment();
                }
                return; // one result per alert: the first marker names it
            }
            m = f.indexOf("BR", m + 2);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
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

    synchronized int count(int index) {
        return counts[index];
    }

    synchronized long firstSeen(int index) {
        return firstSeenNanos[index];
    }

    String closedReason() {
        return closedReason;
    }
}

package org.confer.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

/**
 * One connected member: a real stream client that sends hello with its cursor and records, for
 * every message event of the measured conversation, its seq and end-to-end latency (the send
 * time travels in the message text). It parses only what it needs, so the generator stays cheap.
 */
final class Receiver implements WebSocket.Listener {
    private final String conversationId;
    private final long[] seqs;
    private final long[] latencyNanos;
    private final CountDownLatch done;
    private final StringBuilder partial = new StringBuilder();
    private int count;
    private long frameChars;
    private volatile String closedReason;
    private WebSocket ws;

    Receiver(String conversationId, int expected, CountDownLatch done) {
        this.conversationId = conversationId;
        this.seqs = new long[expected * 2 + 16];
        this.latencyNanos = new long[expected * 2 + 16];
        this.done = done;
    }

    void connect(HttpClient http, String base, String token, long cursor) {
        ws = http.newWebSocketBuilder().header("Authorization", "Bearer " + token).connectTimeout(Duration.ofSeconds(20))
                .buildAsync(URI.create(base.replace("http://", "ws://") + "/api/v1/stream"), this).join();
        ws.sendText("{\"type\":\"hello\",\"cursors\":{\"" + conversationId + "\":" + cursor + "}}", true).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            onFrame(frame);
        }
        webSocket.request(1);
        return null;
    }

    private void onFrame(String f) {
        if (!f.startsWith("{\"type\":\"event\"") || !f.contains("\"kind\":\"message.posted\"") || !f.contains(conversationId)) {
            return;
        }
        long now = System.nanoTime();
        int s = f.indexOf("\"seq\":") + 6;
        long seq = Long.parseLong(f, s, f.indexOf(',', s), 10);
        int t = f.indexOf("t=") + 2;
        long sent = Long.parseLong(f, t, f.indexOf(';', t), 10);
        if (count < seqs.length) {
            seqs[count] = seq;
            latencyNanos[count] = now - sent;
        }
        count++;
        frameChars += f.length();
        done.countDown();
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closedReason = statusCode + " " + reason;
        return null;
    }

    int count() {
        return count;
    }

    long seq(int i) {
        return seqs[i];
    }

    long latency(int i) {
        return latencyNanos[i];
    }

    /** Characters of the counted frames (their UTF-8 size for the ASCII frames the bench sends). */
    long frameChars() {
        return frameChars;
    }

    String closedReason() {
        return closedReason;
    }

    void close() {
        if (ws != null) {
            ws.abort();
        }
    }
}

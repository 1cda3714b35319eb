package org.confer.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One connected member: a real stream client that sends hello with its cursor and records, for
 * every message event of the measured conversation, its seq and end-to-end latency (the send
 * time travels in the message text). It parses only what it needs, so the generator stays cheap.
 * Frames are handled on Jetty's threads, one at a time per stream. Public only because Jetty
 * calls a listener's methods through a public method-handle lookup.
 */
public final class Receiver extends TextStream {
    private final String conversationId;
    private final long[] seqs;
    private final long[] latencyNanos;
    private final CountDownLatch done;
    private int count;
    private long frameChars;
    private volatile String closedReason;
    /** The node (0-based) this stream is connected to; set by {@link #connect}. */
    private int node;

    Receiver(String conversationId, int expected, CountDownLatch done) {
        this.conversationId = conversationId;
        this.seqs = new long[expected * 2 + 16];
        this.latencyNanos = new long[expected * 2 + 16];
        this.done = done;
    }

    /** Connects through source address {@code client} and says hello with the cursor; returns once the hello is sent. */
    void connect(Api api, int client, String token, long cursor) {
        node = api.node(client);
        Session s = api.openStream(client, this, token, Duration.ofSeconds(20)).join();
        Callback.Completable.with(sent -> s.sendText("{\"type\":\"hello\",\"cursors\":{\"" + conversationId + "\":" + cursor + "}}", sent))
                .join();
    }

    @Override
    protected void onFrame(String f) {
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
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        closedReason = statusCode + " " + reason;
        callback.succeed();
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

    int node() {
        return node;
    }

    String closedReason() {
        return closedReason;
    }
}

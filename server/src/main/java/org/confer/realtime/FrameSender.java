package org.confer.realtime;

import io.javalin.websocket.WsContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.confer.events.ConversationFrame;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * Writes one connection's text frames to its socket, for its writer thread only. Frames go
 * through Jetty's core session, so a fan-out to N members writes the event's shared UTF-8 bytes
 * rather than encoding the JSON N times, and bursts are batched (see {@link #write}).
 */
final class FrameSender {
    /** Batched frames handed over before the writer waits for them: bounds what one connection buffers. */
    static final int MAX_BATCHED_FRAMES = 256;

    private final WsContext ws;
    private final StreamLimits limits;
    /** Frames handed to Jetty in batch mode since the last wait. */
    private final List<CompletableFuture<Void>> batched = new ArrayList<>();
    private volatile boolean stopped;

    FrameSender(WsContext ws, StreamLimits limits) {
        this.ws = ws;
        this.limits = limits;
    }

    /** After this, every send fails at once (the connection is closing). */
    void stop() {
        stopped = true;
    }

    void send(ConversationFrame f, boolean more) throws InterruptedException, StuckWrite, java.io.IOException {
        if (!(ws.session instanceof WebSocketSession jetty)) {
            send(f.frame(), more);
            return;
        }
        write(jetty, new Frame(OpCode.TEXT, f.bytes()), more);
    }

    void send(String text, boolean more) throws InterruptedException, StuckWrite, java.io.IOException {
        if (!(ws.session instanceof WebSocketSession jetty)) {
            requireOpen();
            Callback.Completable done = new Callback.Completable();
            ws.session.sendText(text, done);
            await(done);
            return;
        }
        write(jetty, new Frame(OpCode.TEXT, text), more);
    }

    /**
     * Hands a frame to Jetty. When {@code more} frames are about to follow (a replay, or a queue
     * that is not empty), the frame goes in batch mode: Jetty copies it into the connection's
     * output buffer and the writer goes on, so a burst leaves in a few large writes instead of
     * one system call per frame. The last frame of a burst is sent unbatched and carries the
     * buffered ones out with it; the writer waits for it (the send timeout still catches a
     * client that stopped reading), and also after every {@value #MAX_BATCHED_FRAMES} batched
     * frames, so a slow client never has more than that queued inside Jetty.
     */
    private void write(WebSocketSession jetty, Frame frame, boolean more) throws InterruptedException, StuckWrite, java.io.IOException {
        requireOpen();
        CompletableFuture<Void> done = new CompletableFuture<>();
        jetty.getCoreSession().sendFrame(frame, org.eclipse.jetty.util.Callback.from(
                () -> done.complete(null), done::completeExceptionally), more);
        batched.add(done);
        if (!more || batched.size() >= MAX_BATCHED_FRAMES) {
            awaitBatched();
        }
    }

    /** After a burst whose last frame went batched (e.g. the next queued item was not for this client): send what is buffered. */
    void flush() throws InterruptedException, StuckWrite, java.io.IOException {
        if (batched.isEmpty() || !(ws.session instanceof WebSocketSession jetty)) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        jetty.getCoreSession().flush(org.eclipse.jetty.util.Callback.from(() -> done.complete(null), done::completeExceptionally));
        batched.add(done);
        awaitBatched();
    }

    private void awaitBatched() throws InterruptedException, StuckWrite, java.io.IOException {
        long deadline = System.nanoTime() + limits.sendTimeout().toNanos();
        for (CompletableFuture<Void> f : batched) {
            await(f, deadline);
        }
        batched.clear();
    }

    private void await(CompletableFuture<Void> f) throws InterruptedException, StuckWrite, java.io.IOException {
        await(f, System.nanoTime() + limits.sendTimeout().toNanos());
    }

    private void await(CompletableFuture<Void> f, long deadline) throws InterruptedException, StuckWrite, java.io.IOException {
        try {
            f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException stuck) {
            throw new StuckWrite(limits.sendTimeout().toSeconds());
        } catch (java.util.concurrent.ExecutionException failed) {
            throw new java.io.IOException("send failed", failed.getCause());
        }
    }

    private void requireOpen() throws InterruptedException {
        if (stopped) {
            throw new InterruptedException("closed");
        }
    }
}

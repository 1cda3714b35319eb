package org.confer.realtime;

import io.javalin.websocket.WsContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's stream. Producers (the bus, on any thread) only {@link #offer} into a bounded
 * queue; one virtual thread per connection writes to the socket, so a slow client delays no one
 * else. The writer first waits for the client's hello, replays what the client missed from the
 * database, then drains live frames — dropping any seq already sent and fetching any gap — so
 * nothing is skipped or repeated across the switch from replay to live.
 */
final class StreamConnection {
    private static final Logger log = LoggerFactory.getLogger(StreamConnection.class);

    /** Close codes (4000-4999 are the application's; see docs/protocol.md). */
    static final int CLOSE_SLOW_CONSUMER = 4008;
    static final int CLOSE_NO_HELLO = 4000;
    static final int CLOSE_TOO_MANY_CONNECTIONS = 4029;
    static final int CLOSE_SESSION_ENDED = 4001;
    static final int CLOSE_SERVER_STOPPING = 1001;

    private static final Object STOP = new Object();
    /** Queued when the hello arrives, to wake the writer waiting for it. */
    private static final Object HELLO = new Object();

    /** An answer to one of the client's own frames (error, pong): sent at once, even before the hello. */
    private record Reply(String frame) {}

    private final UUID userId;
    private final UUID sessionId;
    private final WsContext ws;
    private final StreamGateway gateway;
    private final EventSource source;
    private final LinkedBlockingQueue<Object> queue;
    private final CompletableFuture<Hello> hello = new CompletableFuture<>();
    private final StreamLimits limits;
    private volatile boolean closed;
    /** When this stream's session ends unless used again (the gateway's session check keeps it current). */
    private volatile java.time.Instant sessionLiveUntil = java.time.Instant.MIN;
    private volatile java.time.Instant lastUseRecorded = java.time.Instant.MIN;

    // Writer-thread state only.
    private final Map<UUID, Long> lastSent = new HashMap<>();
    private long lastUserSeq;
    /** Frames handed to Jetty in batch mode since the last wait (see {@link #write}). */
    private final List<CompletableFuture<Void>> batched = new ArrayList<>();

    /** Batched frames handed over before the writer waits for them: bounds what one connection buffers. */
    static final int MAX_BATCHED_FRAMES = 256;

    StreamConnection(UUID userId, UUID sessionId, WsContext ws, StreamGateway gateway, EventSource source, StreamLimits limits) {
        this.userId = userId;
        this.sessionId = sessionId;
        this.ws = ws;
        this.gateway = gateway;
        this.source = source;
        this.limits = limits;
        this.queue = new LinkedBlockingQueue<>(limits.outboundQueueFrames());
    }

    UUID userId() {
        return userId;
    }

    UUID sessionId() {
        return sessionId;
    }

    String id() {
        return ws.sessionId();
    }

    java.time.Instant sessionLiveUntil() {
        return sessionLiveUntil;
    }

    void sessionLiveUntil(java.time.Instant until) {
        this.sessionLiveUntil = until;
    }

    /** True (and remembered) when the last recorded use of the session is at least {@code every} ago. */
    synchronized boolean shouldRecordUse(java.time.Instant now, java.time.Duration every) {
        if (now.isBefore(lastUseRecorded.plus(every))) {
            return false;
        }
        lastUseRecorded = now;
        return true;
    }

    void start() {
        Thread.ofVirtual().name("stream-" + userId).start(this::run);
    }

    /** Never blocks. A full queue means the client is not keeping up: it is disconnected. */
    void offer(Object item) {
        if (closed) {
            return;
        }
        if (!queue.offer(item)) {
            close(CLOSE_SLOW_CONSUMER, "slow consumer: outbound queue full; reconnect and resume from your cursors");
        }
    }

    /** Answers a frame of the client's; unlike other frames, answers are not held back until the hello. */
    void reply(String frame) {
        offer(new Reply(frame));
    }

    void helloReceived(Hello h) {
        if (hello.complete(h)) {
            offer(HELLO);
        } else {
            reply(StreamGateway.errorFrame("duplicate-hello", "hello was already received on this connection"));
        }
    }

    void close(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        queue.offer(STOP);
        gateway.unregister(this);
        try {
            ws.closeSession(code, reason);
        } catch (RuntimeException e) {
            log.debug("close of stream {} failed: {}", id(), e.getMessage());
        }
    }

    /** The socket closed from the client's side (or failed). */
    void closedByPeer() {
        closed = true;
        queue.clear();
        queue.offer(STOP);
        gateway.unregister(this);
    }

    private void run() {
        try {
            List<Object> early = new ArrayList<>();
            Hello h = awaitHello(early);
            if (h == null) {
                return;
            }
            replay(h);
            for (Object item : early) {
                deliver(item);
            }
            flushIfIdle();
            while (!closed) {
                Object item = queue.take();
                if (item == STOP) {
                    return;
                }
                deliver(item);
                flushIfIdle();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!closed) {
                log.debug("stream {} of {} ended: {}", id(), userId, e.toString());
                close(1011, "server error");
            }
        }
    }

    /**
     * Waits for the hello (null when it did not come in time, or the connection closed). Replies
     * to the client's frames go out at once, so a client whose hello was refused hears why; other
     * frames wait in {@code early} until the replay is done.
     */
    private Hello awaitHello(List<Object> early) throws Exception {
        long deadline = System.nanoTime() + limits.helloTimeout().toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Object item = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (item == HELLO || (item == null && hello.isDone())) {
                return hello.get();
            }
            if (item == null) {
                close(CLOSE_NO_HELLO, "send a hello frame first");
                return null;
            }
            if (item == STOP) {
                return null;
            }
            if (item instanceof Reply r) {
                send(r.frame(), false);
            } else if (early.size() >= limits.outboundQueueFrames()) {
                close(CLOSE_SLOW_CONSUMER, "slow consumer: outbound queue full; reconnect and resume from your cursors");
                return null;
            } else {
                early.add(item);
            }
        }
    }

    private void replay(Hello h) throws Exception {
        Map<UUID, Long> cursors = h.cursors() == null ? Map.of() : h.cursors();
        int replayed = 0;
        for (EventSource.Cursor c : source.conversationsOf(userId)) {
            Long cursor = cursors.get(c.conversationId());
            if (cursor == null) {
                lastSent.put(c.conversationId(), c.lastSeq());
                continue;
            }
            if (cursor < 0 || cursor > c.lastSeq() || c.lastSeq() - cursor > limits.maxReplayPerConversation()) {
                send(StreamGateway.resyncFrame(c.conversationId(), cursor, c.lastSeq()), true);
                lastSent.put(c.conversationId(), c.lastSeq());
                continue;
            }
            long from = cursor;
            while (from < c.lastSeq()) {
                List<ConversationFrame> page = source.frames(c.conversationId(), from, c.lastSeq(), 500);
                if (page.isEmpty()) {
                    break;
                }
                for (ConversationFrame f : page) {
                    send(f, true);
                    replayed++;
                }
                from = page.getLast().seq();
            }
            lastSent.put(c.conversationId(), c.lastSeq());
        }
        for (UUID unknown : cursors.keySet()) {
            if (!lastSent.containsKey(unknown)) {
                send(StreamGateway.notMemberFrame(unknown), true);
            }
        }
        long lastStoredUserSeq = source.lastUserSeq(userId);
        if (h.userSeq() == null) {
            lastUserSeq = lastStoredUserSeq;
        } else if (h.userSeq() < 0 || h.userSeq() > lastStoredUserSeq) {
            // A cursor this log never reached (a client of a reset or restored server): serving
            // it would silently skip every user event up to it, so the client is told to reload.
            send(StreamGateway.userResyncFrame(h.userSeq(), lastStoredUserSeq), true);
            lastUserSeq = lastStoredUserSeq;
        } else {
            lastUserSeq = h.userSeq();
            while (true) {
                List<UserFrame> page = source.userFrames(userId, lastUserSeq, 500);
                if (page.isEmpty()) {
                    break;
                }
                for (UserFrame f : page) {
                    send(f.frame(), true);
                    lastUserSeq = f.userSeq();
                }
            }
        }
        send("{\"type\":\"ready\",\"replayed\":" + replayed + "}", !queue.isEmpty());
    }

    private void deliver(Object item) throws Exception {
        if (item == HELLO) {
            return;
        }
        switch (item) {
            case ConversationFrame f -> {
                if (!gateway.isMember(f.conversationId(), userId)) {
                    return;
                }
                Long last = lastSent.get(f.conversationId());
                if (last != null && f.seq() <= last) {
                    return;
                }
                if (last != null && f.seq() > last + 1) {
                    fillGap(f.conversationId(), last, f.seq() - 1);
                }
                send(f, !queue.isEmpty());
                lastSent.put(f.conversationId(), f.seq());
            }
            case UserFrame f -> {
                if (f.userSeq() <= lastUserSeq) {
                    return;
                }
                if (f.userSeq() > lastUserSeq + 1) {
                    for (UserFrame missing : source.userFrames(userId, lastUserSeq, (int) (f.userSeq() - lastUserSeq - 1))) {
                        send(missing.frame(), true);
                    }
                }
                send(f.frame(), !queue.isEmpty());
                lastUserSeq = f.userSeq();
            }
            case String frame -> send(frame, !queue.isEmpty());
            case Reply r -> send(r.frame(), !queue.isEmpty());
            default -> throw new IllegalStateException("unexpected queue item " + item);
        }
    }

    /** A frame arrived ahead of its predecessors (another node published first): fetch them. */
    private void fillGap(UUID conversationId, long after, long upTo) throws Exception {
        long from = after;
        while (from < upTo) {
            List<ConversationFrame> page = source.frames(conversationId, from, upTo, 500);
            if (page.isEmpty()) {
                send(StreamGateway.resyncFrame(conversationId, from, upTo), true);
                return;
            }
            for (ConversationFrame f : page) {
                send(f, true);
            }
            from = page.getLast().seq();
        }
    }

    /**
     * Writes the frame's shared UTF-8 bytes as a text frame through Jetty's core session, so a
     * fan-out to N members encodes the JSON once rather than N times.
     */
    private void send(ConversationFrame f, boolean more) throws Exception {
        if (!(ws.session instanceof WebSocketSession jetty)) {
            send(f.frame(), more);
            return;
        }
        write(jetty, new Frame(OpCode.TEXT, f.bytes()), more);
    }

    private void send(String text, boolean more) throws Exception {
        if (!(ws.session instanceof WebSocketSession jetty)) {
            if (closed) {
                throw new InterruptedException("closed");
            }
            Callback.Completable done = new Callback.Completable();
            ws.session.sendText(text, done);
            done.get(limits.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
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
    private void write(WebSocketSession jetty, Frame frame, boolean more) throws Exception {
        if (closed) {
            throw new InterruptedException("closed");
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        jetty.getCoreSession().sendFrame(frame, org.eclipse.jetty.util.Callback.from(
                () -> done.complete(null), done::completeExceptionally), more);
        batched.add(done);
        if (!more || batched.size() >= MAX_BATCHED_FRAMES) {
            awaitBatched();
        }
    }

    /** After a burst whose last frame went batched (e.g. the next queued item was not for this client): send what is buffered. */
    private void flushIfIdle() throws Exception {
        if (batched.isEmpty() || !queue.isEmpty() || !(ws.session instanceof WebSocketSession jetty)) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        jetty.getCoreSession().flush(org.eclipse.jetty.util.Callback.from(() -> done.complete(null), done::completeExceptionally));
        batched.add(done);
        awaitBatched();
    }

    private void awaitBatched() throws Exception {
        long deadline = System.nanoTime() + limits.sendTimeout().toNanos();
        for (CompletableFuture<Void> f : batched) {
            f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        batched.clear();
    }
}

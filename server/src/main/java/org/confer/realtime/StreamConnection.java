package org.confer.realtime;

import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.confer.events.Audience;
import org.confer.events.ConversationFrame;
import org.confer.events.EventLog;
import org.confer.events.FrameWriter;
import org.confer.events.ServerFrame;
import org.confer.events.UserFrame;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's stream (docs/protocol.md). Producers (the bus, on any thread) only
 * {@link #offer} into a bounded queue; one virtual thread per connection writes to the socket,
 * so a slow client delays no one else. The writer first waits for the client's hello, replays
 * what the client missed from the logs, then drains live frames — dropping any seq already sent
 * and fetching any gap — so nothing is skipped or repeated across the switch from replay to live.
 */
final class StreamConnection {
    private static final Logger log = LoggerFactory.getLogger(StreamConnection.class);

    /** Close codes (4000-4999 are the application's; see docs/protocol.md section 3.7). */
    static final int CLOSE_NO_HELLO = 4000;
    static final int CLOSE_SESSION_ENDED = 4001;
    static final int CLOSE_CLIENT_SILENT = 4002;
    static final int CLOSE_SLOW_CONSUMER = 4008;
    static final int CLOSE_SERVER_STOPPING = 1001;
    static final int CLOSE_UNSUPPORTED_DATA = 1003;
    static final int CLOSE_SERVER_ERROR = 1011;
    private static final String SLOW = "slow consumer: outbound queue full; reconnect and resume from your cursors";

    /** What the connection needs from the node: its fan-out, the logs, membership and the frame writer. */
    record Node(StreamHub hub, EventLog log, Audience audience, FrameWriter frames, StreamLimits limits) {}

    private final UUID userId;
    private final UUID sessionId;
    private final WsContext ws;
    private final Node node;
    private final FrameSender sender;
    private final LinkedBlockingQueue<Outbound> queue;
    private final CompletableFuture<Hello> hello = new CompletableFuture<>();
    private volatile boolean closed;
    /** When this stream's session ends unless used again (the hub's session check keeps it current). */
    private volatile Instant sessionLiveUntil = Instant.MIN;
    private volatile Instant lastUseRecorded = Instant.MIN;

    // The hub's silence check only.
    private long framesHeard = -1;
    private long heardAtNanos = System.nanoTime();

    // Writer-thread state only.
    private final Map<UUID, Long> lastSent = new HashMap<>();
    private long lastUserSeq;

    StreamConnection(UUID userId, UUID sessionId, WsContext ws, Node node) {
        this.userId = userId;
        this.sessionId = sessionId;
        this.ws = ws;
        this.node = node;
        this.sender = new FrameSender(ws, node.limits());
        this.queue = new LinkedBlockingQueue<>(node.limits().outboundQueueFrames());
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

    Instant sessionLiveUntil() {
        return sessionLiveUntil;
    }

    void sessionLiveUntil(Instant until) {
        this.sessionLiveUntil = until;
    }

    /** True (and remembered) when the last recorded use of the session is at least {@code every} ago. */
    synchronized boolean shouldRecordUse(Instant now, Duration every) {
        if (now.isBefore(lastUseRecorded.plus(every))) {
            return false;
        }
        lastUseRecorded = now;
        return true;
    }

    /**
     * True once no frame at all — text, binary, pong, anything — has arrived from the client for
     * {@code limit}, measured from the first check that saw the count of received frames change.
     * For the hub's silence check, on its thread only.
     */
    boolean silentFor(Duration limit, long nowNanos) {
        long frames = framesReceived();
        if (frames < 0 || frames != framesHeard) {
            framesHeard = frames;
            heardAtNanos = nowNanos;
            return false;
        }
        return nowNanos - heardAtNanos >= limit.toNanos();
    }

    /** Every frame Jetty has read from this client so far, control frames (pongs) included; -1 when unknown. */
    private long framesReceived() {
        if (ws.session instanceof WebSocketSession jetty && jetty.getCoreSession() instanceof WebSocketCoreSession core
                && core.getConnection() != null) {
            return core.getConnection().getMessagesIn();
        }
        return -1;
    }

    void start() {
        Thread.ofVirtual().name("stream-" + userId).start(this::run);
    }

    /** Never blocks. A full queue means the client is not keeping up: it is disconnected. */
    void offer(Outbound item) {
        if (closed) {
            return;
        }
        if (!queue.offer(item)) {
            close(CLOSE_SLOW_CONSUMER, SLOW);
        }
    }

    /** Answers a frame of the client's; unlike other frames, answers are not held back until the hello. */
    void reply(ServerFrame frame) {
        offer(new Outbound.Reply(node.frames().write(frame)));
    }

    void helloReceived(Hello h) {
        if (hello.complete(h)) {
            offer(Outbound.Signal.HELLO);
        } else {
            reply(new ServerFrame.Error("duplicate-hello", "hello was already received on this connection"));
        }
    }

    void close(int code, String reason) {
        if (closed) {
            return;
        }
        node.hub().closedByServer(code);
        stopWriter();
        try {
            ws.closeSession(code, reason);
        } catch (RuntimeException e) {
            log.debug("close of stream {} failed: {}", id(), e.getMessage());
        }
    }

    /** The socket closed from the client's side (or failed). */
    void closedByPeer() {
        stopWriter();
    }

    private void stopWriter() {
        closed = true;
        sender.stop();
        queue.clear();
        queue.offer(Outbound.Signal.STOP);
        node.hub().unregister(this);
    }

    private void run() {
        try {
            List<Outbound> early = new ArrayList<>();
            Hello h = awaitHello(early);
            if (h == null) {
                return;
            }
            new Replay(this, h).run();
            for (Outbound item : early) {
                deliver(item);
            }
            flushIfIdle();
            while (!closed) {
                Outbound item = queue.take();
                if (item == Outbound.Signal.STOP) {
                    return;
                }
                deliver(item);
                flushIfIdle();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (StuckWrite stuck) {
            // Documented: a client that stops reading is closed as a slow consumer, like one whose queue overflowed.
            if (!closed) {
                log.debug("stream {} of {}: {}", id(), userId, stuck.getMessage());
                close(CLOSE_SLOW_CONSUMER, "slow consumer: a frame waited " + node.limits().sendTimeout().toSeconds()
                        + " s to be read; reconnect and resume from your cursors");
            }
        } catch (Exception e) {
            if (!closed) {
                log.debug("stream {} of {} ended: {}", id(), userId, e.toString());
                close(CLOSE_SERVER_ERROR, "server error");
            }
        }
    }

    /**
     * Waits for the hello (null when it did not come in time, or the connection closed). Replies
     * to the client's frames go out at once, so a client whose hello was refused hears why; other
     * frames wait in {@code early} until the replay is done.
     */
    private Hello awaitHello(List<Outbound> early) throws Exception {
        long deadline = System.nanoTime() + node.limits().helloTimeout().toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Outbound item = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (item == Outbound.Signal.HELLO || (item == null && hello.isDone())) {
                return hello.get();
            }
            switch (item) {
                case null -> {
                    close(CLOSE_NO_HELLO, "send a hello frame first");
                    return null;
                }
                case Outbound.Signal.STOP -> {
                    return null;
                }
                case Outbound.Reply r -> sender.send(r.text(), false);
                default -> {
                    if (early.size() >= node.limits().outboundQueueFrames()) {
                        close(CLOSE_SLOW_CONSUMER, SLOW);
                        return null;
                    }
                    early.add(item);
                }
            }
        }
    }

    private void deliver(Outbound item) throws Exception {
        boolean more = !queue.isEmpty();
        switch (item) {
            case Outbound.Event(ConversationFrame f) -> {
                if (!node.hub().isMember(f.conversationId(), userId)) {
                    return;
                }
                Long last = lastSent.get(f.conversationId());
                if (last != null && f.seq() <= last) {
                    return;
                }
                if (last != null && f.seq() > last + 1) {
                    fillGap(f.conversationId(), last, f.seq() - 1);
                }
                sender.send(f, more);
                lastSent.put(f.conversationId(), f.seq());
            }
            case Outbound.ForUser(UserFrame f) -> {
                if (f.userSeq() <= lastUserSeq) {
                    return;
                }
                if (f.userSeq() > lastUserSeq + 1) {
                    for (UserFrame missing : node.log().userFrames(userId, lastUserSeq, (int) (f.userSeq() - lastUserSeq - 1))) {
                        sender.send(missing.frame(), true);
                    }
                }
                sender.send(f.frame(), more);
                lastUserSeq = f.userSeq();
            }
            case Outbound.Ephemeral e -> sender.send(e.text(), more);
            case Outbound.Reply r -> sender.send(r.text(), more);
            case Outbound.Signal s -> {
                // HELLO arrives here only after the replay, as a wake-up that is already served; STOP is handled by the loop.
            }
        }
    }

    /** A frame arrived ahead of its predecessors (another node published first): fetch them. */
    private void fillGap(UUID conversationId, long after, long upTo) throws Exception {
        long from = after;
        while (from < upTo) {
            List<ConversationFrame> page = node.log().frames(conversationId, from, upTo, Replay.PAGE);
            if (page.isEmpty()) {
                sendControl(new ServerFrame.ResyncRequired(conversationId, from, upTo));
                return;
            }
            for (ConversationFrame f : page) {
                sender.send(f, true);
            }
            from = page.getLast().seq();
        }
    }

    private void flushIfIdle() throws Exception {
        if (queue.isEmpty()) {
            sender.flush();
        }
    }

    // ---- for Replay, on the writer thread ----

    Node node() {
        return node;
    }

    UUID user() {
        return userId;
    }

    void sendReplayed(ConversationFrame f) throws Exception {
        sender.send(f, true);
    }

    void sendReplayed(UserFrame f) throws Exception {
        sender.send(f.frame(), true);
    }

    void sendControl(ServerFrame frame) throws Exception {
        sender.send(node.frames().write(frame), true);
    }

    /** The last frame of the replay: flushed with everything batched before it unless live frames are already waiting. */
    void sendReady(long replayed) throws Exception {
        sender.send(node.frames().write(new ServerFrame.Ready(replayed)), !queue.isEmpty());
    }

    void sentUpTo(UUID conversationId, long seq) {
        lastSent.put(conversationId, seq);
    }

    boolean sentAny(UUID conversationId) {
        return lastSent.containsKey(conversationId);
    }

    void userSeqSentUpTo(long userSeq) {
        lastUserSeq = userSeq;
    }
}

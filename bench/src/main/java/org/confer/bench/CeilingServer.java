package org.confer.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The ceiling: a bare Jetty (the version Javalin runs) with no application work. It speaks just
 * enough of Confer's protocol for the bench's receivers: a stream at /api/v1/stream that answers
 * the hello with ready, and a POST to /api/v1/conversations/{id}/messages that numbers the
 * message, builds one message.posted frame of --frame-bytes around the posted text, and writes
 * the same bytes to every connected stream through Jetty's core session (as Confer does), then
 * answers {"seq":n}. No database, no JSON library, no membership: what is left is the cost of
 * HTTP and WebSocket on this machine.
 *
 * <p>Runs as its own process ({@code java -cp confer-bench.jar org.confer.bench.CeilingServer
 * <port> <frameBytes>}) so its CPU is measured apart from the generator's, like Confer's.
 */
public final class CeilingServer {
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final int frameBytes;
    private long seq;

    private CeilingServer(int frameBytes) {
        this.frameBytes = frameBytes;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        CeilingServer ceiling = new CeilingServer(Integer.parseInt(args[1]));
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setOutputBufferSize(16 * 1024); // as Confer's streams
            container.addMapping("/api/v1/stream", (req, resp, cb) -> ceiling.new Stream());
        });
        ws.setHandler(ceiling.new Posts());
        server.setHandler(ws);
        server.start();
        System.out.println("ceiling listening on " + port);
        server.join();
    }

    /**
     * One connected client: ready after its hello, then only broadcasts. Frames go in Jetty's
     * batch mode and a flush follows on another thread, so frames broadcast while a flush is
     * pending leave in one write — as Confer's streams batch a burst — and the ceiling stays
     * the best this machine can do, not a frame-per-write straw man.
     */
    public final class Stream implements Session.Listener.AutoDemanding {
        private Session session;
        private final java.util.concurrent.atomic.AtomicBoolean flushPending = new java.util.concurrent.atomic.AtomicBoolean();

        void send(ByteBuffer frame) {
            if (!(session instanceof WebSocketSession jetty)) {
                return;
            }
            jetty.getCoreSession().sendFrame(new Frame(OpCode.TEXT, frame.duplicate()), Callback.NOOP, true);
            if (flushPending.compareAndSet(false, true)) {
                Thread.ofVirtual().start(() -> {
                    flushPending.set(false);
                    jetty.getCoreSession().flush(Callback.NOOP);
                });
            }
        }

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketText(String message) {
            if (message.startsWith("{\"type\":\"hello\"")) {
                // Joined before ready is queued: every broadcast after the client sees ready reaches it.
                streams.add(this);
                session.sendText("{\"type\":\"ready\",\"replayed\":0}", org.eclipse.jetty.websocket.api.Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, org.eclipse.jetty.websocket.api.Callback callback) {
            streams.remove(this);
            callback.succeed();
        }
    }

    /** POST …/messages: one frame, the same bytes to everyone, in seq order. */
    private final class Posts extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!request.getMethod().equals("POST")) {
                Response.writeError(request, response, callback, 404);
                return true;
            }
            String path = request.getHttpURI().getPath();
            String conversationId = path.substring("/api/v1/conversations/".length(), path.lastIndexOf("/messages"));
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            int t = body.indexOf("\"text\":\"") + 8;
            String text = body.substring(t, body.indexOf('"', t));
            long n;
            synchronized (this) {
                n = ++seq;
                ByteBuffer frame = frame(conversationId, n, text).asReadOnlyBuffer();
                for (Stream s : streams) {
                    s.send(frame);
                }
            }
            response.setStatus(201);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            Content.Sink.write(response, true, "{\"seq\":" + n + "}", callback);
            return true;
        }
    }

    /** A message.posted frame shaped like Confer's, padded to the measured size of Confer's frames. */
    private ByteBuffer frame(String conversationId, long n, String text) {
        String head = "{\"type\":\"event\",\"conversationId\":\"" + conversationId + "\",\"seq\":" + n
                + ",\"event\":{\"kind\":\"message.posted\",\"message\":{\"text\":\"" + text + "\",\"pad\":\"";
        String tail = "\"}}}";
        int pad = Math.max(0, frameBytes - head.length() - tail.length());
        return ByteBuffer.wrap((head + "x".repeat(pad) + tail).getBytes(StandardCharsets.UTF_8));
    }
}

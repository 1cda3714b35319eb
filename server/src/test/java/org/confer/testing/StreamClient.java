package org.confer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test client for /api/v1/stream: connects with a bearer token, sends hello with cursors,
 * and collects every frame received, in order.
 */
public final class StreamClient implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<int[]> closed = new CompletableFuture<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final WebSocket ws;
    private volatile String closeReason;

    private StreamClient(WebSocket ws) {
        this.ws = ws;
    }

    /** Connects; {@code readFrames=false} makes a client that never reads (a slow consumer). */
    public static StreamClient connect(String httpBase, String token, boolean readFrames) {
        return connect(HttpClient.newHttpClient(), httpBase, token, readFrames);
    }

    /** Connects with the caller's client (wss:// with a test certificate when {@code httpBase} is https://). */
    public static StreamClient connect(HttpClient client, String httpBase, String token, boolean readFrames) {
        StreamClient[] holder = new StreamClient[1];
        LinkedBlockingQueue<JsonNode> early = new LinkedBlockingQueue<>();
        CompletableFuture<int[]> earlyClose = new CompletableFuture<>();
        String[] reason = new String[1];
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public void onOpen(WebSocket webSocket) {
                if (readFrames) {
                    webSocket.request(Long.MAX_VALUE);
                }
                // Otherwise request nothing: the client never reads and its socket buffers fill.
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        early.add(MAPPER.readTree(partial.toString()));
                    } catch (Exception e) {
                        early.add(MAPPER.createObjectNode().put("type", "unparseable").put("raw", partial.toString()));
                    }
                    partial.setLength(0);
                }
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String r) {
                reason[0] = r;
                earlyClose.complete(new int[] {statusCode});
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                earlyClose.complete(new int[] {-1});
            }
        };
        WebSocket ws = client.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(httpBase.replaceFirst("^http", "ws") + "/api/v1/stream"), listener)
                .join();
        StreamClient c = new StreamClient(ws);
        holder[0] = c;
        // Hand the listener's queues to the client.
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    c.frames.add(early.take());
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        earlyClose.thenAccept(code -> {
            c.closeReason = reason[0];
            c.closed.complete(code);
        });
        return c;
    }

    /**
     * The HTTP status the server answers a stream upgrade with these headers (101 when the
     * stream opened; it is closed again at once). For the refusals: no token, an ended session,
     * a cookie from a page of another origin.
     */
    public static int upgradeStatus(String httpBase, Map<String, String> headers) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        try {
            WebSocket ws = builder.buildAsync(URI.create(httpBase.replace("http://", "ws://") + "/api/v1/stream"),
                    new WebSocket.Listener() {}).get(10, TimeUnit.SECONDS);
            ws.abort();
            return 101;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new AssertionError("stream upgrade failed without an HTTP answer", e);
        } catch (Exception e) {
            throw new AssertionError("stream upgrade did not finish", e);
        }
    }

    public void hello(Map<String, Long> cursors, Long userSeq) {
        Map<String, Object> hello = new java.util.LinkedHashMap<>();
        hello.put("type", "hello");
        hello.put("cursors", cursors);
        if (userSeq != null) {
            hello.put("userSeq", userSeq);
        }
        send(hello);
    }

    public void send(Object frame) {
        try {
            ws.sendText(MAPPER.writeValueAsString(frame), true).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void sendRaw(String text) {
        try {
            ws.sendText(text, true).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next frame matching {@code match}, skipping (but remembering) others; fails after the timeout. */
    public JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching frame within " + timeout + "; last frames: " + tail());
            }
            JsonNode f;
            try {
                f = frames.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (f == null) {
                continue;
            }
            seen.add(f);
            if (match.test(f)) {
                return f;
            }
        }
    }

    public JsonNode awaitType(String type) {
        return await(f -> type.equals(f.path("type").asText()), Duration.ofSeconds(20));
    }

    /** Collects event frames of one conversation until {@code count} have arrived. */
    public List<JsonNode> awaitEvents(String conversationId, int count, Duration timeout) {
        List<JsonNode> out = new ArrayList<>();
        while (out.size() < count) {
            out.add(await(f -> "event".equals(f.path("type").asText()) && conversationId.equals(f.path("conversationId").asText()), timeout));
        }
        return out;
    }

    /** Frames received within {@code quiet} with nothing more arriving. */
    public List<JsonNode> drain(Duration quiet) {
        List<JsonNode> out = new ArrayList<>();
        while (true) {
            try {
                JsonNode f = frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
                if (f == null) {
                    return out;
                }
                seen.add(f);
                out.add(f);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return out;
            }
        }
    }

    /** The close code once the server closed the connection, waiting at most {@code timeout}. */
    public int awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS)[0];
        } catch (Exception e) {
            throw new AssertionError("connection not closed within " + timeout);
        }
    }

    public String closeReason() {
        return closeReason;
    }

    private String tail() {
        int from = Math.max(0, seen.size() - 5);
        return seen.subList(from, seen.size()).toString();
    }

    @Override
    public void close() {
        try {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            ws.abort();
        }
    }
}

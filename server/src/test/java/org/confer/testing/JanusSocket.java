package org.confer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A test client of Janus's WebSocket API, straight to Janus or through Confer's relay: sends a
 * request and waits for the answer with the same transaction (plugin requests are acknowledged
 * first; {@link #request} skips the ack and returns the event).
 */
public final class JanusSocket implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket ws;

    /** Opens a socket; {@code headers} such as Authorization for the relay; Janus itself needs its subprotocol. */
    public static JanusSocket open(URI uri, Map<String, String> headers, boolean janusSubprotocol) {
        JanusSocket s = new JanusSocket();
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(b::header);
        if (janusSubprotocol) {
            b.subprotocols("janus-protocol");
        }
        s.ws = b.buildAsync(uri, s.listener()).join();
        return s;
    }

    /** The HTTP status of an upgrade to {@code uri}: 101 when a socket opened (it is closed at once). */
    public static int upgradeStatus(URI uri, Map<String, String> headers) {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(b::header);
        try {
            b.buildAsync(uri, new WebSocket.Listener() {}).get(10, TimeUnit.SECONDS).abort();
            return 101;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new AssertionError("upgrade failed without an HTTP answer", e);
        } catch (Exception e) {
            throw new AssertionError("upgrade did not finish", e);
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        frames.add(MAPPER.readTree(partial.toString()));
                    } catch (Exception e) {
                        frames.add(MAPPER.createObjectNode().put("unparseable", partial.toString()));
                    }
                    partial.setLength(0);
                }
                w.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                closed.complete(status);
                return null;
            }

            @Override
            public void onError(WebSocket w, Throwable error) {
                closed.complete(-1);
            }
        };
    }

    public static ObjectNode message(String janus) {
        return MAPPER.createObjectNode().put("janus", janus);
    }

    /** Sends {@code msg} with a new transaction and returns Janus's (or the relay's) answer, skipping an ack. */
    public JsonNode request(ObjectNode msg) {
        String tx = UUID.randomUUID().toString();
        msg.put("transaction", tx);
        ws.sendText(msg.toString(), true).join();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode f : frames) {
                if (tx.equals(f.path("transaction").asText()) && !f.path("janus").asText().equals("ack")) {
                    return f;
                }
            }
            if (closed.isDone()) {
                throw new AssertionError("socket closed (" + closed.join() + ") while waiting for " + msg.path("janus"));
            }
            try {
                Thread.sleep(10); // polling a condition with a deadline, not a fixed wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no answer to " + msg + " within " + WAIT + "; frames: " + frames);
    }

    /** Creates a session and attaches the VideoRoom; returns {session, handle}. */
    public long[] session(String coreToken) {
        JsonNode created = request(message("create").put("token", coreToken));
        long session = created.path("data").path("id").asLong();
        JsonNode attached = request(message("attach").put("session_id", session).put("plugin", "janus.plugin.videoroom")
                .put("token", coreToken));
        return new long[] {session, attached.path("data").path("id").asLong()};
    }

    /** Sends a VideoRoom request on a handle and returns the answer. */
    public JsonNode videoRoom(long[] sessionHandle, String coreToken, ObjectNode body) {
        ObjectNode msg = message("message").put("session_id", sessionHandle[0]).put("handle_id", sessionHandle[1]).put("token", coreToken);
        msg.set("body", body);
        return request(msg);
    }

    /** The close code, waiting up to {@code timeout}; -2 if still open. */
    public int awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return -2;
        }
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            ws.abort();
        }
    }
}

package org.confer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;

/**
 * The public API as a client uses it: REST requests and the WebSocket stream. Clients are spread
 * over several loopback source addresses (127.0.0.x, see {@link GeneratorClients}) and, with
 * several nodes, over the nodes: client {@code i} talks to node {@code i mod nodes}, as a load
 * balancer without session affinity would spread them. Scenarios number their clients by person
 * (streams) and by message (sends), so streams and sends go round-robin over the nodes.
 */
final class Api implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final long REQUEST_TIMEOUT_SECONDS = 60;
    /** Answers are small JSON documents; this only guards against a runaway one. */
    private static final int MAX_ANSWER_BYTES = 16 << 20;
    /** Each node's base URL, in node order. */
    private final List<String> bases;
    private final List<URI> streams;
    private final GeneratorClients clients;
    private final AtomicLong setUpRetries = new AtomicLong();

    Api(String base, int sourceAddresses) throws Exception {
        this(List.of(base), sourceAddresses);
    }

    Api(List<String> bases, int sourceAddresses) throws Exception {
        this.bases = List.copyOf(bases);
        this.streams = bases.stream().map(b -> URI.create(b.replace("http://", "ws://") + "/api/v1/stream")).toList();
        this.clients = new GeneratorClients(sourceAddresses);
    }

    /** How many nodes the clients are spread over. */
    int nodes() {
        return bases.size();
    }

    /** The node (0-based) that client {@code client} talks to. */
    int node(int client) {
        return Math.floorMod(client, bases.size());
    }

    private String base(int client) {
        return bases.get(node(client));
    }

    JsonNode post(String path, Object body, String token) throws Exception {
        return postAsync(0, path, body, token).get();
    }

    /**
     * POSTs {@code body} as JSON. Completes with the answer's JSON (null when empty), or with an
     * {@link HttpError} for a status of 300 or more.
     */
    CompletableFuture<JsonNode> postAsync(int client, String path, Object body, String token) {
        return postAsync(client, path, body, token, null);
    }

    /**
     * As {@link #postAsync(int, String, Object, String)}, sent with {@code X-Forwarded-For:
     * forwardedFor} when not null: the public visit pages' per-address budgets key on the
     * client address, which the server takes from that header only when the generator's
     * source address is one of its trusted proxies (ServerUnderTest configures that).
     */
    CompletableFuture<JsonNode> postAsync(int client, String path, Object body, String token, String forwardedFor) {
        try {
            Request request = forwarded(authorized(clients.get(client).http().POST(base(client) + path), token), forwardedFor)
                    .body(new BytesRequestContent("application/json", JSON.writeValueAsBytes(body)));
            return new CompletableResponseListener(request, MAX_ANSWER_BYTES).send().thenApply(r -> answer("POST", path, r));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** PUTs {@code body} as JSON (set-up only); throws {@link HttpError} for a status of 300 or more. */
    JsonNode put(String path, Object body, String token) throws Exception {
        Request request = authorized(clients.get(0).http().newRequest(base(0) + path).method("PUT"), token)
                .body(new BytesRequestContent("application/json", JSON.writeValueAsBytes(body)));
        try {
            return answer("PUT", path, new CompletableResponseListener(request, MAX_ANSWER_BYTES).send().get());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** GETs {@code path}; throws {@link HttpError} for a status of 300 or more. */
    JsonNode get(int client, String path, String token) throws Exception {
        return get(client, path, token, null);
    }

    /** GETs {@code path} as the client {@code forwardedFor} behind the generator (see {@link #postAsync(int, String, Object, String, String)}). */
    JsonNode get(int client, String path, String token, String forwardedFor) throws Exception {
        Request request = forwarded(authorized(clients.get(client).http().newRequest(base(client) + path), token), forwardedFor);
        try {
            return answer("GET", path, new CompletableResponseListener(request, MAX_ANSWER_BYTES).send().get());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** GETs {@code path} and returns its body as text (a CSV export); throws {@link HttpError} for a status of 300 or more. */
    String getText(int client, String path, String token) throws Exception {
        Request request = authorized(clients.get(client).http().newRequest(base(client) + path), token);
        try {
            ContentResponse r = new CompletableResponseListener(request, MAX_ANSWER_BYTES).send().get();
            if (r.getStatus() >= 300) {
                throw new HttpError("GET " + path + " -> " + r.getStatus() + " " + r.getContentAsString(), r.getStatus(), 1000);
            }
            return r.getContentAsString();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static Request authorized(Request request, String token) {
        request.timeout(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (token != null) {
            request.headers(h -> h.put(HttpHeader.AUTHORIZATION, "Bearer " + token));
        }
        return request;
    }

    private static Request forwarded(Request request, String forwardedFor) {
        if (forwardedFor != null) {
            request.headers(h -> h.put("X-Forwarded-For", forwardedFor));
        }
        return request;
    }

    private static JsonNode answer(String method, String path, ContentResponse r) {
        if (r.getStatus() >= 300) {
            throw new HttpError(method + " " + path + " -> " + r.getStatus() + " " + r.getContentAsString(), r.getStatus(),
                    retryAfterMillis(r.getHeaders().get(HttpHeader.RETRY_AFTER)));
        }
        byte[] content = r.getContent();
        try {
            return content.length == 0 ? null : JSON.readTree(content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Retry-After in seconds, as milliseconds; one second when absent or not a number of seconds. */
    private static long retryAfterMillis(String value) {
        if (value == null) {
            return 1000;
        }
        try {
            return Long.parseLong(value.trim()) * 1000;
        } catch (NumberFormatException e) {
            return 1000;
        }
    }

    /**
     * Opens a stream (/api/v1/stream) as the owner of {@code token}; completes when the WebSocket
     * handshake has, which must take no longer than {@code timeout} (the TCP connect part no
     * longer than {@link GeneratorClients#CONNECT_TIMEOUT}). The listener is called on Jetty's
     * threads.
     */
    CompletableFuture<Session> openStream(int client, Session.Listener listener, String token, Duration timeout) {
        ClientUpgradeRequest upgrade = new ClientUpgradeRequest(streams.get(node(client)));
        upgrade.setHeader("Authorization", "Bearer " + token);
        upgrade.setTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return clients.get(client).webSocket().connect(listener, upgrade);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * A set-up request (never a measured one), retried up to 4 times on a 5xx answer. A failed
     * request's transaction was rolled back, so a retry is safe; retries are counted and
     * reported, because each one is a server error worth looking into.
     */
    JsonNode setUp(int client, String path, Object body, String token) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return postAsync(client, path, body, token).get();
            } catch (ExecutionException e) {
                boolean serverError = e.getCause() instanceof HttpError h && h.status >= 500;
                if (!serverError || attempt == 5) {
                    throw e;
                }
                setUpRetries.incrementAndGet();
                Thread.sleep(20L * attempt);
            }
        }
    }

    /** How many set-up requests had to be retried after a server error. */
    long setUpRetries() {
        return setUpRetries.get();
    }

    String login(String email, String password) throws Exception {
        return post("/api/v1/auth/login", java.util.Map.of("email", email, "password", password), null).get("token").asText();
    }

    /** Stops the clients; every stream still open is dropped. */
    @Override
    public void close() throws Exception {
        clients.close();
    }
}

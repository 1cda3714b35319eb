package org.confer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The public REST API as a client uses it. Clients are spread over several loopback source
 * addresses (127.0.0.x) so that ephemeral ports never run out.
 */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final List<HttpClient> clients;
    private final java.util.concurrent.atomic.AtomicLong setUpRetries = new java.util.concurrent.atomic.AtomicLong();

    Api(String base, int sourceAddresses) {
        this.base = base;
        this.clients = java.util.stream.IntStream.range(0, sourceAddresses).mapToObj(i -> {
            try {
                return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .localAddress(InetAddress.getByName("127.0.0." + (2 + i)))
                        .connectTimeout(Duration.ofSeconds(10)).build();
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    HttpClient client(int i) {
        return clients.get(Math.floorMod(i, clients.size()));
    }

    String base() {
        return base;
    }

    JsonNode post(String path, Object body, String token) throws Exception {
        return postAsync(0, path, body, token).get();
    }

    CompletableFuture<JsonNode> postAsync(int client, String path, Object body, String token) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return client(client).sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(r -> {
                if (r.statusCode() >= 300) {
                    long retryAfter = r.headers().firstValue("Retry-After").map(v -> {
                        try {
                            return Long.parseLong(v.trim()) * 1000;
                        } catch (NumberFormatException e) {
                            return 1000L;
                        }
                    }).orElse(1000L);
                    throw new HttpError("POST " + path + " -> " + r.statusCode() + " " + new String(r.body()), r.statusCode(), retryAfter);
                }
                try {
                    return r.body().length == 0 ? null : JSON.readTree(r.body());
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (Exception e) {
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
            } catch (java.util.concurrent.ExecutionException e) {
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
}

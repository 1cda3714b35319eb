package org.confer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small HTTP client for tests: JSON in, status + headers + parsed JSON out. */
public final class Api {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One response. {@code json} is null when the body is empty or not JSON. */
    public record Response(int status, Map<String, List<String>> headers, String body, JsonNode json) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        public List<String> headerValues(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }

        public String contentType() {
            return header("Content-Type");
        }

        /** The problem type slug of a problem+json response (the part after urn:confer:problem:). */
        public String problemType() {
            return json == null || !json.has("type") ? null : json.get("type").asText().replace("urn:confer:problem:", "");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final String base;
    private final HttpClient http;

    public Api(String base) {
        this(base, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** Through a client of the caller's: HTTPS with a test certificate, HTTP/2 (LoadBalancerConfigTest). */
    public Api(String base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    public String base() {
        return base;
    }

    public Response get(String path, String token) {
        return send("GET", path, null, auth(token));
    }

    public Response post(String path, Object body, String token) {
        return send("POST", path, json(body), withJson(auth(token)));
    }

    public Response patch(String path, Object body, String token) {
        return send("PATCH", path, json(body), withJson(auth(token)));
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, null, auth(token));
    }

    /** Signs in and returns the bearer token; fails the test when sign-in fails. */
    public String login(String email, String password) {
        Response r = post("/api/v1/auth/login", Map.of("email", email, "password", password), null);
        if (r.status() != 200) {
            throw new AssertionError("login of " + email + " failed: " + r);
        }
        return r.json().get("token").asText();
    }

    public Response send(String method, String path, byte[] body, Map<String, String> headers) {
        return sendWith(method, path, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    /** Sends {@code body} without declaring its length (chunked transfer encoding). */
    public Response sendChunked(String method, String path, byte[] body, Map<String, String> headers) {
        return sendWith(method, path, HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)), headers);
    }

    private Response sendWith(String method, String path, HttpRequest.BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(b::header);
        b.method(method, body);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String ct = r.headers().firstValue("Content-Type").orElse("");
            if (!r.body().isEmpty() && ct.contains("json")) {
                json = MAPPER.readTree(r.body());
            }
            return new Response(r.statusCode(), r.headers().map(), r.body(), json);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, String> auth(String token) {
        Map<String, String> h = new LinkedHashMap<>();
        if (token != null) {
            h.put("Authorization", "Bearer " + token);
        }
        return h;
    }

    private static Map<String, String> withJson(Map<String, String> h) {
        h.put("Content-Type", "application/json");
        return h;
    }

    public static byte[] json(Object body) {
        try {
            return body instanceof byte[] bytes ? bytes : body instanceof String s ? s.getBytes() : MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

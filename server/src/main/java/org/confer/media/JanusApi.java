package org.confer.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Janus's HTTP API (https://janus.conf.meetecho.com/docs/rest.html) for what the server does
 * itself: VideoRoom requests that Janus answers synchronously (create, destroy, exists). Each
 * operation uses a session of its own (create, attach, message, destroy: four local requests of
 * a few ms), so no keepalive is needed against Janus's 60 s session timeout. Every request
 * carries the api_secret; the browser never sees it.
 */
public final class JanusApi {
    /** Local requests answer in milliseconds; a Janus that takes longer than this is treated as down. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Janus refused a request, could not be reached, or answered something unexpected. */
    public static final class JanusException extends RuntimeException {
        public JanusException(String message) {
            super(message);
        }

        public JanusException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final URI base;
    private final String apiSecret;
    private final ObjectMapper mapper;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();

    public JanusApi(URI base, String apiSecret, ObjectMapper mapper) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.apiSecret = apiSecret;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    public URI base() {
        return base;
    }

    /** GET /info: whether Janus answers at all (it needs no secret). */
    public boolean answers(Duration timeout) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/info")).timeout(timeout).GET().build();
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            return res.statusCode() == 200 && mapper.readTree(res.body()).path("janus").asText().equals("server_info");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Sends one VideoRoom request in a session of its own and returns {@code plugindata.data};
     * throws when Janus answers with an error, at the core or in the plugin.
     */
    public JsonNode videoRoom(ObjectNode body) {
        long session = create();
        try {
            long handle = attach(session);
            ObjectNode msg = envelope("message");
            msg.set("body", body);
            JsonNode res = post("/" + session + "/" + handle, msg);
            JsonNode data = res.path("plugindata").path("data");
            if (data.has("error_code") || data.path("videoroom").asText().equals("event") && data.has("error")) {
                throw new JanusException("Janus VideoRoom refused '" + body.path("request").asText() + "': "
                        + data.path("error_code").asText("?") + " " + data.path("error").asText());
            }
            return data;
        } finally {
            try {
                post("/" + session, envelope("destroy"));
            } catch (JanusException ignored) {
                // The session times out on its own in 60 s.
            }
        }
    }

    private long create() {
        return post("", envelope("create")).path("data").path("id").asLong();
    }

    private long attach(long session) {
        ObjectNode msg = envelope("attach");
        msg.put("plugin", JanusTokens.PLUGIN);
        return post("/" + session, msg).path("data").path("id").asLong();
    }

    private ObjectNode envelope(String janus) {
        ObjectNode o = mapper.createObjectNode();
        o.put("janus", janus);
        o.put("transaction", HexFormat.of().formatHex(bytes()));
        o.put("apisecret", apiSecret);
        return o;
    }

    private byte[] bytes() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return b;
    }

    private JsonNode post(String path, ObjectNode body) {
        String verb = body.path("janus").asText();
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))).build();
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                throw new JanusException("Janus answered HTTP " + res.statusCode() + " to '" + verb + "' at " + base);
            }
            JsonNode json = mapper.readTree(res.body());
            if (json.path("janus").asText().equals("error")) {
                throw new JanusException("Janus refused '" + verb + "': " + json.path("error").path("code").asText()
                        + " " + json.path("error").path("reason").asText());
            }
            return json;
        } catch (IOException e) {
            throw new JanusException("Janus at " + base + " is unreachable ('" + verb + "'): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JanusException("interrupted while waiting for Janus", e);
        }
    }
}

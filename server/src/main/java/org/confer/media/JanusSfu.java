package org.confer.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SFU on Janus's VideoRoom (docs/calls-and-meetings.md, "Janus"). Each room gets a random
 * secret kept only in this process's memory (needed to destroy it; nobody else can), and
 * {@code signed_tokens}, so only people holding a room token Confer minted can join it.
 */
public final class JanusSfu implements Sfu {
    /** The path of the browser's relayed WebSocket on Confer's origin ({@link JanusRelay}). */
    public static final String RELAY_PATH = "/api/v1/media/janus";
    /** Per publisher: 256 kbit/s carries 320×240–640×360 VP8 at 15 fps, the measured meeting load (docs/operations.md). */
    static final int BITRATE = 256_000;
    /** Janus is asked at most this often whether it answers: a call start must not wait on a health check each time. */
    static final Duration HEALTH_CACHE = Duration.ofSeconds(5);
    /** JavaScript numbers are exact up to 2^53: room ids stay below so a browser can echo them. */
    private static final long MAX_ROOM = 1L << 52;

    private final JanusApi api;
    private final JanusTokens tokens;
    private final Optional<String> adminKey;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final SecureRandom random = new SecureRandom();
    private final Map<Long, String> secrets = new ConcurrentHashMap<>();
    private volatile long checkedAtNanos;
    private volatile boolean checked;
    private volatile boolean healthy;

    public JanusSfu(JanusApi api, JanusTokens tokens, Optional<String> adminKey, Clock clock, ObjectMapper mapper) {
        this.api = api;
        this.tokens = tokens;
        this.adminKey = adminKey;
        this.clock = clock;
        this.mapper = mapper;
    }

    @Override
    public boolean available() {
        // Janus's liveness is measured on the machine's own timer, not the business clock.
        long now = System.nanoTime();
        if (!checked || now - checkedAtNanos > HEALTH_CACHE.toNanos()) {
            healthy = api.answers(Duration.ofSeconds(2));
            checkedAtNanos = now;
            checked = true;
        }
        return healthy;
    }

    @Override
    public SfuRoom openRoom(UUID callId, int maxPublishers) {
        long id = 1 + (random.nextLong() & Long.MAX_VALUE) % (MAX_ROOM - 1);
        byte[] s = new byte[24];
        random.nextBytes(s);
        String secret = HexFormat.of().formatHex(s);
        ObjectNode body = mapper.createObjectNode();
        body.put("request", "create");
        body.put("room", id);
        body.put("description", "call " + callId);
        adminKey.ifPresent(k -> body.put("admin_key", k));
        body.put("secret", secret);
        body.put("is_private", true);
        body.put("publishers", maxPublishers);
        body.put("signed_tokens", true);
        body.put("videocodec", "vp8");
        body.put("audiocodec", "opus");
        body.put("bitrate", BITRATE);
        body.put("permanent", false);
        JsonNode res = api.videoRoom(body);
        if (!res.path("videoroom").asText().equals("created")) {
            throw new JanusApi.JanusException("Janus did not create room " + id + ": " + res);
        }
        secrets.put(id, secret);
        return new SfuRoom(id);
    }

    @Override
    public void closeRoom(SfuRoom room) {
        String secret = secrets.remove(room.id());
        if (secret == null) {
            return;
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("request", "destroy");
        body.put("room", room.id());
        body.put("secret", secret);
        try {
            api.videoRoom(body);
        } catch (JanusApi.JanusException e) {
            // 426 is "no such room": a restarted Janus has lost it already, which is what we wanted.
            if (!e.getMessage().contains(" 426 ")) {
                throw e;
            }
        }
    }

    /** Whether Janus has the room (tests, and a check after Janus restarted). */
    public boolean exists(SfuRoom room) {
        ObjectNode body = mapper.createObjectNode();
        body.put("request", "exists");
        body.put("room", room.id());
        return api.videoRoom(body).path("exists").asBoolean(false);
    }

    @Override
    public SfuGrant grant(SfuRoom room, UUID userId, Duration ttl) {
        Instant expires = clock.instant().plus(ttl);
        return new SfuGrant(RELAY_PATH, room.id(), tokens.core(expires), tokens.room(room.id(), expires), expires);
    }
}

package org.confer.media;

import java.time.Instant;

/**
 * Janus's signed tokens (token_auth with token_auth_secret): {@code "<data>:" + base64(HMAC-SHA1(secret, data))}
 * where data is {@code "<unix expiry>,<realm>,<descriptor>..."}. The core token (realm
 * {@code janus}, allowing the VideoRoom plugin) goes with every request of a browser; the room
 * token (realm {@code janus.plugin.videoroom}, descriptor {@code room=<id>}) with its VideoRoom
 * join. Janus checks both itself, so a token for one room does not open another.
 */
public final class JanusTokens {
    static final String PLUGIN = "janus.plugin.videoroom";
    private final String secret;

    public JanusTokens(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the Janus token secret is empty");
        }
        this.secret = secret;
    }

    public String core(Instant expiresAt) {
        return sign(expiresAt.getEpochSecond() + ",janus," + PLUGIN);
    }

    public String room(long room, Instant expiresAt) {
        return sign(expiresAt.getEpochSecond() + "," + PLUGIN + ",room=" + room);
    }

    private String sign(String data) {
        return data + ":" + Hmac.sha1Base64(secret, data);
    }
}

package org.confer.media;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * TURN credentials in coturn's REST scheme ({@code use-auth-secret}, draft-uberti-behave-turn-rest):
 * the username is {@code "<unix expiry>:<userId>"} and the credential is
 * base64(HMAC-SHA1(shared secret, username)). coturn recomputes the HMAC and refuses an expired
 * username, so nothing is stored and no call to coturn is needed.
 */
public final class TurnCredentials {
    private final String secret;

    public TurnCredentials(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the TURN shared secret is empty");
        }
        this.secret = secret;
    }

    public record Credential(String username, String credential, Instant expiresAt) {}

    /** A credential for {@code userId} valid from {@code now} for {@code ttl}. */
    public Credential mint(UUID userId, Instant now, Duration ttl) {
        long expiry = now.plus(ttl).getEpochSecond();
        String username = expiry + ":" + userId;
        return new Credential(username, Hmac.sha1Base64(secret, username), Instant.ofEpochSecond(expiry));
    }
}

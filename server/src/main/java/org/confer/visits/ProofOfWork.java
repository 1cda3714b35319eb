package org.confer.visits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The public booking page's challenge: the browser spends about a second of hashing per booking,
 * which costs a person nothing and a bot flooding the calendar a lot, without a third-party
 * captcha (docs/virtual-visits.md "Abuse controls"). A challenge is
 * {@code <expiry epoch seconds>.<16 random bytes>.<HMAC-SHA256 of both>}, so checking one needs
 * no storage; only the used ones are remembered, until they expire, so each works once per node.
 */
public final class ProofOfWork {
    /** What the page receives: the string to hash with a nonce, and how many leading zero bits it needs. */
    public record Challenge(String challenge, int difficulty, Instant expiresAt) {}

    /** Bounds the memory of used challenges; at 16 bits that is far more solved challenges than a node sees in 10 minutes. */
    static final int MAX_REMEMBERED = 100_000;
    /** A nonce the page finds is a counter of a few digits; anything much longer is not ours. */
    static final int MAX_NONCE_LENGTH = 64;
    /** Twenty digits of expiry, 22 of random, 43 of HMAC, two dots: anything longer is refused before hashing. */
    private static final int MAX_CHALLENGE_LENGTH = 100;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final int difficultyBits;
    private final Duration validity;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Boolean> used;

    public ProofOfWork(byte[] key, int difficultyBits, Duration validity, Clock clock) {
        if (key.length == 0) {
            throw new IllegalArgumentException("the challenge key is empty");
        }
        if (difficultyBits < 0 || difficultyBits > 32) {
            throw new IllegalArgumentException("difficulty must be 0–32 bits, was " + difficultyBits);
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.difficultyBits = difficultyBits;
        this.validity = validity;
        this.clock = clock;
        // The cache runs on the same clock as the expiry check, so a used challenge is forgotten
        // only once it has expired anyway (and tests can move time for both).
        this.used = Caffeine.newBuilder()
                .maximumSize(MAX_REMEMBERED)
                .expireAfterWrite(validity)
                .ticker(() -> clock.millis() * 1_000_000L)
                .build();
    }

    public Challenge issue() {
        long expiry = clock.instant().plus(validity).getEpochSecond();
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String payload = expiry + "." + B64.encodeToString(nonce);
        return new Challenge(payload + "." + B64.encodeToString(hmac(payload)), difficultyBits, Instant.ofEpochSecond(expiry));
    }

    /**
     * Whether {@code nonce} solves {@code challenge}: ours (HMAC), not expired, enough leading zero
     * bits, and not used before. Only a correct answer uses the challenge up, so a wrong nonce can
     * be retried. Never throws on malformed input.
     */
    public boolean verify(String challenge, String nonce) {
        if (challenge == null || nonce == null || challenge.length() > MAX_CHALLENGE_LENGTH
                || nonce.isEmpty() || nonce.length() > MAX_NONCE_LENGTH) {
            return false;
        }
        String[] parts = challenge.split("\\.", -1);
        if (parts.length != 3 || !authentic(parts[0] + "." + parts[1], parts[2])) {
            return false;
        }
        long expiry;
        try {
            expiry = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return false;
        }
        if (clock.instant().getEpochSecond() >= expiry || !solves(challenge, nonce, difficultyBits)) {
            return false;
        }
        return used.asMap().putIfAbsent(challenge, Boolean.TRUE) == null;
    }

    /** Finds a nonce the way the booking page does (counting from "0"): for tests and the bench. */
    public static String solve(String challenge, int difficulty) {
        for (long n = 0; ; n++) {
            String nonce = Long.toString(n);
            if (solves(challenge, nonce, difficulty)) {
                return nonce;
            }
        }
    }

    static boolean solves(String challenge, String nonce, int difficulty) {
        return leadingZeroBits(VisitTokens.sha256(challenge + ":" + nonce)) >= difficulty;
    }

    static int leadingZeroBits(byte[] hash) {
        int bits = 0;
        for (byte b : hash) {
            if (b != 0) {
                return bits + Integer.numberOfLeadingZeros(b & 0xff) - 24;
            }
            bits += 8;
        }
        return bits;
    }

    private boolean authentic(String payload, String mac) {
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(mac);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(payload), given);
    }

    private byte[] hmac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256"); // not thread-safe, and cheap to make
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

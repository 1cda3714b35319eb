package org.confer.bots;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of an outgoing webhook delivery (docs/bots-and-results.md, "Webhooks"):
 * {@code X-Confer-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>} with
 * {@code X-Confer-Timestamp: <unix seconds>}. The timestamp is inside the signed text, so a
 * captured delivery cannot be replayed later with a fresh timestamp; {@link #verify} refuses one
 * older (or newer) than the window. Receivers written in Java may call {@link #verify} as it is.
 */
public final class Signatures {
    /** Slack's and Stripe's choice: long enough for clock skew and a slow queue, short for a replay. */
    public static final Duration WINDOW = Duration.ofMinutes(5);
    private static final String VERSION = "v1=";

    private Signatures() {}

    /** {@code v1=<hex>} for this timestamp and body. */
    public static String sign(String secret, long timestamp, String body) {
        return VERSION + HexFormat.of().formatHex(hmac(secret, timestamp + "." + body));
    }

    /** {@link #verify(String, String, String, String, Instant, Duration)} with the 5-minute window. */
    public static boolean verify(String secret, String timestamp, String body, String signature, Instant now) {
        return verify(secret, timestamp, body, signature, now, WINDOW);
    }

    /**
     * True only when {@code signature} is the signature of {@code timestamp + "." + body} under
     * {@code secret} and the timestamp is within {@code window} of {@code now}. Compares in
     * constant time, so the time to answer does not tell an attacker how much of a guess was right.
     */
    public static boolean verify(String secret, String timestamp, String body, String signature, Instant now, Duration window) {
        if (secret == null || timestamp == null || body == null || signature == null || !signature.startsWith(VERSION)) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - ts) > window.toSeconds()) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.substring(VERSION.length()).strip().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, ts + "." + body), given);
    }

    private static byte[] hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

package org.confer.visits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The join and manage links of a visit: 32 random bytes (256 bits, beyond guessing) in base64url,
 * sent only in the visitor's email and stored only as their SHA-256, so a copy of the database
 * opens no visit (docs/virtual-visits.md "Model", Links).
 */
public final class VisitTokens {
    /** 32 bytes in base64url without padding. */
    public static final int LENGTH = 43;
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{" + LENGTH + "}");
    /** Thread-safe and holds no state of ours: one instance avoids seeding a generator per link. */
    private static final SecureRandom RANDOM = new SecureRandom();

    private VisitTokens() {}

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What is stored and looked up: SHA-256 of the token's UTF-8 bytes (32 bytes). */
    public static byte[] hash(String token) {
        return sha256(token);
    }

    /** Whether a string can be a token at all; check before hashing or querying with it. */
    public static boolean wellFormed(String token) {
        return token != null && WELL_FORMED.matcher(token).matches();
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

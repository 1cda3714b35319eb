package org.confer.bots;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** X-Confer-Signature: what a receiver checks, including the replay window. */
class WebhookSignaturesTest {
    private static final String SECRET = "whsec_test_secret";
    private static final String BODY = "{\"id\":\"d1\",\"type\":\"mention\",\"text\":\"hello\"}";
    private final Instant now = Instant.parse("2026-12-07T06:00:00Z");
    private final long ts = now.getEpochSecond();

    @Test
    void a_signature_made_with_the_secret_verifies_within_the_window() {
        String sig = Signatures.sign(SECRET, ts, BODY);
        assertThat(sig).matches("v1=[0-9a-f]{64}");
        assertThat(Signatures.verify(SECRET, Long.toString(ts), BODY, sig, now)).isTrue();
        assertThat(Signatures.verify(SECRET, Long.toString(ts), BODY, sig, now.plus(Duration.ofMinutes(5)))).isTrue();
    }

    @Test
    void a_known_vector_matches_hmac_sha256_of_timestamp_dot_body() {
        // echo -n '1700000000.{}' | openssl dgst -sha256 -hmac key
        assertThat(Signatures.sign("key", 1700000000L, "{}"))
                .isEqualTo("v1=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae");
    }

    @Test
    void a_tampered_body_a_wrong_secret_or_a_moved_timestamp_fails() {
        String sig = Signatures.sign(SECRET, ts, BODY);
        assertThat(Signatures.verify(SECRET, Long.toString(ts), BODY.replace("hello", "hellO"), sig, now)).isFalse();
        assertThat(Signatures.verify("other", Long.toString(ts), BODY, sig, now)).isFalse();
        assertThat(Signatures.verify(SECRET, Long.toString(ts + 1), BODY, sig, now)).isFalse();
        assertThat(Signatures.verify(SECRET, Long.toString(ts), BODY, "v0=" + sig.substring(3), now)).isFalse();
        assertThat(Signatures.verify(SECRET, Long.toString(ts), BODY, "v1=zz", now)).isFalse();
        assertThat(Signatures.verify(SECRET, "yesterday", BODY, sig, now)).isFalse();
    }

    @Test
    void an_old_delivery_replayed_after_the_window_fails_even_with_its_own_valid_signature() {
        String sig = Signatures.sign(SECRET, ts, BODY);
        assertThat(Signatures.verify(SECRET, Long.toString(ts), BODY, sig, now.plus(Duration.ofMinutes(5)).plusSeconds(1))).isFalse();
        assertThat(Signatures.verify(SECRET, Long.toString(ts), BODY, sig, now.minus(Duration.ofMinutes(6)))).isFalse();
    }
}

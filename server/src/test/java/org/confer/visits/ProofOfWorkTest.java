package org.confer.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.confer.testing.TestClock;
import org.junit.jupiter.api.Test;

/** The booking challenge: each solved challenge books once, within its ten minutes, and only ours count. */
class ProofOfWorkTest {
    private static final byte[] KEY = "a test key of thirty-two bytes!!".getBytes(StandardCharsets.UTF_8);
    /** 8 bits keeps the tests fast (about 256 hashes); the difficulty is a parameter, not the logic. */
    private static final int BITS = 8;
    private final TestClock clock = new TestClock();
    private final ProofOfWork pow = new ProofOfWork(KEY, BITS, Duration.ofMinutes(10), clock);

    @Test
    void a_challenge_is_expiry_random_and_hmac_and_expires_after_its_validity() {
        ProofOfWork.Challenge c = pow.issue();
        assertThat(c.challenge()).matches("[0-9]+\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}");
        assertThat(c.difficulty()).isEqualTo(BITS);
        assertThat(c.expiresAt()).isEqualTo(Instant.ofEpochSecond(clock.instant().plus(Duration.ofMinutes(10)).getEpochSecond()));
        assertThat(c.challenge()).startsWith(c.expiresAt().getEpochSecond() + ".");
        assertThat(pow.issue().challenge()).isNotEqualTo(c.challenge());
    }

    @Test
    void a_solved_challenge_verifies_once_and_a_reuse_is_refused() {
        String challenge = pow.issue().challenge();
        String nonce = ProofOfWork.solve(challenge, BITS);
        assertThat(pow.verify(challenge, nonce)).isTrue();
        assertThat(pow.verify(challenge, nonce)).isFalse();
        assertThat(pow.verify(challenge, nonceWithBits(challenge, BITS, 256, Long.parseLong(nonce) + 1)))
                .as("another solution of the same challenge").isFalse();
    }

    @Test
    void a_nonce_without_enough_zero_bits_is_refused_and_does_not_use_the_challenge_up() {
        String challenge = pow.issue().challenge();
        String wrong = unsolvedNonce(challenge);
        assertThat(pow.verify(challenge, wrong)).isFalse();
        assertThat(pow.verify(challenge, ProofOfWork.solve(challenge, BITS))).isTrue();
    }

    @Test
    void an_expired_challenge_is_refused_even_when_solved() {
        String challenge = pow.issue().challenge();
        String nonce = ProofOfWork.solve(challenge, BITS);
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(pow.verify(challenge, nonce)).isFalse();
    }

    @Test
    void a_challenge_with_a_tampered_hmac_or_expiry_or_from_another_key_is_refused() {
        String challenge = pow.issue().challenge();
        String[] parts = challenge.split("\\.");
        char last = parts[2].charAt(0);
        String badMac = parts[0] + "." + parts[1] + "." + (last == 'A' ? 'B' : 'A') + parts[2].substring(1);
        String laterExpiry = (Long.parseLong(parts[0]) + 3600) + "." + parts[1] + "." + parts[2];
        String otherKeys = new ProofOfWork("another key".getBytes(StandardCharsets.UTF_8), BITS, Duration.ofMinutes(10), clock)
                .issue().challenge();
        for (String forged : new String[] {badMac, laterExpiry, otherKeys}) {
            assertThat(pow.verify(forged, ProofOfWork.solve(forged, BITS))).as(forged).isFalse();
        }
    }

    @Test
    void malformed_challenges_and_nonces_are_refused_without_exceptions() {
        String challenge = pow.issue().challenge();
        String[] junk = {null, "", ".", "..", "a.b", "a.b.c", "1.2.3.4", "x." + challenge, challenge + ".", challenge + "=",
            "9999999999999999999999." + challenge.substring(challenge.indexOf('.') + 1), "1.a.%%%", "a".repeat(10_000)};
        for (String c : junk) {
            assertThat(pow.verify(c, "0")).as(String.valueOf(c)).isFalse();
        }
        assertThat(pow.verify(challenge, null)).isFalse();
        assertThat(pow.verify(challenge, "")).isFalse();
        assertThat(pow.verify(challenge, "0".repeat(65))).isFalse();
        assertThat(pow.verify(challenge, ProofOfWork.solve(challenge, BITS))).as("still usable after the junk").isTrue();
    }

    @Test
    void the_default_difficulty_of_sixteen_bits_is_solvable_and_enforced() {
        ProofOfWork sixteen = new ProofOfWork(KEY, 16, Duration.ofMinutes(10), clock);
        String challenge = sixteen.issue().challenge();
        assertThat(sixteen.verify(challenge, nonceWithBits(challenge, 8, 16, 0))).as("8 to 15 zero bits").isFalse();
        assertThat(sixteen.verify(challenge, ProofOfWork.solve(challenge, 16))).isTrue();
    }

    @Test
    void leading_zero_bits_are_counted_across_bytes() {
        assertThat(ProofOfWork.leadingZeroBits(new byte[] {(byte) 0x80, 0})).isZero();
        assertThat(ProofOfWork.leadingZeroBits(new byte[] {0x01, 0})).isEqualTo(7);
        assertThat(ProofOfWork.leadingZeroBits(new byte[] {0, 0x10})).isEqualTo(11);
        assertThat(ProofOfWork.leadingZeroBits(new byte[] {0, 0})).isEqualTo(16);
    }

    /** The first counter nonce from {@code from} whose hash has at least {@code min} and fewer than {@code below} zero bits. */
    private static String nonceWithBits(String challenge, int min, int below, long from) {
        for (long n = from; ; n++) {
            String nonce = Long.toString(n);
            if (ProofOfWork.solves(challenge, nonce, min) && !ProofOfWork.solves(challenge, nonce, below)) {
                return nonce;
            }
        }
    }

    private static String unsolvedNonce(String challenge) {
        for (int n = 0; ; n++) {
            if (!ProofOfWork.solves(challenge, "x" + n, BITS)) {
                return "x" + n;
            }
        }
    }
}

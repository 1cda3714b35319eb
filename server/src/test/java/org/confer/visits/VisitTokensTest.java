package org.confer.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Visit links: 256 random bits in base64url, stored as their SHA-256. */
class VisitTokensTest {

    @Test
    void a_token_is_43_base64url_characters_without_padding() {
        String token = VisitTokens.newToken();
        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(VisitTokens.wellFormed(token)).isTrue();
    }

    @Test
    void a_thousand_tokens_are_all_different() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(VisitTokens.newToken());
        }
        assertThat(tokens).hasSize(1000);
    }

    @Test
    void the_hash_is_32_bytes_the_same_for_the_same_token_and_different_for_another() {
        String token = VisitTokens.newToken();
        assertThat(VisitTokens.hash(token)).hasSize(32).isEqualTo(VisitTokens.hash(token));
        assertThat(VisitTokens.hash(token)).isNotEqualTo(VisitTokens.hash(VisitTokens.newToken()));
        // echo -n abc | sha256sum
        assertThat(HexFormat.of().formatHex(VisitTokens.hash("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void well_formed_rejects_junk() {
        String token = VisitTokens.newToken();
        String[] junk = {null, "", token.substring(1), token + "A", token.substring(1) + "=", token.substring(1) + "+",
            token.substring(1) + "/", token.substring(1) + " ", token.substring(1) + "é", "A".repeat(1000)};
        for (String t : junk) {
            assertThat(VisitTokens.wellFormed(t)).as(String.valueOf(t)).isFalse();
        }
    }
}

package org.confer.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The credentials Confer mints for media servers without asking them: coturn's REST scheme and
 * Janus's signed tokens. Each HMAC is recomputed here independently, the way coturn and Janus do.
 */
class MediaCredentialsTest {
    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
    private static final UUID ALICE = UUID.fromString("0f0e0d0c-0b0a-4909-8807-060504030201");

    private static String hmac(String secret, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_turn_credential_is_the_expiry_and_user_signed_with_the_shared_secret() throws Exception {
        TurnCredentials.Credential c = new TurnCredentials("s3cret").mint(ALICE, NOW, Duration.ofHours(12));

        long expiry = NOW.plus(Duration.ofHours(12)).getEpochSecond();
        assertThat(c.username()).isEqualTo(expiry + ":" + ALICE);
        assertThat(c.credential()).isEqualTo(hmac("s3cret", c.username()));
        assertThat(c.expiresAt()).isEqualTo(Instant.ofEpochSecond(expiry));
    }

    @Test
    void another_secret_or_user_gives_another_credential() {
        TurnCredentials.Credential a = new TurnCredentials("one").mint(ALICE, NOW, Duration.ofMinutes(5));
        TurnCredentials.Credential b = new TurnCredentials("two").mint(ALICE, NOW, Duration.ofMinutes(5));
        TurnCredentials.Credential c = new TurnCredentials("one").mint(UUID.randomUUID(), NOW, Duration.ofMinutes(5));

        assertThat(a.credential()).isNotEqualTo(b.credential()).isNotEqualTo(c.credential());
    }

    @Test
    void grants_list_stun_without_credentials_and_turn_with_a_fresh_credential_that_expires_after_the_ttl() throws Exception {
        MediaSettings settings = new MediaSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), true, Optional.empty(), List.of("stun:stun.example:3478"),
                List.of("turn:turn.example:3478?transport=udp", "turns:turn.example:443?transport=tcp"), Optional.of("k"),
                Duration.ofMinutes(30), true);
        IceServerSource source = new IceServerSource(settings, Clock.fixed(NOW, ZoneOffset.UTC));

        List<IceServer> servers = source.forUser(ALICE);

        assertThat(servers).hasSize(2);
        assertThat(servers.get(0)).isEqualTo(new IceServer(List.of("stun:stun.example:3478"), null, null));
        IceServer turn = servers.get(1);
        assertThat(turn.urls()).containsExactly("turn:turn.example:3478?transport=udp", "turns:turn.example:443?transport=tcp");
        assertThat(turn.username()).isEqualTo(NOW.plus(Duration.ofMinutes(30)).getEpochSecond() + ":" + ALICE);
        assertThat(turn.credential()).isEqualTo(hmac("k", turn.username()));
        assertThat(source.iceTransportPolicy()).isEqualTo("relay");
    }

    @Test
    void without_stun_or_turn_a_grant_has_no_ice_servers_and_uses_every_candidate() {
        IceServerSource source = new IceServerSource(MediaSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(source.forUser(ALICE)).isEmpty();
        assertThat(source.iceTransportPolicy()).isEqualTo("all");
    }

    @Test
    void janus_core_and_room_tokens_carry_expiry_realm_and_descriptor_signed_with_the_token_secret() throws Exception {
        JanusTokens tokens = new JanusTokens("tok");
        Instant exp = NOW.plusSeconds(600);

        String core = tokens.core(exp);
        String room = tokens.room(4242, exp);

        String coreData = exp.getEpochSecond() + ",janus,janus.plugin.videoroom";
        String roomData = exp.getEpochSecond() + ",janus.plugin.videoroom,room=4242";
        assertThat(core).isEqualTo(coreData + ":" + hmac("tok", coreData));
        assertThat(room).isEqualTo(roomData + ":" + hmac("tok", roomData));
        assertThat(tokens.room(4243, exp)).isNotEqualTo(room);
        assertThat(new JanusTokens("other").room(4242, exp)).isNotEqualTo(room);
    }
}

package org.confer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.confer.media.MediaSettings;
import org.junit.jupiter.api.Test;

/** The media settings (CONFER_JANUS_*, CONFER_STUN_URLS, CONFER_TURN_*): defaults and refused combinations. */
class MediaConfigTest extends ConfigTestSupport {

    @Test
    void by_default_the_embedded_janus_is_allowed_and_there_is_no_stun_or_turn() {
        MediaSettings m = load().media();

        assertThat(m.janusUrl()).isEmpty();
        assertThat(m.embedded()).isTrue();
        assertThat(m.janusInterfaces()).isEmpty();
        assertThat(m.stunUrls()).isEmpty();
        assertThat(m.turnUrls()).isEmpty();
        assertThat(m.turnTtl()).isEqualTo(Duration.ofHours(12));
        assertThat(m.turnRelayOnly()).isFalse();
    }

    @Test
    void an_operators_janus_and_turn_server_are_read_with_their_secrets() {
        env.put("CONFER_JANUS_URL", "http://127.0.0.1:8088/janus");
        env.put("CONFER_JANUS_WS_URL", "ws://127.0.0.1:8188");
        env.put("CONFER_JANUS_API_SECRET", "api");
        env.put("CONFER_JANUS_TOKEN_SECRET", "tok");
        env.put("CONFER_JANUS_ADMIN_KEY", "adm");
        env.put("CONFER_STUN_URLS", "stun:stun.trust.nhs.uk:3478");
        env.put("CONFER_TURN_URLS", "turn:turn.trust.nhs.uk:3478?transport=udp, turns:turn.trust.nhs.uk:443?transport=tcp");
        env.put("CONFER_TURN_SECRET", "shared");
        env.put("CONFER_TURN_TTL_SECONDS", "3600");
        env.put("CONFER_TURN_RELAY_ONLY", "true");

        MediaSettings m = load().media();

        assertThat(m.janusUrl()).contains(URI.create("http://127.0.0.1:8088/janus"));
        assertThat(m.janusWsUrl()).contains(URI.create("ws://127.0.0.1:8188"));
        assertThat(m.janusApiSecret()).contains("api");
        assertThat(m.janusTokenSecret()).contains("tok");
        assertThat(m.janusAdminKey()).contains("adm");
        assertThat(m.externalJanus()).isTrue();
        assertThat(m.stunUrls()).containsExactly("stun:stun.trust.nhs.uk:3478");
        assertThat(m.turnUrls()).containsExactly("turn:turn.trust.nhs.uk:3478?transport=udp", "turns:turn.trust.nhs.uk:443?transport=tcp");
        assertThat(m.turnSecret()).contains("shared");
        assertThat(m.turnTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(m.turnRelayOnly()).isTrue();
    }

    @Test
    void the_embedded_janus_can_be_turned_off_and_bound_to_chosen_interfaces() {
        env.put("CONFER_JANUS_EMBEDDED", "off");
        assertThat(load().media().embedded()).isFalse();
        env.put("CONFER_JANUS_EMBEDDED", "auto");
        env.put("CONFER_JANUS_INTERFACES", "eth1");
        assertThat(load().media().janusInterfaces()).contains("eth1");
    }

    @Test
    void a_turn_url_without_the_shared_secret_is_refused_without_echoing_secrets() {
        env.put("CONFER_TURN_URLS", "turn:turn.example:3478");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("CONFER_TURN_SECRET is required");

        env.remove("CONFER_TURN_URLS");
        env.put("CONFER_TURN_SECRET", "hush-hush");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("CONFER_TURN_URLS")
                .message().doesNotContain("hush-hush");
    }

    @Test
    void urls_of_the_wrong_kind_are_refused_with_an_example() {
        env.put("CONFER_STUN_URLS", "turn:turn.example:3478");
        assertThatThrownBy(this::load).hasMessageContaining("CONFER_STUN_URLS").hasMessageContaining("stun:");
        env.remove("CONFER_STUN_URLS");
        env.put("CONFER_JANUS_URL", "ws://127.0.0.1:8188");
        assertThatThrownBy(this::load).hasMessageContaining("CONFER_JANUS_URL").hasMessageContaining("http://");
    }

    @Test
    void a_janus_url_needs_its_websocket_url_and_secrets_and_secrets_need_the_url() {
        env.put("CONFER_JANUS_URL", "http://127.0.0.1:8088/janus");
        assertThatThrownBy(this::load).hasMessageContaining("CONFER_JANUS_WS_URL is required");
        env.put("CONFER_JANUS_WS_URL", "ws://127.0.0.1:8188");
        assertThatThrownBy(this::load).hasMessageContaining("CONFER_JANUS_API_SECRET is required");
        env.put("CONFER_JANUS_API_SECRET", "a");
        assertThatThrownBy(this::load).hasMessageContaining("CONFER_JANUS_TOKEN_SECRET is required");
        env.put("CONFER_JANUS_TOKEN_SECRET", "t");
        env.put("CONFER_JANUS_INTERFACES", "eth0");
        assertThatThrownBy(this::load).hasMessageContaining("applies only to the embedded Janus");

        env.clear();
        env.put("CONFER_JANUS_API_SECRET", "a");
        assertThatThrownBy(this::load).hasMessageContaining("CONFER_JANUS_API_SECRET is set but CONFER_JANUS_URL is not");
    }

    @Test
    void relay_only_without_a_turn_server_is_refused() {
        env.put("CONFER_TURN_RELAY_ONLY", "true");
        assertThatThrownBy(this::load).hasMessageContaining("CONFER_TURN_RELAY_ONLY=true needs CONFER_TURN_URLS");
    }
}

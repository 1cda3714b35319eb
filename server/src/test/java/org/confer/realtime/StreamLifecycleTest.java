package org.confer.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.ServerTest;
import org.confer.testing.StreamClient;
import org.junit.jupiter.api.Test;

/** A stream lives exactly as long as its session, and refuses frames over the size limit. */
class StreamLifecycleTest extends ServerTest {
    private static final String PASSWORD = "stream-lifecycle-pass-1";

    private String[] person() {
        String email = "stream-" + UUID.randomUUID().toString().substring(0, 8) + "@test.confer.test";
        Api.Response r = api.post("/api/v1/admin/users", Map.of("email", email, "displayName", "Stream Person", "password", PASSWORD),
                server.login("admin"));
        assertThat(r.status()).isEqualTo(201);
        return new String[] {r.json().get("id").asText(), email};
    }

    private StreamClient ready(String token) {
        StreamClient c = StreamClient.connect(api.base(), token, true);
        c.hello(Map.of(), null);
        c.awaitType("ready");
        return c;
    }

    @Test
    void signing_out_closes_that_sessions_streams_at_once_and_only_those() {
        String[] p = person();
        String phone = api.login(p[1], PASSWORD);
        String laptop = api.login(p[1], PASSWORD);
        StreamClient phoneStream = ready(phone);
        StreamClient laptopStream = ready(laptop);

        assertThat(api.post("/api/v1/auth/logout", Map.of(), phone).status()).isEqualTo(204);

        assertThat(phoneStream.awaitClose(Duration.ofSeconds(10))).isEqualTo(4001);
        laptopStream.send(Map.of("type", "ping"));
        assertThat(laptopStream.awaitType("pong")).isNotNull();
        laptopStream.close();
    }

    @Test
    void disabling_a_user_closes_all_their_streams() {
        String[] p = person();
        StreamClient a = ready(api.login(p[1], PASSWORD));
        StreamClient b = ready(api.login(p[1], PASSWORD));
        Api.Response disabled = api.patch("/api/v1/admin/users/" + p[0], Map.of("status", "disabled"), server.login("admin"));
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(a.awaitClose(Duration.ofSeconds(10))).isEqualTo(4001);
        assertThat(b.awaitClose(Duration.ofSeconds(10))).isEqualTo(4001);
    }

    @Test
    void a_frame_over_64_KiB_closes_the_connection_with_1009() {
        String[] p = person();
        StreamClient c = ready(api.login(p[1], PASSWORD));
        try {
            c.sendRaw("{\"type\":\"ping\",\"padding\":\"" + "x".repeat(70 * 1024) + "\"}");
        } catch (IllegalStateException closedWhileSending) {
            // The server may close before the client finishes writing.
        }
        assertThat(c.awaitClose(Duration.ofSeconds(10))).isEqualTo(1009);
    }
}

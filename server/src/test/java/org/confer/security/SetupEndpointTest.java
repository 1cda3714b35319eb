package org.confer.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.confer.testing.Api.Response;
import org.confer.testing.Backend;
import org.confer.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Finding 3 (MEDIUM): POST /api/v1/setup is public, so it must not make the server compute
 * Argon2 hashes for anyone who calls it. Once set-up is done it answers 410 at once; before,
 * the token is checked (in constant time) before the fields and the password, and one address
 * has ten attempts a minute.
 */
@ParameterizedClass(name = "[{0}]")
@EnumSource(Backend.class)
class SetupEndpointTest {
    private static final Pattern TOKEN = Pattern.compile("setup\\.html#token=([A-Za-z0-9_-]+)");
    @Parameter
    Backend backend;

    private static Map<String, Object> body(String token, String password) {
        Map<String, Object> b = new HashMap<>();
        b.put("token", token);
        b.put("organisationCode", "RX1");
        b.put("organisationName", "Example Hospitals NHS Trust");
        b.put("email", "it.lead@example.nhs.uk");
        b.put("displayName", "Jo Bloggs");
        b.put("password", password);
        return b;
    }

    @Test
    void once_set_up_is_done_every_attempt_is_answered_410_without_looking_at_the_body() {
        try (TestServer server = TestServer.start(backend, Map.of())) {
            for (int i = 0; i < 60; i++) {
                Response r = server.api.post("/api/v1/setup", body("guess-" + i, "a long enough passphrase " + i), null);
                assertThat(r.status()).as(r.toString()).isEqualTo(410);
                assertThat(r.problemType()).isEqualTo("gone");
            }
            Response notEvenJson = server.api.post("/api/v1/setup", "not json", null);
            assertThat(notEvenJson.status()).isEqualTo(410);
        }
    }

    @Test
    void the_token_is_checked_before_the_password_so_a_wrong_token_never_reaches_argon2() {
        try (TestServer server = TestServer.start(backend, Map.of("CONFER_DEMO", "false"))) {
            // A weak password would be refused with 422 by the policy, which runs before hashing:
            // 403 shows the token was looked at first.
            Response weakWithWrongToken = server.api.post("/api/v1/setup", body("wrong-token", "short"), null);
            assertThat(weakWithWrongToken.status()).as(weakWithWrongToken.toString()).isEqualTo(403);

            Response weakWithRightToken = server.api.post("/api/v1/setup", body(token(server), "short"), null);
            assertThat(weakWithRightToken.status()).isEqualTo(422);
        }
    }

    @Test
    void one_address_has_ten_set_up_attempts_a_minute() {
        try (TestServer server = TestServer.start(backend, Map.of("CONFER_DEMO", "false"))) {
            String token = token(server);
            for (int i = 0; i < 10; i++) {
                assertThat(server.api.post("/api/v1/setup", body("wrong-" + i, "a long enough passphrase"), null).status())
                        .isEqualTo(403);
            }

            Response eleventh = server.api.post("/api/v1/setup", body(token, "a long enough passphrase"), null);

            assertThat(eleventh.status()).isEqualTo(429);
            assertThat(eleventh.header("Retry-After")).isNotBlank();
            server.clock.advance(java.time.Duration.ofMinutes(1));
            assertThat(server.api.post("/api/v1/setup", body(token, "a long enough passphrase"), null).status()).isEqualTo(201);
        }
    }

    private static String token(TestServer server) {
        Matcher m = TOKEN.matcher(server.banner());
        assertThat(m.find()).as(server.banner()).isTrue();
        return m.group(1);
    }
}

package org.confer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.confer.testing.Api.Response;
import org.confer.testing.ServerTest;
import org.confer.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Signing in and out with email and password, and what a failed sign-in reveals (nothing). */
class SignInTest extends ServerTest {

    @Override
    protected Map<String, String> settings() {
        // Room for the many sign-ins of this class, but a small per-account budget to test.
        return Map.of("CONFER_LOGIN_ATTEMPTS_PER_ACCOUNT", "5", "CONFER_LOGIN_ATTEMPTS_PER_ADDRESS", "1000");
    }

    @Test
    void signing_in_returns_a_token_the_user_and_both_cookies() {
        Response r = api.post("/api/v1/auth/login",
                Map.of("email", "Alice@Demo.Confer.Test", "password", TestServer.DEMO_PASSWORD), null);

        assertThat(r.status()).isEqualTo(200);
        String token = r.json().get("token").asText();
        assertThat(java.util.Base64.getUrlDecoder().decode(token)).hasSizeGreaterThanOrEqualTo(32);
        assertThat(r.json().at("/user/email").asText()).isEqualTo("alice@demo.confer.test");
        assertThat(r.json().at("/user/organisation/code").asText()).isEqualTo("RDM");
        assertThat(r.json().at("/user/role").asText()).isEqualTo("member");
        assertThat(r.body()).doesNotContain("argon2").doesNotContain("passwordHash");
        assertThat(r.headerValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("confer_session=" + token).contains("HttpOnly").contains("SameSite=Lax"))
                .anySatisfy(c -> assertThat(c).startsWith("confer_csrf=" + r.json().get("csrfToken").asText()).doesNotContain("HttpOnly"));

        Response me = api.get("/api/v1/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("displayName").asText()).isEqualTo("Alice Moreno");
    }

    @Test
    void a_wrong_password_and_an_unknown_email_get_the_same_answer() {
        Response wrongPassword = api.post("/api/v1/auth/login",
                Map.of("email", "bob@demo.confer.test", "password", "not the right password"), null);
        Response unknownEmail = api.post("/api/v1/auth/login",
                Map.of("email", "nobody@demo.confer.test", "password", "not the right password"), null);

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(wrongPassword.contentType()).startsWith("application/problem+json");
        assertThat(wrongPassword.problemType()).isEqualTo("invalid-credentials");
        assertThat(unknownEmail.json()).isEqualTo(wrongPassword.json());
        assertThat(wrongPassword.headerValues("Set-Cookie")).isEmpty();
    }

    @Test
    void unknown_email_costs_a_password_verification_too() {
        // Both paths must run one Argon2 verification (~tens of ms); without the decoy the unknown
        // email would answer in about a millisecond. Calls are interleaved after a warm-up and the
        // band is wide, so machine noise cannot fail it but a missing verification would.
        api.post("/api/v1/auth/login", Map.of("email", "chloe@demo.confer.test", "password", "warm-up"), null);
        api.post("/api/v1/auth/login", Map.of("email", "ghost@demo.confer.test", "password", "warm-up"), null);
        long[] known = new long[3];
        long[] unknown = new long[3];
        for (int i = 0; i < 3; i++) {
            known[i] = timeLogin("chloe@demo.confer.test", i);
            unknown[i] = timeLogin("ghost@demo.confer.test", i);
        }
        java.util.Arrays.sort(known);
        java.util.Arrays.sort(unknown);
        assertThat((double) unknown[1] / known[1]).isBetween(0.25, 4.0);
    }

    private long timeLogin(String email, int i) {
        long start = System.nanoTime();
        api.post("/api/v1/auth/login", Map.of("email", email, "password", "wrong password " + i), null);
        return System.nanoTime() - start;
    }

    @Test
    void repeated_failures_for_one_account_are_throttled_with_retry_after() {
        Response last = null;
        for (int i = 0; i < 5; i++) {
            last = api.post("/api/v1/auth/login", Map.of("email", "george@demo.confer.test", "password", "guess number " + i), null);
            assertThat(last.status()).isEqualTo(401);
        }
        Response throttled = api.post("/api/v1/auth/login",
                Map.of("email", "george@demo.confer.test", "password", TestServer.DEMO_PASSWORD), null);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.problemType()).isEqualTo("rate-limited");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isPositive();
        // Other accounts are unaffected.
        assertThat(api.post("/api/v1/auth/login", Map.of("email", "fatima@demo.confer.test", "password", TestServer.DEMO_PASSWORD), null).status())
                .isEqualTo(200);
    }

    @Test
    void logout_ends_the_session() {
        String token = server.login("hannah");
        assertThat(api.post("/api/v1/auth/logout", Map.of(), token).status()).isEqualTo(204);
        Response after = api.get("/api/v1/me", token);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.problemType()).isEqualTo("unauthenticated");
    }

    @Test
    void a_made_up_or_malformed_token_is_refused() {
        assertThat(api.get("/api/v1/me", "made-up-token").status()).isEqualTo(401);
        assertThat(api.send("GET", "/api/v1/me", null, Map.of("Authorization", "Basic YWxpY2U6cGFzcw==")).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", "x".repeat(5000)).status()).isEqualTo(401);
    }

    @Test
    void missing_fields_are_named() {
        Response r = api.post("/api/v1/auth/login", Map.of("email", "alice@demo.confer.test"), null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("password");
    }

    @Test
    void sessions_expire_after_the_idle_timeout_and_at_the_absolute_limit() {
        String idle = server.login("olu");
        server.clock.advance(Duration.ofMinutes(719));
        assertThat(api.get("/api/v1/me", idle).status()).as("used within the 12 h idle window").isEqualTo(200);
        server.clock.advance(Duration.ofMinutes(721));
        assertThat(api.get("/api/v1/me", idle).status()).as("idle for more than 12 h").isEqualTo(401);

        String busy = server.login("dan");
        for (int hour = 0; hour < 7 * 24 - 6; hour += 6) {
            server.clock.advance(Duration.ofHours(6));
            assertThat(api.get("/api/v1/me", busy).status()).isEqualTo(200);
        }
        server.clock.advance(Duration.ofHours(7));
        assertThat(api.get("/api/v1/me", busy).status()).as("past the 7-day absolute limit").isEqualTo(401);
    }
}

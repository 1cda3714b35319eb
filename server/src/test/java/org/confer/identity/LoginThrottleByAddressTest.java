package org.confer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.Api.Response;
import org.confer.testing.ServerTest;
import org.confer.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The per-address sign-in limit behind a trusted reverse proxy: the client address is taken
 * from X-Forwarded-For (right-most hop that is not itself a trusted proxy), so one client is
 * limited without locking out everyone else behind the same proxy. Every test uses addresses of
 * its own, since the limit (3 a minute) is shared by the whole class.
 */
class LoginThrottleByAddressTest extends ServerTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("CONFER_TRUSTED_PROXIES", "127.0.0.1", "CONFER_LOGIN_ATTEMPTS_PER_ADDRESS", "3");
    }

    @Test
    void the_fourth_attempt_from_one_address_is_throttled_while_another_address_still_signs_in() {
        for (int i = 0; i < 3; i++) {
            Response r = attempt("203.0.113.7", uniqueEmail(), "wrong password " + i);
            assertThat(r.status()).as("attempt %d: %s", i + 1, r).isEqualTo(401);
            assertThat(r.problemType()).isEqualTo("invalid-credentials");
        }

        Response fourth = attempt("203.0.113.7", "alice@demo.confer.test", TestServer.DEMO_PASSWORD);

        assertThat(fourth.status()).as(fourth.toString()).isEqualTo(429);
        assertThat(fourth.problemType()).isEqualTo("rate-limited");
        long retryAfter = Long.parseLong(fourth.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(fourth.json().get("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
        assertThat(fourth.headerValues("Set-Cookie")).as("even the right password gets no session").isEmpty();
        assertThat(fourth.body()).doesNotContain("token");

        Response wrongElsewhere = attempt("203.0.113.8", uniqueEmail(), "wrong password");
        assertThat(wrongElsewhere.status()).as(wrongElsewhere.toString()).isEqualTo(401);
        assertThat(wrongElsewhere.problemType()).isEqualTo("invalid-credentials");
        Response rightElsewhere = attempt("203.0.113.8", "alice@demo.confer.test", TestServer.DEMO_PASSWORD);
        assertThat(rightElsewhere.status()).as(rightElsewhere.toString()).isEqualTo(200);

        assertThat(attempt("203.0.113.7", "alice@demo.confer.test", TestServer.DEMO_PASSWORD).status())
                .as("the throttled address stays throttled").isEqualTo(429);
    }

    @Test
    void addresses_prepended_by_the_client_do_not_escape_the_limit() {
        // The proxy appends the real peer (203.0.113.9); anything to its left is whatever the client sent.
        for (int i = 0; i < 3; i++) {
            Response r = attempt("198.51.100." + (10 + i) + ", 203.0.113.9", uniqueEmail(), "wrong password");
            assertThat(r.status()).as(r.toString()).isEqualTo(401);
        }
        Response fourth = attempt("198.51.100.99, 203.0.113.9", uniqueEmail(), "wrong password");
        assertThat(fourth.status()).as(fourth.toString()).isEqualTo(429);
        assertThat(fourth.header("Retry-After")).isNotBlank();
    }

    @Test
    void the_session_records_the_forwarded_client_address() {
        assertThat(recordedAddress("203.0.113.20")).isEqualTo("203.0.113.20");
        assertThat(recordedAddress("198.51.100.66, 203.0.113.21")).as("right-most hop").isEqualTo("203.0.113.21");
        assertThat(recordedAddress("203.0.113.22, 127.0.0.1")).as("trusted proxies are skipped").isEqualTo("203.0.113.22");
        assertThat(recordedAddress(" 203.0.113.23 ,  ")).as("blank hops are skipped").isEqualTo("203.0.113.23");
    }

    @Test
    void a_second_x_forwarded_for_line_appended_by_the_proxy_decides_not_the_clients_own_line() {
        // HAProxy's "option forwardfor" adds its own line after whatever the client sent.
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", "198.51.100.77")
                .header("X-Forwarded-For", "203.0.113.30")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(Api.json(Map.of("email", "hannah@demo.confer.test",
                        "password", TestServer.DEMO_PASSWORD)))).build();
        String token;
        try {
            var r = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("token").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Response sessions = api.get("/api/v1/me/sessions", token);
        assertThat(sessions.json().get("items")).anySatisfy(s -> {
            assertThat(s.get("current").asBoolean()).isTrue();
            assertThat(s.get("clientAddress").asText()).isEqualTo("203.0.113.30");
        });
    }

    @Test
    void without_x_forwarded_for_the_trusted_proxy_itself_is_the_client() {
        Response r = api.post("/api/v1/auth/login",
                Map.of("email", "bob@demo.confer.test", "password", TestServer.DEMO_PASSWORD), null);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Response sessions = api.get("/api/v1/me/sessions", r.json().get("token").asText());
        assertThat(sessions.json().get("items")).anySatisfy(s -> {
            assertThat(s.get("current").asBoolean()).isTrue();
            assertThat(s.get("clientAddress").asText()).isEqualTo("127.0.0.1");
        });
    }

    /** Signs in hannah through the "proxy" with this X-Forwarded-For and returns the address her session records. */
    private String recordedAddress(String forwardedFor) {
        Response r = attempt(forwardedFor, "hannah@demo.confer.test", TestServer.DEMO_PASSWORD);
        assertThat(r.status()).as(forwardedFor + ": " + r).isEqualTo(200);
        Response sessions = api.get("/api/v1/me/sessions", r.json().get("token").asText());
        for (var s : sessions.json().get("items")) {
            if (s.get("current").asBoolean()) {
                return s.get("clientAddress").asText();
            }
        }
        throw new AssertionError("no current session in " + sessions);
    }

    private Response attempt(String forwardedFor, String email, String password) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Forwarded-For", forwardedFor);
        byte[] body = Api.json(Map.of("email", email, "password", password));
        return api.send("POST", "/api/v1/auth/login", body, headers);
    }

    private static String uniqueEmail() {
        return "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@test.confer.nhs.uk";
    }
}

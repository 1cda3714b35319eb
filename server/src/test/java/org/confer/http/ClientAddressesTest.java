package org.confer.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api;
import org.confer.testing.Api.Response;
import org.confer.testing.ServerTest;
import org.confer.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * {@link ClientAddresses} without trusted proxies: X-Forwarded-For is whatever the client chose
 * to send, so it must be ignored, or anyone could pick a new address per request and escape the
 * per-address sign-in limit. Tested through a real server because a Javalin Context cannot be
 * built cheaply outside one. (With a trusted proxy: LoginThrottleByAddressTest.)
 */
class ClientAddressesTest extends ServerTest {

    @Override
    protected Map<String, String> settings() {
        // No CONFER_TRUSTED_PROXIES: the direct peer (127.0.0.1) is the client, whatever it claims.
        return Map.of("CONFER_LOGIN_ATTEMPTS_PER_ADDRESS", "3");
    }

    // One test on purpose: every sign-in of this class draws on the same 127.0.0.1 budget of 3.
    @Test
    void x_forwarded_for_from_an_untrusted_peer_is_ignored_and_does_not_escape_the_per_address_limit() {
        Response first = attempt("203.0.113.50", "alice@demo.confer.test", TestServer.DEMO_PASSWORD);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(currentSessionAddress(first.json().get("token").asText()))
                .as("the session records the peer, not the claimed address").isEqualTo("127.0.0.1");

        for (String claimed : new String[] {"203.0.113.51", "198.51.100.1, 203.0.113.52"}) {
            Response r = attempt(claimed, uniqueEmail(), "wrong password");
            assertThat(r.status()).as(claimed + ": " + r).isEqualTo(401);
        }

        Response fourth = attempt("203.0.113.53", "bob@demo.confer.test", TestServer.DEMO_PASSWORD);
        assertThat(fourth.status()).as("a fresh claimed address is still the same client: " + fourth).isEqualTo(429);
        assertThat(fourth.problemType()).isEqualTo("rate-limited");
        assertThat(Long.parseLong(fourth.header("Retry-After"))).isPositive();
        assertThat(fourth.headerValues("Set-Cookie")).isEmpty();

        Response noHeader = api.post("/api/v1/auth/login",
                Map.of("email", "bob@demo.confer.test", "password", TestServer.DEMO_PASSWORD), null);
        assertThat(noHeader.status()).isEqualTo(429);
    }

    private String currentSessionAddress(String token) {
        Response sessions = api.get("/api/v1/me/sessions", token);
        assertThat(sessions.status()).isEqualTo(200);
        for (JsonNode s : sessions.json().get("items")) {
            if (s.get("current").asBoolean()) {
                return s.get("clientAddress").asText();
            }
        }
        throw new AssertionError("no current session in " + sessions);
    }

    private Response attempt(String forwardedFor, String email, String password) {
        return api.send("POST", "/api/v1/auth/login", Api.json(Map.of("email", email, "password", password)),
                Map.of("Content-Type", "application/json", "X-Forwarded-For", forwardedFor));
    }

    private static String uniqueEmail() {
        return "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@test.confer.nhs.uk";
    }
}

package org.confer.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.confer.testing.Api;
import org.confer.testing.Api.Response;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * Finding 1 (HIGH): nobody who does not know the password can keep a person from signing in.
 * Failures are budgeted per account and client (address, or a browser that signed in before),
 * and an account-wide ceiling on clients it has never seen slows a distributed guess rather than
 * blocking. Budgets here: 3 per account and client, a ceiling of 6, per 15 minutes. Client
 * addresses come from X-Forwarded-For (127.0.0.1 is a trusted proxy); every test has an account
 * of its own.
 */
class SignInLockoutTest extends ServerTest {
    private static final String LOGIN = "/api/v1/auth/login";
    private ChatFixtures people;

    @Override
    protected Map<String, String> settings() {
        return Map.of("CONFER_TRUSTED_PROXIES", "127.0.0.1", "CONFER_LOGIN_ATTEMPTS_PER_ACCOUNT", "3",
                "CONFER_LOGIN_ACCOUNT_CEILING", "6", "CONFER_LOGIN_ATTEMPTS_PER_ADDRESS", "1000");
    }

    @Override
    protected void afterStart() {
        people = new ChatFixtures(server);
    }

    @Test
    void a_stranger_failing_from_one_address_does_not_lock_out_the_owner_elsewhere() {
        String email = people.person("nurse").email();
        for (int i = 0; i < 3; i++) {
            assertThat(attempt("203.0.113.10", email, "wrong guess " + i, null).status()).isEqualTo(401);
        }
        Response strangerAgain = attempt("203.0.113.10", email, ChatFixtures.PASSWORD, null);
        assertThat(strangerAgain.status()).as("the stranger's own budget is spent, right password or not").isEqualTo(429);
        assertThat(strangerAgain.header("Retry-After")).isNotBlank();

        Response owner = attempt("198.51.100.20", email, ChatFixtures.PASSWORD, null);

        assertThat(owner.status()).as(owner.toString()).isEqualTo(200);
    }

    @Test
    void a_distributed_guess_is_slowed_account_wide_but_a_browser_that_signed_in_before_still_gets_in() {
        String email = people.person("registrar").email();
        Response earlier = attempt("198.51.100.30", email, ChatFixtures.PASSWORD, null);
        assertThat(earlier.status()).isEqualTo(200);
        String device = deviceCookie(earlier);

        for (int i = 0; i < 6; i++) {
            assertThat(attempt("203.0.113." + (40 + i), email, "guess " + i, null).status()).isEqualTo(401);
        }
        Response newBrowser = attempt("192.0.2.50", email, ChatFixtures.PASSWORD, null);
        assertThat(newBrowser.status()).as("past the ceiling, a client never seen before is slowed").isEqualTo(429);
        long retryAfter = Long.parseLong(newBrowser.header("Retry-After"));
        assertThat(retryAfter).as("slowed to one attempt every 15 min / 6, not locked for 15 minutes").isBetween(1L, 150L);

        Response knownBrowser = attempt("203.0.113.40", email, ChatFixtures.PASSWORD, device);
        assertThat(knownBrowser.status()).as("the owner's browser, even from an attacker's address: " + knownBrowser).isEqualTo(200);

        server.clock.advance(Duration.ofSeconds(retryAfter));
        Response later = attempt("192.0.2.50", email, ChatFixtures.PASSWORD, null);
        assertThat(later.status()).as("slowed, never blocked: " + later).isEqualTo(200);
    }

    @Test
    void an_account_under_attack_is_counted_in_metrics() {
        String email = people.person("consultant").email();
        for (int i = 0; i < 7; i++) {
            attempt("203.0.113." + (60 + i), email, "guess " + i, null);
        }

        String metrics = api.get("/metrics", server.metricsToken()).body();

        assertThat(gauge(metrics, "confer_signin_accounts_under_attack")).isGreaterThanOrEqualTo(1.0);
        assertThat(metrics).containsPattern("confer_signin_refused_total\\{budget=\"account_ceiling\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("confer_signin_failures_total\\{reason=\"password\"[^}]*} [1-9]");
    }

    @Test
    void a_device_cookie_vouches_only_for_its_own_account_and_cannot_be_forged() {
        ChatFixtures.Person a = people.person("a");
        String email = people.person("b").email();
        String deviceOfA = deviceCookie(attempt("198.51.100.70", a.email(), ChatFixtures.PASSWORD, null));
        String deviceOfB = deviceCookie(attempt("198.51.100.72", email, ChatFixtures.PASSWORD, null));
        for (int i = 0; i < 6; i++) {
            attempt("203.0.113." + (80 + i), email, "guess " + i, null);
        }
        char last = deviceOfB.charAt(deviceOfB.length() - 1);
        String tampered = deviceOfB.substring(0, deviceOfB.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(attempt("198.51.100.70", email, ChatFixtures.PASSWORD, deviceOfA).status())
                .as("a's browser is a stranger to b's account").isEqualTo(429);
        assertThat(attempt("198.51.100.73", email, ChatFixtures.PASSWORD, tampered).status())
                .as("a cookie whose MAC does not verify proves nothing").isEqualTo(429);
        assertThat(attempt("198.51.100.73", email, ChatFixtures.PASSWORD, deviceOfB).status()).isEqualTo(200);
    }

    @Test
    void failures_on_a_known_browser_use_that_browser_s_budget_only() {
        String email = people.person("sister").email();
        String device = deviceCookie(attempt("198.51.100.90", email, ChatFixtures.PASSWORD, null));
        for (int i = 0; i < 3; i++) {
            assertThat(attempt("198.51.100.90", email, "typo " + i, device).status()).isEqualTo(401);
        }

        assertThat(attempt("198.51.100.90", email, ChatFixtures.PASSWORD, device).status())
                .as("that browser has used its budget").isEqualTo(429);
        assertThat(attempt("198.51.100.91", email, ChatFixtures.PASSWORD, null).status())
                .as("another client is unaffected").isEqualTo(200);
    }

    @Test
    void the_device_cookie_is_http_only_strict_long_lived_and_sent_only_to_sign_in() {
        Response r = attempt("198.51.100.99", people.person("fy2").email(), ChatFixtures.PASSWORD, null);

        assertThat(r.headerValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("confer_device=")
                .contains("Path=/api/v1/auth").contains("HttpOnly").contains("SameSite=Strict").contains("Max-Age=34560000"));
    }

    private Response attempt(String forwardedFor, String email, String password, String deviceCookie) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Forwarded-For", forwardedFor);
        if (deviceCookie != null) {
            headers.put("Cookie", "confer_device=" + deviceCookie);
        }
        return api.send("POST", LOGIN, Api.json(Map.of("email", email, "password", password)), headers);
    }

    private static String deviceCookie(Response signedIn) {
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
        for (String c : signedIn.headerValues("Set-Cookie")) {
            if (c.startsWith("confer_device=")) {
                return c.substring("confer_device=".length(), c.indexOf(';'));
            }
        }
        throw new AssertionError("no device cookie in " + signedIn.headers());
    }

    private static double gauge(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).max().orElse(-1);
    }
}

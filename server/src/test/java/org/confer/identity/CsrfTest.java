package org.confer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.testing.Api.Response;
import org.confer.testing.ServerTest;
import org.confer.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Cross-site request forgery: a browser sends the session cookie with any request, even one
 * another site starts, so a cookie-authenticated change must also carry the CSRF token that
 * only Confer's own pages can read. Bearer tokens are never sent automatically and need none.
 * Sign-in itself is protected by accepting only application/json, which a cross-site form
 * cannot send.
 */
class CsrfTest extends ServerTest {

    private static final String PASSWORD = "cookie jar passphrase 42";

    /** A signed-in browser: the session token (the HttpOnly cookie) and the CSRF token the page can read. */
    private record Browser(String email, String sessionToken, String csrfToken) {}

    @Test
    void a_cookie_authenticated_read_needs_no_csrf_token() {
        Browser b = signIn();

        Response me = viaCookie("GET", "/api/v1/me", null, b, null);

        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("email").asText()).isEqualTo(b.email());
        assertThat(viaCookie("GET", "/api/v1/me/sessions", null, b, null).status()).isEqualTo(200);
    }

    @Test
    void a_cookie_authenticated_change_without_the_csrf_header_is_refused_and_the_session_survives() {
        Browser b = signIn();

        Response logout = viaCookie("POST", "/api/v1/auth/logout", "{}", b, null);
        Response endAll = viaCookie("DELETE", "/api/v1/me/sessions", null, b, null);
        Response password = viaCookie("POST", "/api/v1/me/password",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"attacker chosen passphrase\"}", b, null);

        for (Response r : List.of(logout, endAll, password)) {
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.problemType()).isEqualTo("csrf");
            assertThat(r.headerValues("Set-Cookie")).isEmpty();
        }
        assertThat(viaCookie("GET", "/api/v1/me", null, b, null).status()).isEqualTo(200);
        assertLoginStatus(b.email(), PASSWORD, 200);
        assertLoginStatus(b.email(), "attacker chosen passphrase", 401);
    }

    @Test
    void a_wrong_or_another_sessions_csrf_token_is_refused() {
        Browser b = signIn();
        Browser other = signIn();

        for (String wrong : List.of("", "not-the-token", b.sessionToken(), other.csrfToken(), b.csrfToken() + "x",
                b.csrfToken().substring(1))) {
            Response r = viaCookie("POST", "/api/v1/auth/logout", "{}", b, wrong);
            assertThat(r.status()).as("X-CSRF-Token '%s': %s", wrong, r).isEqualTo(403);
            assertThat(r.problemType()).isEqualTo("csrf");
        }
        assertThat(viaCookie("GET", "/api/v1/me", null, b, null).status()).isEqualTo(200);
    }

    @Test
    void the_csrf_token_from_sign_in_lets_a_cookie_authenticated_change_through() {
        Browser b = signIn();

        Response logout = viaCookie("POST", "/api/v1/auth/logout", "{}", b, b.csrfToken());

        assertThat(logout.status()).as(logout.toString()).isEqualTo(204);
        assertThat(logout.headerValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("confer_session=;").contains("Max-Age=0"));
        assertThat(viaCookie("GET", "/api/v1/me", null, b, null).status()).isEqualTo(401);
    }

    @Test
    void the_csrf_token_lets_a_cookie_authenticated_password_change_through() {
        Browser b = signIn();

        Response r = viaCookie("POST", "/api/v1/me/password",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"a replacement passphrase\"}", b, b.csrfToken());

        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        assertLoginStatus(b.email(), "a replacement passphrase", 200);
        assertThat(viaCookie("GET", "/api/v1/me", null, b, null).status()).isEqualTo(200);
    }

    @Test
    void the_csrf_token_is_the_one_in_the_readable_cookie() {
        Response login = api.post("/api/v1/auth/login", Map.of("email", freshUser(), "password", PASSWORD), null);
        String csrf = login.json().get("csrfToken").asText();

        assertThat(login.headerValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("confer_csrf=" + csrf + ";").doesNotContain("HttpOnly"))
                .anySatisfy(c -> assertThat(c).startsWith("confer_session=").contains("HttpOnly"));
        assertThat(csrf).isNotEqualTo(login.json().get("token").asText()).hasSizeGreaterThanOrEqualTo(43);
    }

    @Test
    void a_bearer_authenticated_change_needs_no_csrf_header() {
        Browser b = signIn();
        String bearer = api.login(b.email(), PASSWORD);

        Response logout = api.post("/api/v1/auth/logout", Map.of(), bearer);

        assertThat(logout.status()).as(logout.toString()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", bearer).status()).isEqualTo(401);
        assertThat(viaCookie("GET", "/api/v1/me", null, b, null).status()).as("the browser session is separate").isEqualTo(200);
    }

    @Test
    void an_admin_change_over_the_cookie_needs_the_csrf_token_too() {
        Browser admin = signInAs("admin@demo.confer.test", TestServer.DEMO_PASSWORD);
        String email = "csrf-victim-" + UUID.randomUUID().toString().substring(0, 8) + "@test.confer.nhs.uk";
        String body = "{\"email\":\"" + email + "\",\"displayName\":\"Forged\",\"role\":\"platform_admin\",\"password\":\"" + PASSWORD + "\"}";

        Response forged = viaCookie("POST", "/api/v1/admin/users", body, admin, null);
        assertThat(forged.status()).as(forged.toString()).isEqualTo(403);
        assertThat(forged.problemType()).isEqualTo("csrf");
        assertLoginStatus(email, PASSWORD, 401);

        Response genuine = viaCookie("POST", "/api/v1/admin/users", body, admin, admin.csrfToken());
        assertThat(genuine.status()).as(genuine.toString()).isEqualTo(201);
    }

    // ---- sign-in accepts JSON only ----

    @Test
    void sign_in_refuses_bodies_a_cross_site_form_can_send() {
        String email = freshUser();
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("text/plain", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        forms.put("text/plain; charset=utf-8", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        forms.put("application/x-www-form-urlencoded", "email=" + email + "&password=" + PASSWORD.replace(' ', '+'));
        forms.put("multipart/form-data; boundary=xyz",
                "--xyz\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\n" + email + "\r\n--xyz--\r\n");

        forms.forEach((contentType, body) -> {
            Response r = api.send("POST", "/api/v1/auth/login", body.getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", contentType));
            assertThat(r.status()).as(contentType + ": " + r).isEqualTo(415);
            assertThat(r.problemType()).isEqualTo("unsupported-media-type");
            assertThat(r.headerValues("Set-Cookie")).isEmpty();
            assertThat(r.body()).doesNotContain("token");
        });
        Response none = api.send("POST", "/api/v1/auth/login",
                ("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(none.status()).as(none.toString()).isEqualTo(415);
        assertThat(none.problemType()).isEqualTo("unsupported-media-type");

        assertLoginStatus(email, PASSWORD, 200);
    }

    // ---- helpers ----

    private Browser signIn() {
        return signInAs(freshUser(), PASSWORD);
    }

    private Browser signInAs(String email, String password) {
        Response r = api.post("/api/v1/auth/login", Map.of("email", email, "password", password), null);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return new Browser(email, r.json().get("token").asText(), r.json().get("csrfToken").asText());
    }

    /** A request as a browser sends it: the session cookie, no Authorization header, optionally the CSRF header. */
    private Response viaCookie(String method, String path, String jsonBody, Browser b, String csrfHeader) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cookie", "confer_session=" + b.sessionToken() + "; confer_csrf=" + b.csrfToken());
        if (jsonBody != null) {
            headers.put("Content-Type", "application/json");
        }
        if (csrfHeader != null) {
            headers.put("X-CSRF-Token", csrfHeader);
        }
        return api.send(method, path, jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8), headers);
    }

    private void assertLoginStatus(String email, String password, int status) {
        Response r = api.post("/api/v1/auth/login", Map.of("email", email, "password", password), null);
        assertThat(r.status()).as("sign-in with " + password + ": " + r).isEqualTo(status);
    }

    /** Creates a new member of RDM with {@link #PASSWORD} and returns their email. */
    private String freshUser() {
        String email = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@test.confer.nhs.uk";
        Response r = api.post("/api/v1/admin/users",
                Map.of("email", email, "displayName", "Browser User", "password", PASSWORD), server.login("admin"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return email;
    }
}

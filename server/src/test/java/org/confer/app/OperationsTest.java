package org.confer.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.confer.testing.Api.Response;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * What operators and every client rely on: health, readiness and metrics endpoints, RFC 9457
 * problems for every kind of bad request, body limits, security and caching headers.
 */
class OperationsTest extends ServerTest {
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private Response postLogin(String body) {
        return api.send("POST", "/api/v1/auth/login", body.getBytes(StandardCharsets.UTF_8), JSON);
    }

    private static void assertProblem(Response r, int status, String type) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("type").asText()).isEqualTo("urn:confer:problem:" + type);
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().hasNonNull("title")).isTrue();
    }

    // ---- health, readiness, metrics ----

    @Test
    void healthz_says_the_process_is_up() {
        Response r = api.get("/healthz", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json().toString()).isEqualTo("{\"status\":\"up\"}");
    }

    @Test
    void readyz_says_ready_once_the_database_is_migrated_and_reachable() {
        Response r = api.get("/readyz", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("ready");
    }

    @Test
    void metrics_are_prometheus_text_with_jvm_connection_pool_and_http_meters() {
        assertThat(api.get("/healthz", null).status()).isEqualTo(200);

        Response r = scrapeUntil(body -> body.contains("route=\"/healthz\""));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        assertThat(r.body())
                .contains("# TYPE ")
                .contains("jvm_memory_used_bytes")
                .contains("hikaricp_connections")
                .contains("http_server_requests_seconds_count{");
        assertThat(r.body().lines().filter(l -> l.startsWith("http_server_requests_seconds_count{") && l.contains("route=\"/healthz\"")))
                .anySatisfy(l -> assertThat(l).contains("method=\"GET\"").contains("status=\"200\""));
    }

    @Test
    void http_metrics_are_labelled_with_the_route_template_never_the_raw_path() {
        String admin = server.login("admin");
        UUID someone = UUID.randomUUID();
        String nowhere = "/no-such-page-" + UUID.randomUUID();
        assertThat(api.get("/api/v1/admin/users/" + someone, admin).status()).isEqualTo(404);
        assertThat(api.get(nowhere, null).status()).isEqualTo(404);

        Response r = scrapeUntil(body -> body.contains("route=\"/api/v1/admin/users/{userId}\""));

        assertThat(r.body()).doesNotContain(someone.toString()).doesNotContain(nowhere);
    }

    @Test
    void metrics_count_open_streams_and_the_streams_the_server_closed_by_code() {
        String token = server.login("alice");
        try (org.confer.testing.StreamClient s = org.confer.testing.StreamClient.connect(api.base(), token, true)) {
            s.hello(Map.of(), null);
            s.awaitType("ready");
            scrapeUntil(body -> body.lines().anyMatch(l -> l.startsWith("confer_streams_open ") && !l.endsWith(" 0.0")));
            assertThat(api.post("/api/v1/auth/logout", Map.of(), token).status()).isIn(200, 204);
            assertThat(s.awaitClose(java.time.Duration.ofSeconds(5))).isEqualTo(4001);
        }
        scrapeUntil(body -> body.contains("confer_streams_closed_total{code=\"4001\"}"));
    }

    /** The request logger records a request just after its response, so give it a moment. */
    private Response scrapeUntil(Predicate<String> ready) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        Response r;
        do {
            r = api.get("/metrics", server.metricsToken());
            if (r.status() == 200 && ready.test(r.body())) {
                return r;
            }
            sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("metrics never matched; last scrape:\n" + r);
    }

    // ---- problems for requests that cannot be served ----

    @Test
    void an_unknown_route_is_a_404_problem() {
        Response api404 = api.get("/api/v1/no-such-thing", null);
        assertProblem(api404, 404, "not-found");
        assertThat(api404.json().get("instance").asText()).isEqualTo("/api/v1/no-such-thing");

        assertProblem(api.get("/no-such-page.html", null), 404, "not-found");
    }

    @Test
    void a_method_the_route_does_not_support_is_a_405_problem() {
        assertProblem(api.delete("/api/v1/auth/login", null), 405, "method-not-allowed");
        assertProblem(api.send("PUT", "/healthz", "{}".getBytes(StandardCharsets.UTF_8), JSON), 405, "method-not-allowed");
    }

    @Test
    void malformed_json_is_a_400_malformed_json_problem() {
        Response r = postLogin("{\"email\": \"alice@demo.confer.test\", \"password\": ");

        assertProblem(r, 400, "malformed-json");
        assertThat(r.json().get("detail").asText()).contains("line");
    }

    @Test
    void trailing_garbage_after_the_json_object_is_refused() {
        assertProblem(postLogin("{\"email\": \"a@b.cd\", \"password\": \"x\"} {}"), 400, "malformed-json");
    }

    @Test
    void an_unknown_field_is_a_400_naming_the_field() {
        Response r = postLogin("{\"email\": \"alice@demo.confer.test\", \"password\": \"whatever-it-is\", \"rememberMe\": true}");

        assertProblem(r, 400, "malformed-json");
        assertThat(r.json().get("field").asText()).isEqualTo("rememberMe");
    }

    @Test
    void a_number_where_a_string_is_expected_is_a_400_naming_the_field() {
        Response r = postLogin("{\"email\": 5, \"password\": \"whatever-it-is\"}");

        assertProblem(r, 400, "malformed-json");
        assertThat(r.json().get("field").asText()).isEqualTo("email");
    }

    @Test
    void a_boolean_or_an_array_where_a_string_is_expected_is_a_400_naming_the_field() {
        Response bool = postLogin("{\"email\": \"alice@demo.confer.test\", \"password\": true}");
        assertProblem(bool, 400, "malformed-json");
        assertThat(bool.json().get("field").asText()).isEqualTo("password");

        Response array = postLogin("{\"email\": [\"alice@demo.confer.test\"], \"password\": \"whatever-it-is\"}");
        assertProblem(array, 400, "malformed-json");
        assertThat(array.json().get("field").asText()).isEqualTo("email");
    }

    @Test
    void an_array_a_string_or_null_where_an_object_is_expected_is_a_400() {
        assertProblem(postLogin("[{\"email\": \"alice@demo.confer.test\", \"password\": \"whatever-it-is\"}]"), 400, "malformed-json");
        assertProblem(postLogin("\"alice@demo.confer.test\""), 400, "malformed-json");
        assertProblem(postLogin("null"), 400, "malformed-json");
    }

    @Test
    void an_empty_body_is_a_400() {
        assertProblem(api.send("POST", "/api/v1/auth/login", new byte[0], JSON), 400, "malformed-json");
        assertProblem(api.send("POST", "/api/v1/auth/login", null, JSON), 400, "malformed-json");
    }

    @Test
    void a_body_that_is_not_declared_as_json_is_a_415() {
        Response r = api.send("POST", "/api/v1/auth/login",
                "{\"email\": \"alice@demo.confer.test\", \"password\": \"x\"}".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "text/plain"));

        assertProblem(r, 415, "unsupported-media-type");
    }

    @Test
    void a_body_over_the_limit_with_a_declared_length_is_a_413() {
        Response r = api.send("POST", "/api/v1/auth/login", oversizedLogin(), JSON);

        assertProblem(r, 413, "payload-too-large");
        assertThat(r.json().get("detail").asText()).contains("65536");
    }

    @Test
    void a_body_over_the_limit_without_a_declared_length_is_a_413() {
        Response r = api.sendChunked("POST", "/api/v1/auth/login", oversizedLogin(), JSON);

        assertProblem(r, 413, "payload-too-large");
    }

    @Test
    void a_body_just_under_the_limit_is_read() {
        // 65,000 bytes of JSON: accepted as a body, then refused by login's own field rule (not 413).
        String body = "{\"email\": \"alice@demo.confer.test\", \"password\": \"" + "p".repeat(64_900) + "\"}";
        assertThat(body.length()).isLessThan(65_536);

        Response r = api.sendChunked("POST", "/api/v1/auth/login", body.getBytes(StandardCharsets.UTF_8), JSON);

        assertProblem(r, 400, "validation");
        assertThat(r.json().get("field").asText()).isEqualTo("password");
    }

    /** A login request of about 70 KB, over the default limit of 64 KiB. */
    private static byte[] oversizedLogin() {
        return ("{\"email\": \"alice@demo.confer.test\", \"password\": \"" + "p".repeat(70_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    // ---- headers ----

    @Test
    void api_static_and_error_responses_carry_the_security_headers() {
        Map<String, Response> responses = Map.of(
                "API", api.get("/api/v1/setup", null),
                "API error", api.get("/api/v1/me", null),
                "static page", api.get("/", null),
                "static asset", api.get("/setup.js", null),
                "not found", api.get("/no-such-page.html", null));

        responses.forEach((what, r) -> {
            assertThat(r.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
            assertThat(r.header("X-Frame-Options")).as(what).isEqualTo("DENY");
            assertThat(r.header("Content-Security-Policy")).as(what).contains("frame-ancestors 'none'").contains("default-src 'self'");
            assertThat(r.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
            assertThat(r.header("Strict-Transport-Security")).as(what + ": no HSTS over plain http").isNull();
        });
    }

    @Test
    void api_responses_are_never_cached() {
        String token = server.login("alice");
        assertThat(api.get("/api/v1/me", token).header("Cache-Control")).isEqualTo("no-store");
        assertThat(api.get("/api/v1/me", null).header("Cache-Control")).as("errors too").isEqualTo("no-store");
        assertThat(api.get("/api/v1/setup", null).header("Cache-Control")).isEqualTo("no-store");
        assertThat(api.get("/api/v1/nothing-here", null).header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void the_root_serves_the_web_client_and_its_hashed_assets_are_immutable() {
        Response r = api.get("/", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(r.body()).contains("<title>Confer</title>").contains("<div id=\"root\">");
        assertThat(r.header("Cache-Control")).isEqualTo("no-cache");

        java.util.regex.Matcher script = java.util.regex.Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(r.body());
        assertThat(script.find()).as("index.html names a hashed script (web/dist, built by the web module)").isTrue();
        Response asset = api.get(script.group(1), null);
        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(asset.header("Content-Security-Policy")).contains("default-src 'self'");
    }

    @Test
    void the_openapi_document_is_served_as_json() {
        Response r = api.get("/api/v1/openapi.json", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json().hasNonNull("openapi")).isTrue();
        assertThat(r.json().get("paths").has("/api/v1/auth/login")).isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

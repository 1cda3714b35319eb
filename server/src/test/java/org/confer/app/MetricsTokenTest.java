package org.confer.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.confer.testing.Api.Response;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/** With CONFER_METRICS_TOKEN set, /metrics answers only a scraper that presents it. */
class MetricsTokenTest extends ServerTest {
    private static final String TOKEN = "metrics-token-for-tests-0123456789";

    @Override
    protected Map<String, String> settings() {
        return Map.of("CONFER_METRICS_TOKEN", TOKEN);
    }

    private Response scrape(Map<String, String> headers) {
        return api.send("GET", "/metrics", null, headers);
    }

    @Test
    void metrics_without_a_token_are_refused() {
        Response r = scrape(Map.of());

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.problemType()).isEqualTo("unauthenticated");
        assertThat(r.body()).doesNotContain("jvm_").doesNotContain(TOKEN);
    }

    @Test
    void metrics_with_a_wrong_token_are_refused() {
        assertThat(scrape(Map.of("Authorization", "Bearer not-the-metrics-token")).status()).isEqualTo(401);
        assertThat(scrape(Map.of("Authorization", "Bearer " + TOKEN + "x")).status()).isEqualTo(401);
        assertThat(scrape(Map.of("Authorization", "Bearer " + TOKEN.substring(1))).status()).isEqualTo(401);
        assertThat(scrape(Map.of("Authorization", TOKEN)).status()).as("without the Bearer scheme").isEqualTo(401);
    }

    @Test
    void a_user_session_token_is_not_a_metrics_token() {
        String session = server.login("admin");

        assertThat(scrape(Map.of("Authorization", "Bearer " + session)).status()).isEqualTo(401);
    }

    @Test
    void metrics_with_the_configured_bearer_token_are_served() {
        Response r = scrape(Map.of("Authorization", "Bearer " + TOKEN));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        assertThat(r.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void health_and_readiness_stay_open_for_probes() {
        assertThat(api.get("/healthz", null).status()).isEqualTo(200);
        assertThat(api.get("/readyz", null).status()).isEqualTo(200);
    }
}

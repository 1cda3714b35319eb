package org.confer.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.confer.testing.Api.Response;
import org.confer.testing.Backend;
import org.confer.testing.TestServer;
import org.confer.testing.TestStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Finding 6 (LOW): /metrics is private without any configuration. The first start generates a
 * token, keeps it in the database (every node of a cluster shares it) and writes it to
 * data/metrics-token.txt, readable by its owner only; later starts keep it.
 */
@ParameterizedClass(name = "[{0}]")
@EnumSource(Backend.class)
class MetricsPrivateByDefaultTest {
    @Parameter
    Backend backend;

    @Test
    void without_a_configured_token_metrics_need_the_generated_one_which_survives_a_restart() throws Exception {
        try (TestStorage storage = TestStorage.create(backend)) {
            String token;
            try (TestServer server = TestServer.start(storage, Map.of())) {
                Response anonymous = server.api.get("/metrics", null);
                assertThat(anonymous.status()).isEqualTo(401);
                assertThat(anonymous.body()).doesNotContain("jvm_");
                Path file = storage.dataDir.resolve("metrics-token.txt");
                assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
                        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
                token = server.metricsToken();
                assertThat(server.banner()).contains("metrics-token.txt").doesNotContain(token);
                assertThat(server.api.get("/metrics", server.login("admin")).status()).as("a session is not it").isEqualTo(401);
                assertThat(server.api.get("/metrics", token).status()).isEqualTo(200);
            }
            try (TestServer again = TestServer.start(storage, Map.of())) {
                assertThat(again.metricsToken()).isEqualTo(token);
                assertThat(again.api.get("/metrics", token).status()).isEqualTo(200);
            }
        }
    }
}

package org.confer.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.confer.testing.Backend;
import org.confer.testing.Eventually;
import org.confer.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * A stopping node first fails /readyz, then keeps serving for CONFER_DRAIN_SECONDS, so a load
 * balancer checking /readyz takes it out before its requests and streams are cut (docs/cluster.md).
 */
class DrainTest {

    @Test
    void aStoppingNodeFailsReadinessButStillServesUntilTheDrainIsOver() {
        TestServer server = TestServer.start(Backend.H2, Map.of("CONFER_DRAIN_SECONDS", "3"));
        String token = server.login("alice");
        assertThat(server.api.get("/readyz", null).status()).isEqualTo(200);
        long t0 = System.nanoTime();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        Eventually.answer(Duration.ofSeconds(2), () -> server.api.get("/readyz", null).status(), s -> s == 503, "readyz failing");
        assertThat(server.api.get("/api/v1/me", token).status()).as("still serving while draining").isEqualTo(200);
        closing.join();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("the drain was waited out").isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }
}

package org.confer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The usage scenario still works at a tiny size: the server seeds its synthetic year (5
 * organisations), and the year of national figures is read in every shape. Its own server: only
 * this scenario asks for the synthetic year. No timing is asserted.
 */
class UsageSmokeTest {
    private static final Path JAR = Path.of("..", "server", "target", "confer.jar");

    @Test
    void a_tiny_usage_run_reads_the_synthetic_national_year() throws Exception {
        assertThat(JAR).as("the server module packages before the bench module is tested").exists();
        Options o = Options.parse(new String[] {"usage", "--start", "h2", "--jar", JAR.toString(), "--server-heap", "256m",
                "--orgs", "5", "--reads", "20", "--warmup", "5"});
        try (ServerUnderTest server = ServerUnderTest.from(o)) {
            JsonNode r = UsageScenario.run(o, server).json;
            assertThat(r.get("delivered").asLong()).isEqualTo(20);
            assertThat(r.get("activeUsersMonth").asLong()).isEqualTo(132_000);
            // A mean over the whole year: the first eight weeks grow from a seventh of the plateau.
            assertThat(r.get("messagesPerDay").asLong()).isBetween(400_000L, 496_000L);
            assertThat(r.get("p99Ms").asDouble()).isPositive();
        }
    }
}
